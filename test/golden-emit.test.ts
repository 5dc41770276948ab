/**
 * Golden tests of the emitter: `fixtures/emit/<case>/input.cfg` (plus any `.cfg` it includes)
 * compiles without errors to exactly `output.ts`, and every `output.ts` type-checks under
 * `strict` against the runtime's types. A first line `# target: 2.4` selects the OpenSIPS version
 * (default 3.6). Regenerate with UPDATE_GOLDEN=1, then read the diff.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compileToTypeScript, type Target } from "../compiler/index.ts";
import { renderDiagnostic } from "../compiler/diagnostics.ts";
import { FIXTURES_DIR, runGoldenSuite } from "./support/golden.ts";
import { typeErrors } from "./support/emit-typecheck.ts";

const SUITE = "emit";
const TARGET_LINE = /^# target: (2\.4|3\.4|3\.6)\n/;

runGoldenSuite({
  suite: SUITE,
  outputs: ["output.ts"],
  extraInputs: /^[a-z0-9-]+\.cfg$/,
  render: (c) => {
    const target = (TARGET_LINE.exec(c.input)?.[1] ?? "3.6") as Target;
    const result = compileToTypeScript(c.input, { file: "input.cfg", readFile: c.readFile, target, sourcemap: "none" });
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0) {
      throw new Error(errors.map((d) => renderDiagnostic(d, { sources: result.sources, color: false })).join("\n"));
    }
    return { "output.ts": result.code };
  },
});

test("emit: every output.ts type-checks under strict against the runtime", () => {
  const root = join(FIXTURES_DIR, SUITE);
  const goldens = new Map<string, string>();
  for (const name of readdirSync(root)) {
    const file = join(root, name, "output.ts");
    if (existsSync(file)) goldens.set(`${name}.ts`, readFileSync(file, "utf8"));
  }
  assert.ok(goldens.size >= 45, `only ${goldens.size} goldens`);
  const failures = [...typeErrors(goldens)].flatMap(([name, errors]) => errors.map((e) => `${name} ${e}`));
  assert.deepEqual(failures, []);
});

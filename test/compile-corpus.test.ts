/**
 * compile() over every non-TEMPLATE script of the real-world corpus (target 2.4 for scripts the
 * manifest dates to OpenSIPS 2, else 3.6): no internal error on any of them, the JavaScript of
 * every script that compiles loads in Node (even where the runtime lacks some of its functions),
 * and its TypeScript type-checks against the runtime.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compile, compileToTypeScript } from "../compiler/index.ts";
import type { Script } from "../runtime/index.ts";
import { corpusScripts } from "../bench/corpus.ts";
import { typeErrors } from "./support/emit-typecheck.ts";

const RUNTIME_URL = pathToFileURL(new URL("../runtime/index.ts", import.meta.url).pathname).href;
/** Emitter and internal errors; OSX5002 (a function the runtime does not implement) is information. */
const EMITTER_CODES = /^OSX5(?!002)/;

test("corpus: every script compiles without an emitter or internal error, and its JavaScript loads", async () => {
  const dir = mkdtempSync(join(tmpdir(), "opensips-corpus-"));
  const scripts = corpusScripts();
  const notCompiled: string[] = [];
  try {
    for (const [i, s] of scripts.entries()) {
      const result = await compile(s.source, { file: s.path, target: s.target, sourcemap: "none", runtimeImport: RUNTIME_URL });
      const emitterErrors = result.diagnostics.filter((d) => EMITTER_CODES.test(d.code) || /internal/i.test(d.message));
      assert.deepEqual(emitterErrors, [], s.file);
      if (result.code === "") {
        notCompiled.push(s.file);
        continue;
      }
      const out = join(dir, `script${i}.mjs`);
      writeFileSync(out, result.code);
      const loaded = ((await import(pathToFileURL(out).href)) as { default: Script }).default;
      assert.equal(loaded.file, s.path, s.file);
      assert.ok(loaded.routes.request instanceof Map, s.file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`corpus: ${scripts.length - notCompiled.length} of ${scripts.length} scripts compiled and loaded (the others have check errors)`);
  assert.ok(scripts.length > 90);
});

test("corpus: the TypeScript of every script that compiles type-checks under strict", () => {
  const modules = new Map<string, string>();
  for (const s of corpusScripts()) {
    const result = compileToTypeScript(s.source, { file: s.path, target: s.target, sourcemap: "none" });
    if (result.code !== "") modules.set(`${s.file}.ts`, result.code);
  }
  assert.ok(modules.size > 0);
  const failures = [...typeErrors(modules)].flatMap(([name, errors]) => errors.map((e) => `${name} ${e}`));
  assert.deepEqual(failures, []);
});

/**
 * Golden tests of syntax errors: every `fixtures/errors/<case>/input.cfg` must produce at least one
 * diagnostic, rendered (without colour) exactly as in `diagnostics.txt`.
 */
import { renderDiagnostic } from "../compiler/diagnostics.ts";
import { parseScript } from "../compiler/parse.ts";
import { runGoldenSuite } from "./support/golden.ts";

runGoldenSuite({
  suite: "errors",
  outputs: ["diagnostics.txt"],
  extraInputs: /^[a-z0-9-]+\.cfg$/,
  render: (c) => {
    const result = parseScript(c.input, { file: "input.cfg", readFile: c.readFile });
    if (result.diagnostics.length === 0) throw new Error("expected at least one diagnostic, got none");
    const rendered = result.diagnostics.map((d) => renderDiagnostic(d, { sources: result.sources, color: false }));
    return { "diagnostics.txt": rendered.join("\n\n") + "\n" };
  },
});

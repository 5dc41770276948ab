/**
 * Golden tests of valid syntax: every `fixtures/syntax/<case>/input.cfg` must parse without errors,
 * and its AST dump must match `ast.txt` (regenerate with UPDATE_GOLDEN=1, then read the diff).
 */
import { dumpAst } from "../compiler/ast-dump.ts";
import { renderDiagnostic } from "../compiler/diagnostics.ts";
import { parseScript } from "../compiler/parse.ts";
import { runGoldenSuite } from "./support/golden.ts";

runGoldenSuite({
  suite: "syntax",
  outputs: ["ast.txt"],
  extraInputs: /^[a-z0-9-]+\.cfg$/,
  render: (c) => {
    const result = parseScript(c.input, { file: "input.cfg", readFile: c.readFile });
    if (result.diagnostics.length > 0) {
      const shown = result.diagnostics.map((d) => renderDiagnostic(d, { sources: result.sources, color: false }));
      throw new Error(`valid syntax produced diagnostics:\n${shown.join("\n")}`);
    }
    return { "ast.txt": dumpAst(result.script) };
  },
});

/**
 * Golden tests of the checker: every `fixtures/check/<case>/input.cfg` is parsed and checked, and
 * its diagnostics are rendered (without colour) exactly as in `diagnostics.txt`. A first line
 * `# target: 2.4` selects the OpenSIPS version (default 3.6); the input must parse without errors.
 */
import { checkScript, type CheckTarget } from "../compiler/check.ts";
import { hasErrors, renderDiagnostic, sortDiagnostics } from "../compiler/diagnostics.ts";
import { parseScript } from "../compiler/parse.ts";
import { runGoldenSuite } from "./support/golden.ts";

runGoldenSuite({
  suite: "check",
  outputs: ["diagnostics.txt"],
  render: (c) => {
    const target = (/^# target: (2\.4|3\.4|3\.6)$/m.exec(c.input)?.[1] ?? "3.6") as CheckTarget;
    const parsed = parseScript(c.input, { file: "input.cfg", readFile: c.readFile });
    if (hasErrors(parsed.diagnostics)) throw new Error(`input.cfg must parse: ${parsed.diagnostics[0]!.message}`);
    const diagnostics = sortDiagnostics([...parsed.diagnostics, ...checkScript(parsed.script, { target }).diagnostics]);
    const rendered = diagnostics.map((d) => renderDiagnostic(d, { sources: parsed.sources, color: false }));
    return { "diagnostics.txt": rendered.length > 0 ? rendered.join("\n\n") + "\n" : "no diagnostics\n" };
  },
});

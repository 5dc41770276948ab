/** Preprocessing (spec §0, §3.6): include flattening with origins, and the `-p` style command. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { RouteBlock, Statement } from "../compiler/ast.ts";
import { parseScript } from "../compiler/parse.ts";
import { preprocess } from "../compiler/preprocess.ts";

/** An in-memory file system for `readFile`. */
function files(map: Record<string, string>): (path: string) => string | null {
  return (path) => map[path] ?? null;
}

function statementsOf(source: string, readFile: (path: string) => string | null): Statement[] {
  const result = parseScript(source, { file: "main.cfg", readFile });
  assert.deepEqual(result.diagnostics, []);
  return (result.script.items[0] as RouteBlock).body.statements;
}

test("an include line is replaced by the file; spans name the included file and its lines", () => {
  const readFile = files({ "body.cfg": "xlog(\"a\\n\");\n\nexit;\n" });
  const [xlog, exit, drop] = statementsOf("route {\n  include_file \"body.cfg\"\n  drop;\n}\n", readFile);
  assert.deepEqual([xlog!.span.file, xlog!.span.line, xlog!.span.column], ["body.cfg", 1, 1]);
  assert.deepEqual([exit!.span.file, exit!.span.line], ["body.cfg", 3]);
  assert.deepEqual([drop!.span.file, drop!.span.line, drop!.span.column], ["main.cfg", 3, 3]);
});

test("the whole directive line is consumed, text after the path included", () => {
  const result = parseScript('route {\n  include_file "body.cfg" }\n', { file: "main.cfg", readFile: files({ "body.cfg": "exit;\n" }) });
  assert.equal(result.diagnostics.length, 1);
  assert.match(result.diagnostics[0]!.message, /end of file/);
});

test("`import_file` is the same directive; single quotes and leading blanks are accepted", () => {
  const readFile = files({ "a.cfg": "log_level = 1\n" });
  const flat = preprocess("\t import_file 'a.cfg'\nimport_file \"a.cfg\"\n", { file: "main.cfg", readFile });
  assert.equal(flat.text, "log_level = 1\nlog_level = 1");
  assert.deepEqual(flat.diagnostics, []);
  assert.deepEqual(flat.files, ["main.cfg", "a.cfg", "a.cfg"]);
});

test("a directive that is not the first word of its line is left in place", () => {
  const flat = preprocess('route { include_file "x.cfg" }\n', { file: "main.cfg", readFile: () => "exit;" });
  assert.equal(flat.text, 'route { include_file "x.cfg" }');
  assert.deepEqual(flat.files, ["main.cfg"]);
});

test("relative paths are tried against the working directory first, then the including file's directory", () => {
  const tried: string[] = [];
  const readFile = (path: string) => {
    tried.push(path);
    return path === "conf/routes/inner.cfg" ? "exit;\n" : path === "conf/routes.cfg" ? 'include_file "routes/inner.cfg"\n' : null;
  };
  const flat = preprocess('include_file "routes.cfg"\n', { file: "conf/main.cfg", readFile });
  assert.deepEqual(flat.diagnostics, []);
  assert.deepEqual(tried, ["routes.cfg", "conf/routes.cfg", "routes/inner.cfg", "conf/routes/inner.cfg"]);
  assert.equal(flat.text, "exit;");
});

test("origins survive several includes: each flattened line maps back to its file and line", () => {
  const readFile = files({ "a.cfg": "a1\na2\n", "b.cfg": "b1\n" });
  const flat = preprocess('m1\ninclude_file "a.cfg"\nm3\ninclude_file "b.cfg"\nm5\n', { file: "main.cfg", readFile });
  assert.equal(flat.text, "m1\na1\na2\nm3\nb1\nm5");
  assert.deepEqual(flat.runs, [
    { flatLine: 0, file: "main.cfg", line: 1 },
    { flatLine: 1, file: "a.cfg", line: 1 },
    { flatLine: 3, file: "main.cfg", line: 3 },
    { flatLine: 4, file: "b.cfg", line: 1 },
    { flatLine: 5, file: "main.cfg", line: 5 },
  ]);
});

test("a missing include is reported at the directive", () => {
  const result = parseScript('log_level = 1\n  include_file "gone.cfg"\n', { file: "main.cfg", readFile: () => null });
  assert.deepEqual(
    result.diagnostics.map((d) => [d.code, d.line, d.column, d.endColumn]),
    [["OSX0001", 2, 3, 26]],
  );
});

test("an include cycle is reported at the directive that closes it", () => {
  const readFile = files({ "a.cfg": 'include_file "b.cfg"\n', "b.cfg": 'x = 1\ninclude_file "a.cfg"\n' });
  const result = parseScript('include_file "a.cfg"\n', { file: "main.cfg", readFile });
  assert.deepEqual(
    result.diagnostics.map((d) => [d.code, d.file, d.line]),
    [["OSX0002", "b.cfg", 2]],
  );
  assert.match(result.diagnostics[0]!.message, /a\.cfg → b\.cfg → a\.cfg/);
});

test("sources and files list everything read, for code frames and --watch", () => {
  const result = parseScript('include_file "x.cfg"\nroute { exit; }\n', { file: "main.cfg", readFile: files({ "x.cfg": "log_level = 2\n" }) });
  assert.deepEqual(result.files, ["main.cfg", "x.cfg"]);
  assert.deepEqual([...result.sources.keys()], ["main.cfg", "x.cfg"]);
});

test("the preprocessor command gets the main file on stdin and its output is parsed", () => {
  const result = parseScript("route { ACTION; }\n", { file: "main.cfg", preprocessor: "sed s/ACTION/exit/" });
  assert.deepEqual(result.diagnostics, []);
  assert.equal((result.script.items[0] as RouteBlock).body.statements[0]!.kind, "Exit");
  assert.equal(result.sources.get("main.cfg"), "route { exit; }\n");
});

test("a failing or silent preprocessor command is a diagnostic", () => {
  const failed = parseScript("route { exit; }\n", { file: "main.cfg", preprocessor: "echo broken >&2; exit 3" });
  assert.deepEqual(failed.diagnostics.map((d) => d.code), ["OSX0004"]);
  assert.match(failed.diagnostics[0]!.message, /exit status 3 \(broken\)/);
  const silent = parseScript("route { exit; }\n", { file: "main.cfg", preprocessor: "cat >/dev/null" });
  assert.match(silent.diagnostics[0]!.message, /printed nothing/);
});

test("a byte-order mark at the start of the main file is ignored", () => {
  const result = parseScript("\ufeffroute { exit; }\n", { file: "main.cfg" });
  assert.deepEqual(result.diagnostics, []);
});

/** `opensips-ts check` as users run it: the built binary, exit codes, human and JSON output. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { runCli, tempDirWith } from "./support/cli.ts";

const CLEAN = `loadmodule "sl.so"
route {
	if ($rm == "OPTIONS") {
		sl_send_reply(200, "OK");
		exit;
	}
	sl_send_reply(404, "Not here");
}
`;

/** Three independent checker errors: wrong arity (4:2), unknown function (5:2), undefined route (6:8). */
const THREE_ERRORS = `loadmodule "sl.so"

route {
	sl_send_reply(404);
	nosuch_fn("x");
	route(missing);
}
`;

/** Three independent syntax errors, at 2:12, 3:17 and 5:15. */
const THREE_SYNTAX_ERRORS = `route {
	$var(x) = ;
	if ($var(x) == ) { exit; }
	xlog("fine\\n");
	$var(y) = 1 +;
}
`;

const ANSI = /\x1b\[/;

interface JsonDiagnostic {
  file: string;
  severity: string;
  code: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

interface JsonEntry {
  file: string;
  ok: boolean;
  diagnostics: JsonDiagnostic[];
}

function parseJson(stdout: string): JsonEntry[] {
  const entries = JSON.parse(stdout) as JsonEntry[];
  assert.ok(Array.isArray(entries), "--json prints one array");
  return entries;
}

test("check: a clean file exits 0; every error of a file is reported with a code frame; no colour unless asked", async (t) => {
  const dir = tempDirWith(t, { "clean.cfg": CLEAN, "bad.cfg": THREE_ERRORS });

  const clean = await runCli(["check", "clean.cfg"], dir);
  assert.equal(clean.code, 0, clean.stderr);
  assert.match(clean.stdout, /^clean\.cfg: 0 errors, 0 warnings$/m);

  const bad = await runCli(["check", "clean.cfg", "bad.cfg"], dir);
  assert.equal(bad.code, 1, bad.stderr);
  assert.doesNotMatch(bad.stdout, ANSI, "stdout is not a terminal");
  const heads = [...bad.stdout.matchAll(/^(\S+):(\d+):(\d+): error: (.*)$/gm)].map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[4]}`);
  assert.equal(heads.length, 3, bad.stdout);
  assert.match(heads[0]!, /^bad\.cfg:4:2 .*sl_send_reply/);
  assert.match(heads[1]!, /^bad\.cfg:5:2 .*nosuch_fn/);
  assert.match(heads[2]!, /^bad\.cfg:6:8 .*missing/);
  // The frame of the last one: the line (its tab printed as one space), then carets under `missing`.
  assert.match(bad.stdout, /^6 \|  route\(missing\);\n  \| {8}\^{7}$/m);
  assert.match(bad.stdout, /^bad\.cfg: 3 errors, 0 warnings$/m);

  const colored = await runCli(["check", "--color", "bad.cfg"], dir);
  assert.equal(colored.code, 1);
  assert.match(colored.stdout, ANSI);
});

test("check --json: one array, an entry per file, every diagnostic with its position", async (t) => {
  const dir = tempDirWith(t, { "clean.cfg": CLEAN, "bad.cfg": THREE_ERRORS, "syntax.cfg": THREE_SYNTAX_ERRORS });
  const run = await runCli(["check", "--json", "clean.cfg", "bad.cfg", "syntax.cfg"], dir);
  assert.equal(run.code, 1, run.stderr);
  const [clean, bad, syntax] = parseJson(run.stdout);
  assert.deepEqual(clean, { file: "clean.cfg", ok: true, diagnostics: [] });

  assert.equal(bad!.file, "bad.cfg");
  assert.equal(bad!.ok, false);
  assert.deepEqual(
    bad!.diagnostics.map((d) => [d.file, d.severity, d.line, d.column]),
    [
      ["bad.cfg", "error", 4, 2],
      ["bad.cfg", "error", 5, 2],
      ["bad.cfg", "error", 6, 8],
    ],
  );
  for (const d of bad!.diagnostics) {
    assert.deepEqual(Object.keys(d).sort(), ["code", "column", "endColumn", "endLine", "file", "line", "message", "severity"]);
    assert.match(d.code, /^OS[A-Z][0-9]{4}$/);
    assert.ok(d.message.length > 0);
  }
  assert.deepEqual([bad!.diagnostics[2]!.endLine, bad!.diagnostics[2]!.endColumn], [6, 15], "the span covers `missing`");

  assert.equal(syntax!.ok, false);
  assert.deepEqual(
    syntax!.diagnostics.map((d) => [d.line, d.column]),
    [
      [2, 12],
      [3, 17],
      [5, 15],
    ],
    "the parser recovers and reports every syntax error",
  );
});

test("check: usage and I/O errors exit 2", async (t) => {
  const dir = tempDirWith(t, { "clean.cfg": CLEAN });
  const cases: [string, string[], RegExp][] = [
    ["a missing file (the others are still checked)", ["check", "clean.cfg", "missing.cfg"], /cannot read missing\.cfg/],
    ["no files", ["check"], /not enough/i],
    ["an unknown option", ["check", "clean.cfg", "--frobnicate"], /unknown argument: frobnicate/i],
    ["an unknown target", ["check", "--target", "9.9", "clean.cfg"], /target/],
    ["a directory", ["check", "."], /cannot read \./],
  ];
  const runs = await Promise.all(cases.map(([, args]) => runCli(args, dir)));
  for (const [i, [what, , message]] of cases.entries()) {
    assert.equal(runs[i]!.code, 2, `${what}: ${runs[i]!.stderr}`);
    assert.match(runs[i]!.stderr, message, what);
  }
  assert.match(runs[0]!.stdout, /^clean\.cfg: 0 errors/m);
});

test("check --target: 2.4 and 3.6 judge the same script differently; without it, 2.x syntax picks 2.4 and says so", async (t) => {
  const dir = tempDirWith(t, {
    "old.cfg": `children = 4\nloadmodule "sl.so"\nroute {\n\tsl_send_reply("404", "Not here");\n}\n`,
    "new.cfg": `loadmodule "sl.so"\nroute {\n\tsl_send_reply("404", "Not here");\n}\n`,
  });
  const [v24, v36, guessedOld, guessedNew] = await Promise.all([
    runCli(["check", "--json", "--target", "2.4", "old.cfg"], dir),
    runCli(["check", "--json", "--target", "3.6", "old.cfg"], dir),
    runCli(["check", "--json", "old.cfg"], dir),
    runCli(["check", "--json", "new.cfg"], dir),
  ]);
  assert.equal(guessedOld.code, 0, guessedOld.stdout);
  const [note] = parseJson(guessedOld.stdout)[0]!.diagnostics;
  assert.equal(note?.code, "OSX0100");
  assert.equal(note?.severity, "info");
  assert.match(note!.message, /checked as OpenSIPS 2\.4 .*children/);
  assert.equal(guessedNew.code, 1, "without 2.x syntax the default is 3.6, which rejects the quoted reply code");
  assert.equal(v24.code, 0, v24.stdout + v24.stderr);
  assert.equal(parseJson(v24.stdout)[0]!.ok, true);
  assert.equal(v36.code, 1, v36.stdout + v36.stderr);
  const [entry] = parseJson(v36.stdout);
  assert.ok(entry!.diagnostics.some((d) => d.line === 1 && d.column === 1 && /children/.test(d.message)), v36.stdout);
});

test("check --preprocessor: a template parses once its placeholders are filled", async (t) => {
  const dir = tempDirWith(t, { "tmpl.cfg": `loadmodule "sl.so"\nroute {\n\tsl_send_reply(%%CODE%%, "Not here");\n}\n` });
  const [raw, piped, failing] = await Promise.all([
    runCli(["check", "tmpl.cfg"], dir),
    runCli(["check", "--preprocessor", "sed s/%%CODE%%/404/", "tmpl.cfg"], dir),
    runCli(["check", "--preprocessor", "exit 3", "tmpl.cfg"], dir),
  ]);
  assert.equal(raw.code, 1, raw.stdout);
  assert.match(raw.stdout, /^tmpl\.cfg:3:\d+: error/m);
  assert.equal(piped.code, 0, piped.stdout + piped.stderr);
  assert.equal(failing.code, 1);
  assert.match(failing.stdout, /^tmpl\.cfg:1:1: error: .*exit 3/m);
});

test("check: an error inside an included file names that file and line", async (t) => {
  const dir = tempDirWith(t, {
    "main.cfg": `loadmodule "sl.so"\ninclude_file "inc/sub.cfg"\nroute {\n\troute(sub);\n}\n`,
    "inc/sub.cfg": `route[sub] {\n\txlog("in sub\\n");\n\tnosuch_fn2();\n}\n`,
  });
  const [human, json] = await Promise.all([runCli(["check", "main.cfg"], dir), runCli(["check", "--json", "main.cfg"], dir)]);
  assert.equal(human.code, 1);
  assert.match(human.stdout, /^inc\/sub\.cfg:3:2: error: .*nosuch_fn2/m);
  assert.match(human.stdout, /^3 \|  nosuch_fn2\(\);$/m);
  assert.equal(json.code, 1);
  const [entry] = parseJson(json.stdout);
  assert.equal(entry!.file, "main.cfg");
  assert.deepEqual(
    entry!.diagnostics.map((d) => [d.file, d.line, d.column]),
    [["inc/sub.cfg", 3, 2]],
  );
});

/**
 * regex: pcre_match and pcre_match_group with a groups file, the pcre_* options, and the PCRE to
 * JavaScript translation the runtime uses for them (and for dialplan).
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { regexModule } from "../runtime/modules/regex-module.ts";
import { groupPatterns } from "../runtime/modules/regex-module-groups.ts";
import { compilePcre } from "../runtime/modules/regex-module-pcre.ts";
import { request, startScript, type ScriptRun } from "./support/module-scripts.ts";

const dir = mkdtempSync(join(tmpdir(), "opensips-ts-regex-"));
let files = 0;

function groupsFile(text: string): string {
  const file = join(dir, `groups-${++files}.txt`);
  writeFileSync(file, text);
  return file;
}

const GROUPS = groupsFile(`### users
[0]
^sip:alice@
^sip:bob@

# carriers
[1]
^sip:\\+?44[0-9]+@
[2]
`);

function start(body: string, params = ""): Promise<ScriptRun> {
  return startScript(`loadmodule "regex.so"\n${params}\nroute {\n${body}\n}\n`, "3.6", [regexModule]);
}

/** The xlog lines (and errors) of one MESSAGE through `run`, with `headers` added. */
async function lines(run: ScriptRun, headers = "", ruri = "sip:bob@10.0.0.2"): Promise<string[]> {
  const before = run.env.events.length;
  await run.send(request("MESSAGE", { headers, ruri }));
  return run.env.events.slice(before).flatMap((e) => (e.event === "log" ? [e.level === "ERROR" ? `ERROR ${e.text}` : e.text] : []));
}

const MATCH = `
	pcre_match("$hdr(X-Subject)", "$hdr(X-Regex)");
	xlog("$rc\\n");
`;

test("pcre_match: 1 on a match, -1 otherwise, -4 with an error when the expression does not compile", async () => {
  const run = await start(MATCH);
  const check = (subject: string, regex: string): Promise<string[]> => lines(run, `X-Subject: ${subject}\r\nX-Regex: ${regex}\r\n`);
  assert.deepEqual(await check("Twinkle/1.0", "(?i)^twinkle"), ["1"]);
  assert.deepEqual(await check("Twinkle/1.0", "^twinkle"), ["-1"]);
  assert.deepEqual(await check("user12", "^user\\d{2}$"), ["1"]);
  assert.deepEqual(await check("abc", "^(?P<x>a)b(?P=x)?c"), ["1"]);
  assert.deepEqual(await check("abc", "(?>a)bc"), ["ERROR ERROR:regex:w_pcre_match: pcre_re compilation of '(?>a)bc' failed: atomic groups are not supported by the runtime", "-4"]);
  assert.deepEqual(await check("abc", "a(b"), ["ERROR ERROR:regex:w_pcre_match: pcre_re compilation of 'a(b' failed: Invalid regular expression: /a(b/: Unterminated group", "-4"]);
});

test("pcre_match: `$$` in a script string is the end-of-line `$` the documentation asks for", async () => {
  const run = await start(`
	if (pcre_match("$rU", "^user[1234]$$")) xlog("matches $rU\\n");
	else xlog("no match $rU\\n");
`);
  assert.deepEqual(await lines(run, "", "sip:user3@example.com"), ["matches user3"]);
  assert.deepEqual(await lines(run, "", "sip:user35@example.com"), ["no match user35"]);
});

test("the pcre_* options apply only when the groups file is set, and then to pcre_match too", async () => {
  const options = `modparam("regex", "pcre_caseless", 1)\nmodparam("regex", "pcre_extended", 1)`;
  const withoutFile = await start(MATCH, options);
  assert.deepEqual(await lines(withoutFile, "X-Subject: ABC\r\nX-Regex: ^abc\r\n"), ["-1"]);
  const withFile = await start(MATCH, `${options}\nmodparam("regex", "file", "${GROUPS}")`);
  assert.deepEqual(await lines(withFile, "X-Subject: ABC\r\nX-Regex: ^a b c # spaced out\r\n"), ["1"]);
});

test("pcre_multiline and pcre_dotall change ^, $ and . as in PCRE", async () => {
  const body = `
	$var(text) = "first\\nsecond";
	pcre_match("$var(text)", "$hdr(X-Regex)");
	xlog("$rc\\n");
`;
  const plain = await start(body, `modparam("regex", "file", "${GROUPS}")`);
  assert.deepEqual(await lines(plain, "X-Regex: ^second$\r\n"), ["-1"]);
  assert.deepEqual(await lines(plain, "X-Regex: first.second\r\n"), ["-1"]);
  const multiline = await start(body, `modparam("regex", "file", "${GROUPS}")\nmodparam("regex", "pcre_multiline", 1)\nmodparam("regex", "pcre_dotall", 1)`);
  assert.deepEqual(await lines(multiline, "X-Regex: ^second$\r\n"), ["1"]);
  assert.deepEqual(await lines(multiline, "X-Regex: first.second\r\n"), ["1"]);
});

const GROUP_MATCH = `
	pcre_match_group("$ru", $hdr(X-Group));
	xlog("$hdr(X-Group): $rc\\n");
	pcre_match_group("$ru");
	xlog("default: $rc\\n");
`;

test("pcre_match_group matches the R-URI against the file's groups; group 0 is the default", async () => {
  const run = await start(GROUP_MATCH, `modparam("regex", "file", "${GROUPS}")`);
  assert.deepEqual(await lines(run, "X-Group: 1\r\n", "sip:+4420555@gw.example.com"), ["1: 1", "default: -1"]);
  assert.deepEqual(await lines(run, "X-Group: 1\r\n", "sip:alice@example.com"), ["1: -1", "default: 1"]);
  // An empty group becomes ^$, which a non-empty string never matches.
  assert.deepEqual(await lines(run, "X-Group: 2\r\n", "sip:bob@example.com"), ["2: -1", "default: 1"]);
  assert.deepEqual(await lines(run, "X-Group: 3\r\n"), ["ERROR ERROR:regex:w_pcre_match_group: invalid pcre index '3', there are 3 pcres", "3: -4", "default: 1"]);
});

test("pcre_match_group without a file is disabled (-2); a bad file is reported when the engine starts", async () => {
  const disabled = await start(GROUP_MATCH);
  assert.deepEqual((await lines(disabled, "X-Group: 0\r\n")).slice(0, 2), ["ERROR ERROR:regex:w_pcre_match_group: group matching is disabled", "0: -2"]);

  const bad = await start(GROUP_MATCH, `modparam("regex", "file", "${groupsFile("^sip:alice@\n[0]\n")}")`);
  const startup = bad.env.events.filter((e) => e.event === "log").map((e) => (e.event === "log" ? e.text : ""));
  assert.deepEqual(startup, ["ERROR:regex:load_pcres: first group must be initialized with [0] before any regular expression"]);
  assert.equal((await lines(bad, "X-Group: 0\r\n"))[1], "0: -1");

  const missing = await start(GROUP_MATCH, `modparam("regex", "file", "${join(dir, "nowhere.txt")}")`);
  assert.match(JSON.stringify(missing.env.events), /could not open file/);
});

test("groups file reading: lines joined into one alternation per group, limits as OpenSIPS's load_pcres", () => {
  const limits = { maxGroups: 20, groupMaxSize: 8192 };
  assert.deepEqual(groupPatterns("[a]\nx\n y ignored\n#c\ny\n[b]\n[c]\nz", limits), ["((x)|(y))", "^$", "((z))"]);
  assert.equal(groupPatterns("[0]\n[1]\n[2]\n", { ...limits, maxGroups: 2 }), "max_groups: 2 exceeded");
  assert.equal(groupPatterns(`[0]\n${"a".repeat(600)}\n`, limits), "cannot add group termination");
  assert.equal(groupPatterns(`[0]\n${"a".repeat(40)}\n${"b".repeat(40)}\n`, { ...limits, groupMaxSize: 80 }), "pattern max file exceeded");
});

test("PCRE translation: what differs from JavaScript keeps PCRE's meaning", () => {
  const matches = (source: string, subject: string, options = {}): boolean | string => {
    const compiled = compilePcre(source, options);
    return compiled.ok ? compiled.re.test(subject) : compiled.error;
  };
  assert.equal(matches("^abc$", "abc\n"), true, "$ matches before a final newline");
  assert.equal(matches("^abc$", "abc\n\n"), false);
  assert.equal(matches("^a.c$", "a\rc"), true, ". stops at LF only");
  assert.equal(matches("\\Aab\\z", "ab\n"), false);
  assert.equal(matches("\\Aab\\Z", "ab\n"), true);
  assert.equal(matches("[[:digit:]]{3}", "a123"), true);
  assert.equal(matches("[]x]+$", "]x]"), true, "] first in a bracket is literal");
  assert.equal(matches("\\Qa.b\\E", "axb"), false);
  assert.equal(matches("\\x{41}\\h\\d", "A\t7"), true);
  assert.equal(matches("(?s)a.b", "a\nb"), true);
  assert.equal(matches("a++", "aa"), "possessive quantifiers are not supported by the runtime");
  assert.equal(matches("a(?i)b", "ab"), "option settings are supported only at the start of the pattern");
  assert.equal(matches("\\i", "i"), "unrecognized character follows \\: i");
  const groups = compilePcre("(a)(?:b)(?<c>c)");
  assert.equal(groups.ok && groups.captureCount, 2);
});

/**
 * dialplan: dp_translate on SQLite dialplan tables — the documentation's four kinds of rules,
 * priorities between string and regex rules, case folding, partitions, and the rows OpenSIPS
 * refuses to load.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { dialplan } from "../runtime/modules/dialplan.ts";
import { partitionLayout } from "../runtime/modules/dialplan-partitions.ts";
import type { Script } from "../runtime/script.ts";
import { request, startScript, type ScriptRun } from "./support/module-scripts.ts";
import { sqliteFile } from "./support/sqlite-file.ts";

const COLUMNS = `id INTEGER PRIMARY KEY AUTOINCREMENT, dpid INTEGER NOT NULL, pr INTEGER DEFAULT 0 NOT NULL,
  match_op INTEGER NOT NULL, match_exp CHAR(64) NOT NULL, match_flags INTEGER DEFAULT 0 NOT NULL,
  subst_exp CHAR(64) DEFAULT NULL, repl_exp CHAR(32) DEFAULT NULL, timerec CHAR(255) DEFAULT NULL,
  disabled INTEGER DEFAULT 0 NOT NULL, attrs CHAR(255) DEFAULT NULL`;

const DB = sqliteFile(`
CREATE TABLE dialplan (${COLUMNS});
INSERT INTO dialplan (dpid, pr, match_op, match_exp, match_flags, subst_exp, repl_exp, attrs, disabled) VALUES
  (10, 1, 1, '^(0040|\\+40|0|40)21[0-9]+', 0, '^(0040|\\+40|0|40)(.+)', '40\\2', 'e164', 0),
  (20, 1, 1, '^((Germany)|(Germania)|(Deutschland)|(DE))', 1, NULL, 'DE', NULL, 0),
  (30, 1, 1, '^021456[0-9]{5}', 0, NULL, NULL, 'serviceX', 0),
  (40, 1, 0, 'SIP server', 0, NULL, 'OpenSIPS', NULL, 0),
  (40, 2, 0, 'sip proxy', 1, NULL, 'OpenSIPS proxy', NULL, 0),
  (50, 5, 0, '112', 0, NULL, 'string-112', 'string', 0),
  (50, 3, 1, '^11', 0, NULL, 'regex-11', 'regex', 0),
  (50, 1, 1, '^1', 0, NULL, 'disabled', NULL, 1),
  (60, 4, 1, '^9', 0, NULL, 'first-row', NULL, 0),
  (60, 4, 0, '999', 0, NULL, 'second-row', NULL, 0),
  (70, 1, 1, '^00', 0, '^00([0-9]+)$', '+\\1@\\u', NULL, 0),
  (70, 2, 1, '^0', 0, '^x', 'never', NULL, 0),
  (80, 1, 1, '.', 0, '(.*)', '\\1\\1', NULL, 0);
INSERT INTO dialplan (dpid, pr, match_op, match_exp, repl_exp, timerec) VALUES
  (100, 1, 0, 'shift', 'night', 'UTC|20230101T200000||3H|daily'),
  (100, 2, 1, '^shift$', 'morning', 'UTC|20230101T080000||3H|daily'),
  (100, 3, 1, '^shift$', 'any time', NULL),
  (101, 1, 0, 'shift', 'no limit', '');
CREATE TABLE dialplan_refused (${COLUMNS});
INSERT INTO dialplan_refused (dpid, pr, match_op, match_exp, match_flags, subst_exp, repl_exp, attrs, disabled) VALUES
  (90, 1, 2, 'fnmatch*', 0, NULL, 'x', NULL, 0),
  (90, 2, 1, '(?>atomic)', 0, NULL, 'x', NULL, 0),
  (90, 3, 1, '^a', 0, '^(a)', '\\3', NULL, 0),
  (90, 4, 1, '^b', 0, NULL, 'at $rU', NULL, 0),
  (90, 5, 1, '^c', 0, NULL, 'x', NULL, 0);
UPDATE dialplan_refused SET timerec = 'nonsense' WHERE dpid = 90 AND pr = 5;
CREATE TABLE dialplan_pstn (${COLUMNS});
INSERT INTO dialplan_pstn (dpid, pr, match_op, match_exp, repl_exp, attrs) VALUES (10, 0, 0, '911', '+1911', 'emergency');
CREATE TABLE dialplan_broken (${COLUMNS});
INSERT INTO dialplan_broken (dpid, pr, match_op, match_exp, repl_exp) VALUES (1, 0, 0, '', 'x');
`);

function start(body: string, params = ""): Promise<ScriptRun> {
  const cfg = `loadmodule "dialplan.so"\nmodparam("dialplan", "db_url", "sqlite://${DB}")\n${params}\nroute {\n${body}\n}\n`;
  return startScript(cfg, "3.6", [dialplan]);
}

/** Sends one MESSAGE with `headers`; returns the log lines it produced (errors prefixed). */
async function lines(run: ScriptRun, headers = "", ruri = "sip:bob@10.0.0.2"): Promise<string[]> {
  const before = run.env.events.length;
  await run.send(request("MESSAGE", { headers, ruri }));
  return run.env.events.slice(before).flatMap((e) => (e.event === "log" ? [e.level === "NOTICE" ? e.text : `${e.level} ${e.text}`] : []));
}

const TRANSLATE = `
	$var(out) = "untouched";
	$var(attrs) = "none";
	dp_translate($(hdr(X-Dpid){s.int}), "$hdr(X-In)", $var(out), $var(attrs));
	xlog("$rc $var(out) $var(attrs)\\n");
`;

async function translateWith(run: ScriptRun, dpid: number, input: string): Promise<string[]> {
  return lines(run, `X-Dpid: ${dpid}\r\nX-In: ${input}\r\n`);
}

test("the documented rules: subst translation, fixed replacement, detection with attributes, string conversion", async () => {
  const run = await start(TRANSLATE);
  assert.deepEqual(await translateWith(run, 10, "0040211234567"), ["1 40211234567 e164"]);
  assert.deepEqual(await translateWith(run, 10, "+40211234567"), ["1 40211234567 e164"]);
  assert.deepEqual(await translateWith(run, 10, "0031211234567"), ["-1 untouched none"]);
  assert.deepEqual(await translateWith(run, 20, "deutschland"), ["1 DE none"], "match_flags 1: caseless regex");
  assert.deepEqual(await translateWith(run, 30, "02145612345"), ["1 untouched serviceX"], "no repl_exp: the output variable is left alone");
  assert.deepEqual(await translateWith(run, 40, "SIP server"), ["1 OpenSIPS none"]);
  assert.deepEqual(await translateWith(run, 40, "sip Server"), ["-1 untouched none"], "case-sensitive string rule");
  assert.deepEqual(await translateWith(run, 40, "SIP PROXY"), ["1 OpenSIPS proxy none"], "caseless string rule");
});

test("dp_translate rewrites the R-URI user in place; the partition argument and missing dpids", async () => {
  const run = await start(`
	if (dp_translate(10, $rU, $rU)) xlog("now $ru\\n");
	if (!dp_translate(10, "911", $var(e), $var(a), "default")) xlog("not in default: $rc\\n");
	if (dp_translate(10, "911", $var(e), $var(a), "pstn")) xlog("pstn: $var(e) $var(a)\\n");
	if (!dp_translate(99, $rU)) xlog("no dpid 99\\n");
	if (!dp_translate(10, $rU, , , "nowhere")) xlog("unknown partition\\n");
`,
    `modparam("dialplan", "partition", "pstn: table_name = dialplan_pstn")`,
  );
  assert.deepEqual(await lines(run, "", "sip:0040215551234@example.com"), [
    "now sip:40215551234@example.com",
    "not in default: -1",
    "pstn: +1911 emergency",
    "no dpid 99",
    "ERROR ERROR:dialplan:fix_partition: partition <nowhere> not found",
    "unknown partition",
  ]);
});

test("string and regex rules: the lower priority wins, then the row loaded first; disabled rows are not loaded", async () => {
  const run = await start(TRANSLATE);
  // "112" matches the string rule (pr 5) and the regex ^11 (pr 3); ^1 (pr 1) is disabled.
  assert.deepEqual(await translateWith(run, 50, "112"), ["1 regex-11 regex"]);
  assert.deepEqual(await translateWith(run, 50, "119"), ["1 regex-11 regex"]);
  assert.deepEqual(await translateWith(run, 50, "2"), ["-1 untouched none"]);
  // Equal priorities: the regex row comes first in the table.
  assert.deepEqual(await translateWith(run, 60, "999"), ["1 first-row none"]);
});

test("a rule with a timerec applies only within it (the clock is 2023-11-14 22:13:20 UTC)", async () => {
  const run = await start(TRANSLATE);
  assert.deepEqual(await translateWith(run, 100, "shift"), ["1 night none"]);
  assert.deepEqual(await translateWith(run, 101, "shift"), ["1 no limit none"], "an empty timerec puts no time limit on the rule");
  const later = await startScript(
    `loadmodule "dialplan.so"\nmodparam("dialplan", "db_url", "sqlite://${DB}")\nroute {\n${TRANSLATE}\n}\n`,
    "3.6",
    [dialplan],
    () => Date.UTC(2023, 10, 15, 9, 30),
  );
  assert.deepEqual(await translateWith(later, 100, "shift"), ["1 morning none"]);
});

test("replacements: groups, \\u, a subst_exp that does not match, and the 127-character output limit", async () => {
  const run = await start(TRANSLATE);
  assert.deepEqual(await translateWith(run, 70, "0044123"), ["1 +44123@sip:bob@10.0.0.2 none"]);
  assert.deepEqual(await translateWith(run, 70, "0x"), [
    "ERROR ERROR:dialplan:rule_translate: the string 0x matched the match_exp ^0 but not the subst_exp ^x!",
    "ERROR ERROR:dialplan:translate: could not build the output",
    "-1 untouched none",
  ]);
  assert.deepEqual(await translateWith(run, 80, "a".repeat(63)), [`1 ${"a".repeat(126)} none`]);
  assert.deepEqual(await translateWith(run, 80, "a".repeat(64)), [
    "ERROR ERROR:dialplan:rule_translate: overflow",
    "ERROR ERROR:dialplan:translate: could not build the output",
    "-1 untouched none",
  ]);
  assert.deepEqual(await lines(run, "X-Dpid: 70\r\nX-In: \r\n"), ["ERROR ERROR:dialplan:translate: invalid input string", "-1 untouched none"]);
});

test("rows OpenSIPS refuses are logged once, at the first call, and skipped", async () => {
  const run = await start(TRANSLATE, `modparam("dialplan", "table_name", "dialplan_refused")`);
  const first = await translateWith(run, 90, "abc");
  assert.deepEqual(first.filter((l) => l.startsWith("ERROR")), [
    "ERROR ERROR:dialplan:build_rule: invalid value for match operator",
    "ERROR ERROR:dialplan:build_rule: failed to compile match expression \"(?>atomic)\": atomic groups are not supported by the runtime",
    "ERROR ERROR:dialplan:build_rule: repl_exp uses a non existing subexpression",
    'ERROR ERROR:dialplan:build_rule: failed to compile replacing expression: pseudo-variables in repl_exp are not supported by the runtime: "at $rU"',
    'ERROR ERROR:dialplan:build_rule: failed to parse timerec pattern nonsense: bad dtstart "nonsense"',
  ]);
  assert.equal(first.filter((l) => l === "WARNING WARNING:dialplan:dp_load_db:  failed to build rule -> skipping").length, 5);
  assert.equal(first.at(-1), "-1 untouched none");
  assert.deepEqual(await translateWith(run, 90, "cde"), ["-1 untouched none"]);
});

test("an equality rule with an empty expression fails the whole load: the partition has no rules", async () => {
  const run = await start(TRANSLATE, `modparam("dialplan", "table_name", "dialplan_broken")`);
  assert.deepEqual(await translateWith(run, 1, "x"), [
    "ERROR ERROR:dialplan:add_rule2hash: NULL matching expressions in database not accepted!!!",
    "-1 untouched none",
  ]);
});

function scriptWith(modparams: [string, string][], globals: [string, string][] = []): Script {
  return {
    file: "t.cfg",
    target: "3.6",
    modules: ["dialplan"],
    modparams: modparams.map(([param, value]) => ({ module: "dialplan", param, value })),
    globals: globals.map(([name, value]) => ({ name, value })),
    sockets: [],
    routes: { request: new Map(), failure: new Map(), onreply: new Map(), branch: new Map(), event: new Map(), error: null, local: null, startup: null, timer: [] },
  };
}

test("partitions: inherited URL and table as set before them, the default partition and its re-pointing", () => {
  const layout = partitionLayout(
    scriptWith([
      ["db_url", "sqlite:///a.db"],
      ["partition", "early: table_name = t1"],
      ["table_name", "t2"],
      ["partition", "\n\tlate:\n\t\tdb_url = sqlite:///b.db\n"],
    ]),
  );
  assert.ok(typeof layout === "object");
  assert.deepEqual([...layout.partitions.values()], [
    { name: "early", dbUrl: "sqlite:///a.db", table: "t1" },
    { name: "late", dbUrl: "sqlite:///b.db", table: "t2" },
    { name: "default", dbUrl: "sqlite:///a.db", table: "t2" },
  ]);
  assert.equal(layout.defaultName, "default");

  const repointed = partitionLayout(scriptWith([["partition", "default: pstn"], ["partition", "pstn: table_name = p"]], [["db_default_url", "sqlite:///c.db"]]));
  assert.ok(typeof repointed === "object");
  assert.equal(repointed.defaultName, "pstn");
  assert.deepEqual([...repointed.partitions.keys()], ["pstn"]);

  const firstIsDefault = partitionLayout(scriptWith([["partition", "a: db_url = sqlite:///a.db"], ["partition", "default: b"], ["partition", "b: db_url = sqlite:///b.db"]]));
  assert.ok(typeof firstIsDefault === "object");
  assert.equal(firstIsDefault.defaultName, "b");

  assert.equal(partitionLayout(scriptWith([])), "no partition defined, not even the default one!");
  assert.equal(partitionLayout(scriptWith([["partition", "x"]])), "failed to parse partition: partition 'x' has no 'db_url'");
  assert.equal(partitionLayout(scriptWith([["partition", "x: db_url = u; colour = red"]])), "failed to parse partition: invalid token 'colour' in partition 'x'");
  assert.equal(partitionLayout(scriptWith([["db_url", "u"], ["partition", "default: nowhere"]])), "no partition defined, not even the default one!");
  assert.equal(partitionLayout(scriptWith([["db_url", "u"], ["partition", "a"], ["partition", "default: nowhere"]])), "partition not found: 'nowhere'");
});

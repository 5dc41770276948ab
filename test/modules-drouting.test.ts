/**
 * drouting on SQLite dr_* tables: rule selection (longest prefix, priority, groups from
 * dr_groups, prefixless default, time recurrences, script routes), the R-URI each gateway gives
 * (strip, pri_prefix, parameters kept), failover with use_next_gw in a failure_route after a 503,
 * rule fallback, carriers (first-only flag, weights, state), the F/L/C flags, whitelists,
 * route_to_carrier / route_to_gw, is_from_gw / goes_to_gw / dr_is_gw, dr_disable, dr_match,
 * partitions, the time recurrence parser and checker, and OpenSIPS's own trunking template
 * from the corpus. The engine clock is 2023-11-14 22:13:20 UTC (a Tuesday).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { drouting } from "../runtime/modules/drouting.ts";
import { permissions } from "../runtime/modules/permissions.ts";
import { parseTimeRecExpr, timeRecExprMatches } from "../runtime/modules/drouting-timerec-expr.ts";
import { parseTimeRec } from "../runtime/modules/drouting-timerec-parse.ts";
import type * as rt from "../runtime/index.ts";
import { replyTo, request, startScript, type ScriptRun } from "./support/module-scripts.ts";
import { sqliteFile } from "./support/sqlite-file.ts";

/** The 3.x dr_* tables, their names ending in `suffix`. */
const schema = (suffix = ""): string => `
CREATE TABLE dr_gateways${suffix} (id INTEGER PRIMARY KEY AUTOINCREMENT, gwid CHAR(64) NOT NULL, type INTEGER DEFAULT 0 NOT NULL,
  address CHAR(128) NOT NULL, strip INTEGER DEFAULT 0 NOT NULL, pri_prefix CHAR(16) DEFAULT NULL, attrs CHAR(255) DEFAULT NULL,
  probe_mode INTEGER DEFAULT 0 NOT NULL, state INTEGER DEFAULT 0 NOT NULL, socket CHAR(128) DEFAULT NULL, description CHAR(128));
CREATE TABLE dr_rules${suffix} (ruleid INTEGER PRIMARY KEY AUTOINCREMENT, groupid CHAR(255) NOT NULL, prefix CHAR(64) NOT NULL,
  timerec CHAR(255) DEFAULT NULL, priority INTEGER DEFAULT 0 NOT NULL, routeid CHAR(255) DEFAULT NULL, gwlist CHAR(255) NOT NULL,
  sort_alg CHAR(1) DEFAULT 'N' NOT NULL, sort_profile INTEGER DEFAULT NULL, attrs CHAR(255) DEFAULT NULL, description CHAR(128));
CREATE TABLE dr_carriers${suffix} (id INTEGER PRIMARY KEY AUTOINCREMENT, carrierid CHAR(64) NOT NULL, gwlist CHAR(255) NOT NULL,
  flags INTEGER DEFAULT 0 NOT NULL, sort_alg CHAR(1) DEFAULT 'N' NOT NULL, state INTEGER DEFAULT 0 NOT NULL,
  attrs CHAR(255) DEFAULT NULL, description CHAR(128));
CREATE TABLE dr_groups${suffix} (id INTEGER PRIMARY KEY AUTOINCREMENT, username CHAR(64) NOT NULL, domain CHAR(128) DEFAULT '' NOT NULL,
  groupid INTEGER DEFAULT 0 NOT NULL, description CHAR(128));
`;

const DB = sqliteFile(`${schema()}
INSERT INTO dr_gateways (gwid, type, address, strip, pri_prefix, attrs, state) VALUES
  ('gw_de1', 1, '10.1.0.1:5060', 2, '0049', 'de-primary', 0),
  ('gw_de2', 1, 'sip:10.1.0.2:5080;transport=tcp', 0, NULL, 'de-backup', 0),
  ('gw_down', 1, '10.1.0.9', 0, NULL, 'down', 1),
  ('gw_us1', 2, '10.2.0.1', 1, '+', 'us', 0),
  ('gw_any', 3, 'sip:pstn@10.3.0.1', 0, NULL, 'fallback', 0),
  ('gw_c1', 4, '10.4.0.1', 0, NULL, 'c1', 0),
  ('gw_c2', 4, '10.4.0.2', 0, NULL, 'c2', 0),
  ('gw_name', 5, 'pstn.example.net', 0, NULL, NULL, 0),
  ('bad id!', 5, '10.5.0.1', 0, NULL, NULL, 0);
INSERT INTO dr_carriers (carrierid, gwlist, flags, sort_alg, state, attrs) VALUES
  ('cr_intl', 'gw_c1, gw_c2', 0, 'N', 0, 'intl-carrier'),
  ('cr_first', 'gw_c2;gw_c1', 1, 'N', 0, 'first-only'),
  ('cr_weighted', 'gw_c1=0,gw_c2=10', 0, 'W', 0, 'weighted'),
  ('cr_off', 'gw_c1', 0, 'N', 1, 'off');
INSERT INTO dr_rules (groupid, prefix, timerec, priority, routeid, gwlist, sort_alg, attrs) VALUES
  ('1', '49', NULL, 0, NULL, 'gw_de1,gw_de2', 'N', 'de'),
  ('1', '4930', NULL, 0, NULL, 'gw_down,gw_de2', 'N', 'berlin'),
  ('1,2', '1', NULL, 5, NULL, 'gw_us1', 'N', 'us-high'),
  ('1', '1', NULL, 1, NULL, 'gw_any', 'N', 'us-low'),
  ('2', '', NULL, 0, NULL, '#cr_intl', 'N', 'default-2'),
  ('1', '44', NULL, 0, NULL, '#cr_off,#cr_first,gw_de1', 'N', 'uk'),
  ('1', '45', NULL, 0, NULL, '#cr_weighted', 'N', 'dk'),
  ('1', '33', 'UTC|20231115T000000|20231116T000000', 10, NULL, 'gw_us1', 'N', 'tomorrow'),
  ('1', '33', NULL, 0, NULL, 'gw_any', 'N', 'fr'),
  ('1', '34', 'UTC|20231114T000000|20231115T000000', 10, NULL, 'gw_us1', 'N', 'today'),
  ('1', '34', NULL, 0, NULL, 'gw_any', 'N', 'es'),
  ('1', '39', NULL, 0, 'tag_rule', 'gw_de1', 'N', 'it'),
  ('1', '40', NULL, 0, 'block_rule', 'gw_de1', 'N', 'ro'),
  ('1', '41', 'not a time', 0, NULL, 'gw_de1', 'N', 'skipped'),
  ('1', '42', NULL, 0, NULL, 'gw_down', 'N', 'all-down'),
  ('1', '4', NULL, 0, NULL, 'gw_any', 'N', 'europe'),
  ('1', '7+', NULL, 0, NULL, 'gw_any', 'N', 'bad prefix'),
  ('1', '46', NULL, 0, NULL, 'gw_c2,gw_c1', 'Q', 'quality');
INSERT INTO dr_groups (username, domain, groupid) VALUES
  ('alice', 'example.com', 2),
  ('carol', 'other.org', 1);
`);

const PARAMS = `modparam("drouting", "rule_id_avp", "$avp(rule_id)")
modparam("drouting", "rule_prefix_avp", "$avp(rule_prefix)")
modparam("drouting", "carrier_id_avp", "$avp(carrier_id)")
modparam("drouting", "gw_priprefix_avp", "$avp(gw_pri)")`;

function script(body: string, params = PARAMS, extra = ""): string {
  return `
loadmodule "tm.so"
loadmodule "drouting.so"
modparam("drouting", "db_url", "sqlite://${DB}")
${params}
route {
${body}
}
route[tag_rule] {
	$var(tagged) = "yes";
}
route[block_rule] {
	drop;
}
${extra}
`;
}

function start(body: string, params = PARAMS, extra = ""): Promise<ScriptRun> {
  return startScript(script(body, params, extra), "3.6", [drouting]);
}

let branches = 0;

/** Sends one MESSAGE to `ruri` (from `from`); returns the log lines it produced. */
async function send(run: ScriptRun, ruri: string, from?: rt.Peer, headers = ""): Promise<string[]> {
  const before = run.logs().length;
  await run.send(request("MESSAGE", { branch: `z9hG4bK-dr-${++branches}`, ruri, headers }), from);
  return run.logs().slice(before);
}

const ROUTE_AND_SHOW = `
	$var(rule_attrs) = NULL; $var(gw_attrs) = NULL; $var(cr_attrs) = NULL;
	if (do_routing($hdr(X-Group), "$hdr(X-Flags)", , $var(rule_attrs), $var(gw_attrs), $var(cr_attrs))) {
		xlog("$rc $ru gw=$avp(___dr_gw_id__) rule=$avp(rule_id)/$avp(rule_prefix) attrs=$var(rule_attrs)/$var(gw_attrs)/$var(cr_attrs) next=$(avp(___dr_ruri__)[*])\\n");
	} else {
		xlog("$rc $ru\\n");
	}
`;

function routeTo(run: ScriptRun, ruri: string, group: number | string, flags = ""): Promise<string[]> {
  return send(run, ruri, undefined, `X-Group: ${group}\r\nX-Flags: ${flags}\r\n`);
}

test("do_routing: the longest prefix wins; strip and pri_prefix rewrite the user; the R-URI keeps its parameters; the rest wait for use_next_gw", async () => {
  const run = await start(ROUTE_AND_SHOW);
  assert.deepEqual(await routeTo(run, "sip:4912345@proxy.example.com;user=phone", 1), [
    "1 sip:004912345@10.1.0.1:5060;user=phone gw=gw_de1 rule=1/49 attrs=de/de-primary/ next=sip:4912345@10.1.0.2:5080;transport=tcp;user=phone",
  ]);
  // 4930… matches rule 2, whose first gateway is disabled: only gw_de2 is left.
  assert.deepEqual(await routeTo(run, "sip:4930123@proxy.example.com", 1), ["1 sip:4930123@10.1.0.2:5080;transport=tcp gw=gw_de2 rule=2/4930 attrs=berlin/de-backup/ next=<null>"]);
  // 48… has no rule of its own: the shorter prefix 4 matches; the gateway's own user part is not kept.
  assert.deepEqual(await routeTo(run, "sip:4812@proxy.example.com", 1), ["1 sip:4812@10.3.0.1 gw=gw_any rule=16/4 attrs=europe/fallback/ next=<null>"]);
});

test("do_routing: the highest priority rule of the prefix; another group has other rules; the prefixless rule is the default", async () => {
  const run = await start(ROUTE_AND_SHOW);
  assert.deepEqual(await routeTo(run, "sip:1555@proxy.example.com", 1), ["1 sip:+555@10.2.0.1 gw=gw_us1 rule=3/1 attrs=us-high/us/ next=<null>"]);
  assert.deepEqual(await routeTo(run, "sip:1555@proxy.example.com", 2), ["1 sip:+555@10.2.0.1 gw=gw_us1 rule=3/1 attrs=us-high/us/ next=<null>"]);
  assert.deepEqual(await routeTo(run, "sip:4912@proxy.example.com", 2), ["1 sip:4912@10.4.0.1 gw=gw_c1 rule=5/ attrs=default-2/c1/intl-carrier next=sip:4912@10.4.0.2"]);
});

test("do_routing: an unknown group, a number no rule covers, or only disabled gateways give -1 and leave the R-URI alone", async () => {
  const run = await start(ROUTE_AND_SHOW);
  assert.deepEqual(await routeTo(run, "sip:4912345@proxy.example.com", 7), ["-1 sip:4912345@proxy.example.com"]);
  assert.deepEqual(await routeTo(run, "sip:999@proxy.example.com", 1), ["-1 sip:999@proxy.example.com"]);
  assert.deepEqual(await routeTo(run, "sip:4299@proxy.example.com", 1), ["-1 sip:4299@proxy.example.com"]);
  // A number with a character outside the prefix alphabet matches no prefix (group 1 has no default rule).
  assert.deepEqual(await routeTo(run, "sip:+4912@proxy.example.com", 1), ["-1 sip:+4912@proxy.example.com"]);
});

test("do_routing without a group looks the From user and domain up in dr_groups; default_group covers unknown callers", async () => {
  const body = `
	if (do_routing()) xlog("$rc $ru\\n");
	else xlog("$rc\\n");
`;
  const run = await start(body);
  // alice@example.com is in group 2: the prefixless rule of group 2.
  assert.deepEqual(await send(run, "sip:4912@proxy.example.com"), ["1 sip:4912@10.4.0.1"]);
  const fromCarol = (text: string): string => text.replace("From: <sip:alice@example.com>", "From: <sip:carol@other.org>");
  await run.send(fromCarol(request("MESSAGE", { branch: "z9hG4bK-dr-carol", ruri: "sip:4912@proxy.example.com" })));
  assert.equal(run.logs().at(-1), "1 sip:004912@10.1.0.1:5060");
  const bob = (text: string): string => text.replace("From: <sip:alice@example.com>", "From: <sip:bob@example.com>");
  await run.send(bob(request("MESSAGE", { branch: "z9hG4bK-dr-bob", ruri: "sip:4912@proxy.example.com" })));
  assert.equal(run.logs().at(-1), "-1");
  assert.ok(run.env.events.some((e) => e.event === "log" && e.text === 'ERROR:drouting:get_group_id: no group for user "bob"@"example.com"'));

  const withDefault = await start(body, `modparam("drouting", "default_group", 1)\nmodparam("drouting", "use_domain", 0)`);
  await withDefault.send(bob(request("MESSAGE", { branch: "z9hG4bK-dr-bob2", ruri: "sip:4912@proxy.example.com" })));
  assert.deepEqual(withDefault.logs(), ["1 sip:004912@10.1.0.1:5060"]);
});

test("flags: L needs the prefix to be the whole number; C only checks (no gateway, R-URI kept); W is ignored", async () => {
  const run = await start(ROUTE_AND_SHOW);
  assert.deepEqual(await routeTo(run, "sip:4930@proxy.example.com", 1, "L"), ["1 sip:4930@10.1.0.2:5080;transport=tcp gw=gw_de2 rule=2/4930 attrs=berlin/de-backup/ next=<null>"]);
  assert.deepEqual(await routeTo(run, "sip:49301@proxy.example.com", 1, "L"), ["-1 sip:49301@proxy.example.com"]);
  assert.deepEqual(await routeTo(run, "sip:4912345@proxy.example.com", 1, "C"), ["1 sip:4912345@proxy.example.com gw=<null> rule=1/49 attrs=de/<null>/<null> next=<null>"]);
  assert.deepEqual(await routeTo(run, "sip:999@proxy.example.com", 1, "C"), ["-1 sip:999@proxy.example.com"]);
  assert.deepEqual(await routeTo(run, "sip:4912@proxy.example.com", 1, "W"), ["1 sip:004912@10.1.0.1:5060 gw=gw_de1 rule=1/49 attrs=de/de-primary/ next=sip:4912@10.1.0.2:5080;transport=tcp"]);
});

test("time recurrences: a rule not valid now gives way to the next one; one valid now wins by priority", async () => {
  const run = await start(ROUTE_AND_SHOW);
  assert.deepEqual(await routeTo(run, "sip:3312@proxy.example.com", 1), ["1 sip:3312@10.3.0.1 gw=gw_any rule=9/33 attrs=fr/fallback/ next=<null>"]);
  assert.deepEqual(await routeTo(run, "sip:3412@proxy.example.com", 1), ["1 sip:+412@10.2.0.1 gw=gw_us1 rule=10/34 attrs=today/us/ next=<null>"]);
  // A rule with a malformed recurrence is not loaded (41 falls back to prefix 4), nor one with a bad prefix character.
  assert.deepEqual(await routeTo(run, "sip:4112@proxy.example.com", 1), ["1 sip:4112@10.3.0.1 gw=gw_any rule=16/4 attrs=europe/fallback/ next=<null>"]);
  const warnings = run.env.events.flatMap((e) => (e.event === "log" && e.level === "WARNING" ? [e.text] : []));
  assert.deepEqual(warnings, [
    "WARNING:drouting:dr_load_routing_info: [Default] failed to add destination: invalid char in gateway's name <bad id!> -> skipping",
    'WARNING:drouting:dr_load_routing_info: [Default] bad time definition <not a time> for rule id 14 (bad dtstart "not") -> skipping rule',
    "WARNING:drouting:dr_load_routing_info: [Default] + is not valid char in the prefix -> skipping rule",
  ]);
});

test("a rule's script route runs when the rule matches; if it drops, do_routing fails", async () => {
  const run = await start(`$var(tagged) = "no";\n${ROUTE_AND_SHOW}\txlog("tagged=$var(tagged)\\n");`);
  assert.deepEqual(await routeTo(run, "sip:3912@proxy.example.com", 1), [
    "1 sip:004912@10.1.0.1:5060 gw=gw_de1 rule=12/39 attrs=it/de-primary/ next=<null>",
    "tagged=yes",
  ]);
  assert.deepEqual(await routeTo(run, "sip:4012@proxy.example.com", 1), ["-1 sip:4012@proxy.example.com", "tagged=no"]);
});

test("carriers: a disabled carrier is skipped, the first-only flag keeps one gateway, W orders by weight (a weight of 0 goes last)", async () => {
  const run = await start(ROUTE_AND_SHOW);
  assert.deepEqual(await routeTo(run, "sip:4412@proxy.example.com", 1), [
    "1 sip:4412@10.4.0.2 gw=gw_c2 rule=6/44 attrs=uk/c2/first-only next=sip:004912@10.1.0.1:5060",
  ]);
  for (let i = 0; i < 5; i++) {
    assert.deepEqual(await routeTo(run, "sip:4512@proxy.example.com", 1), ["1 sip:4512@10.4.0.2 gw=gw_c2 rule=7/45 attrs=dk/c2/weighted next=sip:4512@10.4.0.1"]);
  }
});

test("the partition argument without use_partitions: 'Default' is the only one; Q sorting (qrouting) keeps the list order", async () => {
  const run = await start(`
	do_routing(1, , , , , , "Default"); xlog("default $rc $ru $(avp(___dr_ruri__)[*])\\n");
	do_routing(1, , , , , , "nope"); xlog("nope $rc\\n");
`);
  assert.deepEqual(await send(run, "sip:4612@proxy.example.com"), ["default 1 sip:4612@10.4.0.2 sip:4612@10.4.0.1", "nope -1"]);
  const logged = run.env.events.flatMap((e) => (e.event === "log" && e.level !== "INFO" ? [e.text] : []));
  assert.ok(logged.includes("WARNING:drouting:run_dr_sort_cbs: quality-based sorting (Q) needs the qrouting module - keeping the list order"));
  assert.ok(logged.includes("ERROR:drouting:do_routing: partition <nope> used, but not defined"));
});

test("a whitelist limits the gateways do_routing may use", async () => {
  const run = await start(`
	if (do_routing(1, , $hdr(X-List))) xlog("$rc $ru next=$(avp(___dr_ruri__)[*])\\n");
	else xlog("$rc\\n");
`);
  const only = (list: string): Promise<string[]> => send(run, "sip:4912@proxy.example.com", undefined, `X-List: ${list}\r\n`);
  assert.deepEqual(await only("gw_de2"), ["1 sip:4912@10.1.0.2:5080;transport=tcp next=<null>"]);
  assert.deepEqual(await only("gw_us1"), ["-1"]);
  // A list naming nothing known does not filter, as in OpenSIPS.
  assert.deepEqual(await only("nobody"), ["1 sip:004912@10.1.0.1:5060 next=sip:4912@10.1.0.2:5080;transport=tcp"]);
});

const FAILOVER = `
	if (!do_routing(1, "$hdr(X-Flags)")) {
		t_reply(404, "No route");
		exit;
	}
	t_on_failure("next_gw");
	t_relay();
`;

const NEXT_GW = `
failure_route[next_gw] {
	if (t_check_status("503")) {
		xlog("failed at $avp(___dr_gw_id__) carrier=$avp(carrier_id)\\n");
		if (use_next_gw(, $var(gw_attrs))) {
			xlog("next $ru gw=$avp(___dr_gw_id__) attrs=$var(gw_attrs)\\n");
			t_on_failure("next_gw");
			t_relay();
		} else {
			xlog("no more gateways $rc\\n");
		}
	}
}`;

const invites = (run: ScriptRun): { ruri: string; dst: string; text: string }[] => run.env.requests.filter((r) => r.text.startsWith("INVITE "));

/** Sends an INVITE to `ruri` and answers the first `failures` INVITEs the proxy relays with a 503; returns the R-URIs relayed. */
async function callFailing(run: ScriptRun, ruri: string, failures: number, flags = ""): Promise<string[]> {
  const before = invites(run).length;
  await run.send(request("INVITE", { branch: `z9hG4bK-dr-${++branches}`, ruri, callId: `call-${branches}@10.0.0.1`, headers: `X-Flags: ${flags}\r\n` }));
  for (let i = 0; i < failures && invites(run).length > before + i; i++) await run.send(replyTo(invites(run)[before + i]!.text, 503, "Service Unavailable"));
  return invites(run).slice(before).map((r) => r.ruri);
}

test("failover: after a 503 use_next_gw in the failure_route relays to the next gateway; then the list runs out", async () => {
  const run = await start(FAILOVER, PARAMS, NEXT_GW);
  assert.deepEqual(await callFailing(run, "sip:4912345@proxy.example.com", 2), ["sip:004912345@10.1.0.1:5060", "sip:4912345@10.1.0.2:5080;transport=tcp"]);
  assert.equal(invites(run)[0]?.dst, "sip:004912345@10.1.0.1:5060", "no $du: sent to the R-URI");
  assert.deepEqual(run.logs(), [
    "failed at gw_de1 carrier=",
    "next sip:4912345@10.1.0.2:5080;transport=tcp gw=gw_de2 attrs=de-backup",
    "failed at gw_de2 carrier=",
    "no more gateways -1",
  ]);
  assert.deepEqual(run.env.replies.map((r) => r.code), [100, 503]);
});

test("rule fallback (F): once a rule's gateways are used up, use_next_gw goes on with the next rule of the prefix, then shorter prefixes", async () => {
  const run = await start(FAILOVER, PARAMS, NEXT_GW);
  assert.deepEqual(await callFailing(run, "sip:1555@proxy.example.com", 2, "F"), ["sip:+555@10.2.0.1", "sip:1555@10.3.0.1"]);
  assert.deepEqual(run.logs(), [
    "failed at gw_us1 carrier=",
    "next sip:1555@10.3.0.1 gw=gw_any attrs=fallback",
    "failed at gw_any carrier=",
    "no more gateways -1",
  ]);

  // Without F the first rule is all there is.
  const plain = await start(FAILOVER, PARAMS, NEXT_GW);
  assert.deepEqual(await callFailing(plain, "sip:1555@proxy.example.com", 1), ["sip:+555@10.2.0.1"]);
  assert.deepEqual(plain.logs(), ["failed at gw_us1 carrier=", "no more gateways -1"]);
});

test("dr_disable takes the gateway in use out of service: later routing skips it", async () => {
  const run = await start(
    FAILOVER,
    PARAMS,
    `
failure_route[next_gw] {
	dr_disable();
	xlog("disabled $avp(___dr_gw_id__) $rc\\n");
}`,
  );
  assert.deepEqual(await callFailing(run, "sip:4912345@proxy.example.com", 1), ["sip:004912345@10.1.0.1:5060"]);
  assert.deepEqual(await callFailing(run, "sip:4912345@proxy.example.com", 0), ["sip:4912345@10.1.0.2:5080;transport=tcp"]);
  assert.deepEqual(run.logs(), ["disabled gw_de1 1"]);
});

test("route_to_gw and route_to_carrier route without rules; use_next_gw walks what they selected", async () => {
  const run = await start(`
	route_to_gw("gw_down, gw_us1,gw_de2", $var(gw_attrs), $var(cr_attrs));
	xlog("gw $rc $ru next=$(avp(___dr_ruri__)[*]) attrs=$var(gw_attrs)/$var(cr_attrs)\\n");
	use_next_gw();
	xlog("next $rc $ru\\n");
	use_next_gw();
	xlog("next $rc $ru\\n");
	route_to_carrier("nobody, cr_off, cr_first", $var(gw_attrs), $var(cr_attrs));
	xlog("carrier $rc $ru gw=$avp(___dr_gw_id__) carrier=$avp(carrier_id) attrs=$var(gw_attrs)/$var(cr_attrs)\\n");
	route_to_carrier("cr_off");
	xlog("off $rc\\n");
	route_to_gw("gw_down");
	xlog("all disabled $rc\\n");
	route_to_gw("gw_c1,,gw_c2");
	xlog("empty slot $rc $ru\\n");
`);
  assert.deepEqual(await send(run, "sip:1555@proxy.example.com;user=phone"), [
    "gw 1 sip:+555@10.2.0.1;user=phone next=sip:1555@10.1.0.2:5080;transport=tcp;user=phone attrs=us/",
    "next 1 sip:1555@10.1.0.2:5080;transport=tcp;user=phone",
    "next -1 sip:1555@10.1.0.2:5080;transport=tcp;user=phone",
    // The gateways' R-URIs keep the current R-URI's parameters, the transport of the last gateway included.
    "carrier 1 sip:1555@10.4.0.2;transport=tcp;user=phone gw=gw_c2 carrier=cr_first attrs=c2/first-only",
    "off -1",
    "all disabled -1",
    // The slots before the empty one were used already.
    "empty slot -1 sip:1555@10.4.0.1;transport=tcp;user=phone",
  ]);
});

test("is_from_gw: source IP and port (5060 when the address has none), type, 'n' any port, 'r' transport, 'i'/'c' ids, 's'/'p' rewrite the user", async () => {
  const run = await start(`
	$var(gw_attrs) = NULL; $var(cr_attrs) = NULL;
	is_from_gw(); xlog("any $rc\\n");
	is_from_gw(1); xlog("type1 $rc\\n");
	is_from_gw(4, "n"); xlog("type4 $rc\\n");
	is_from_gw(-1, "n", $var(gw_attrs), $var(cr_attrs)); xlog("noport $rc $var(gw_attrs)/$var(cr_attrs)\\n");
	is_from_gw(-1, "r"); xlog("proto $rc\\n");
	is_from_gw(-1, "nic"); xlog("ids $rc $avp(___dr_gw_id__) $avp(carrier_id)\\n");
	is_from_gw(-1, "nsp"); xlog("rewrite $rc $ru $avp(gw_pri)\\n");
`);
  const from = (ip: string, port: number, proto = "udp"): rt.Peer => ({ proto, ip, port });
  assert.deepEqual(await send(run, "sip:4912@proxy.example.com", from("10.1.0.2", 5080)), [
    "any 1", "type1 1", "type4 -1", "noport 1 de-backup/", "proto -1", "ids 1 gw_de2 <null>", "rewrite 1 sip:4912@proxy.example.com <null>",
  ]);
  assert.deepEqual(await send(run, "sip:4912@proxy.example.com", from("10.1.0.2", 5080, "tcp")).then((l) => l[4]), "proto 1");
  assert.deepEqual(await send(run, "sip:4912@proxy.example.com", from("10.1.0.1", 5090)), [
    "any -1", "type1 -1", "type4 -1", "noport 1 de-primary/", "proto -1", "ids 1 gw_de1 <null>", "rewrite 1 sip:004912@proxy.example.com 0049",
  ]);
  assert.deepEqual(await send(run, "sip:4912@proxy.example.com", from("10.4.0.1", 5060)), [
    // The first carrier (in id order) listing gw_c1 is cr_first.
    "any 1", "type1 -1", "type4 1", "noport 1 c1/first-only", "proto 1", "ids 1 gw_c1 cr_first", "rewrite 1 sip:4912@proxy.example.com <null>",
  ]);
  assert.deepEqual(await send(run, "sip:4912@proxy.example.com", from("10.0.0.1", 5060)), [
    "any -1", "type1 -1", "type4 -1", "noport -1 <null>/<null>", "proto -1", "ids -1 <null> <null>", "rewrite -1 sip:4912@proxy.example.com <null>",
  ]);
});

test("goes_to_gw checks $du (else the R-URI); dr_is_gw a URI; host names are not resolved", async () => {
  const run = await start(`
	goes_to_gw(); xlog("ruri $rc\\n");
	$du = "sip:10.2.0.1";
	goes_to_gw(2, , $var(gw_attrs)); xlog("du $rc $var(gw_attrs)\\n");
	goes_to_gw(1); xlog("du type1 $rc\\n");
	dr_is_gw("sip:10.4.0.2:5060", 4, "c", $var(gw_attrs), $var(cr_attrs)); xlog("uri $rc $var(gw_attrs)/$var(cr_attrs) $avp(carrier_id)\\n");
	dr_is_gw("sip:pstn.example.net"); xlog("name $rc\\n");
`);
  assert.deepEqual(await send(run, "sip:4912@10.1.0.1"), ["ruri 1", "du 1 us", "du type1 -1", "uri 1 c2/first-only cr_first", "name -1"]);
});

test("dr_match checks a number against a group's rules (L: the whole number); the matched prefix goes to rule_prefix_avp", async () => {
  const run = await start(`
	dr_match(1, , "4912345", $var(rule_attrs)); xlog("$rc $var(rule_attrs) $avp(rule_prefix)\\n");
	dr_match(1, "L", "4912345"); xlog("$rc\\n");
	dr_match(1, "L", "4930"); xlog("$rc $avp(rule_prefix)\\n");
	dr_match(2, , "777", $var(rule_attrs)); xlog("$rc $var(rule_attrs)\\n");
	dr_match(3, , "4912345"); xlog("$rc\\n");
	xlog("$ru\\n");
`);
  assert.deepEqual(await send(run, "sip:bob@proxy.example.com"), ["1 de 49", "-1", "1 4930", "1 default-2", "-1", "sip:bob@proxy.example.com"]);
});

const PARTITIONS = sqliteFile(`${schema()}${schema("_b")}
INSERT INTO dr_gateways (gwid, type, address) VALUES ('a1', 1, '192.0.2.1');
INSERT INTO dr_rules (groupid, prefix, gwlist) VALUES ('1', '1', 'a1');
INSERT INTO dr_gateways_b (gwid, type, address) VALUES ('b1', 1, '192.0.2.2');
INSERT INTO dr_rules_b (groupid, prefix, gwlist) VALUES ('1', '2', 'b1');
`);

test("partitions from dr_partitions: each has its tables and AVPs; '*' searches them all and names the one that matched", async () => {
  const url = `sqlite://${PARTITIONS}`;
  const db = sqliteFile(`CREATE TABLE dr_partitions (id INTEGER PRIMARY KEY, partition_name CHAR(255) NOT NULL, db_url CHAR(255) NOT NULL,
  drd_table CHAR(255), drr_table CHAR(255), drg_table CHAR(255), drc_table CHAR(255), ruri_avp CHAR(255), gw_id_avp CHAR(255),
  gw_priprefix_avp CHAR(255), gw_sock_avp CHAR(255), rule_id_avp CHAR(255), rule_prefix_avp CHAR(255), carrier_id_avp CHAR(255));
INSERT INTO dr_partitions (partition_name, db_url, drd_table, drr_table, gw_id_avp) VALUES
  ('a', '${url}', NULL, NULL, '$avp(a_gw)'),
  ('b', '${url}', 'dr_gateways_b', 'dr_rules_b', NULL);`);
  const run = await startScript(
    `
loadmodule "drouting.so"
modparam("drouting", "use_partitions", 1)
modparam("drouting", "db_partitions_url", "sqlite://${db}")
modparam("drouting", "partition_id_pvar", "$var(part)")
route {
	do_routing(1, , , , , , "b"); xlog("b $rc $ru $avp(___dr_gw_id__b)\\n");
	do_routing(1, , , , , , "a"); xlog("a $rc $ru $avp(a_gw)\\n");
	$ru = "sip:2000@proxy.example.com";
	do_routing(1, , , , , , "*"); xlog("any $rc $ru $var(part)\\n");
	do_routing(1); xlog("none $rc\\n");
	is_from_gw(, , , , "*"); xlog("from $rc $var(part)\\n");
}
`,
    "3.6",
    [drouting],
  );
  await run.send(request("MESSAGE", { ruri: "sip:1000@proxy.example.com" }), { proto: "udp", ip: "192.0.2.1", port: 5060 });
  assert.deepEqual(run.logs(), [
    "b -1 sip:1000@proxy.example.com <null>",
    "a 1 sip:1000@192.0.2.1 a1",
    "any 1 sip:2000@192.0.2.2 b",
    "none -1",
    "from 1 a",
  ]);
  assert.ok(run.env.events.some((e) => e.event === "log" && e.text === "ERROR:drouting:do_routing: partition name is mandatory"));
});

test("without a usable database the first call logs why, and every function returns -1", async () => {
  const run = await startScript(
    `
loadmodule "drouting.so"
modparam("drouting", "db_url", "mysql://opensips:secret@localhost/opensips")
route {
	do_routing(1); xlog("route $rc\\n");
	is_from_gw(); xlog("from $rc\\n");
}
`,
    "3.6",
    [drouting],
  );
  await run.send(request("MESSAGE"));
  assert.deepEqual(run.logs(), ["route -1", "from -1"]);
  const errors = run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
  assert.match(errors[0]!, /^ERROR:drouting:dr_init: \[Default\] failed to load routing info: cannot read table "dr_gateways": .*mysql/);
  assert.match(errors[1]!, /^ERROR:drouting:do_routing: the drouting module is not initialised/);
});

/** Seconds since the epoch of an ISO time. */
const at = (iso: string): number => Date.parse(iso) / 1000;

function matches(expr: string, iso: string): boolean | string {
  const parsed = parseTimeRecExpr(expr);
  return typeof parsed === "string" ? parsed : timeRecExprMatches(parsed, at(iso));
}

test("time recurrences: windows, weekly/monthly/yearly rules, BYxxx lists, intervals, until, time zones", () => {
  const workdays = "UTC|20230102T090000|20230102T170000||weekly|||MO,TU,WE,TH,FR";
  assert.equal(matches(workdays, "2023-11-14T10:00:00Z"), true);
  assert.equal(matches(workdays, "2023-11-14T17:00:00Z"), false, "the end is excluded");
  assert.equal(matches(workdays, "2023-11-18T10:00:00Z"), false, "Saturday");
  assert.equal(matches(workdays, "2022-11-14T10:00:00Z"), false, "before dtstart");
  // One-off window and its negation.
  assert.equal(matches("UTC|20231114T000000|20231115T000000", "2023-11-14T22:13:20Z"), true);
  assert.equal(matches("!UTC|20231114T000000|20231115T000000", "2023-11-14T22:13:20Z"), false);
  // Duration instead of an end; the window repeats daily until UNTIL.
  assert.equal(matches("UTC|20231101T080000||PT2H|daily|20231110T000000", "2023-11-05T09:00:00Z"), true);
  assert.equal(matches("UTC|20231101T080000||PT2H|daily|20231110T000000", "2023-11-14T09:00:00Z"), false);
  // Every second day (INTERVAL 2).
  assert.equal(matches("UTC|20231101T000000|20231101T235959||daily||2", "2023-11-13T12:00:00Z"), true);
  assert.equal(matches("UTC|20231101T000000|20231101T235959||daily||2", "2023-11-14T12:00:00Z"), false);
  // The last Tuesday of the month; the 14th of November every year.
  assert.equal(matches("UTC|20230101T000000|||monthly|||-1TU", "2023-11-28T10:00:00Z"), true);
  assert.equal(matches("UTC|20230101T000000|||monthly|||-1TU", "2023-11-21T10:00:00Z"), false);
  assert.equal(matches("UTC|20230101T000000|||yearly||||14|||11", "2023-11-14T10:00:00Z"), true);
  assert.equal(matches("UTC|20230101T000000|||yearly||||14|||10", "2023-11-14T10:00:00Z"), false);
  // A zone shifts the wall clock: 09:00-17:00 in Berlin is 08:00-16:00 UTC in November.
  assert.equal(matches("Europe/Berlin|20230102T090000|20230102T170000||daily", "2023-11-14T15:30:00Z"), true);
  assert.equal(matches("Europe/Berlin|20230102T090000|20230102T170000||daily", "2023-11-14T16:30:00Z"), false);
  // Expressions: & and / with parentheses; a zone with a '/' is not an operator.
  assert.equal(matches("UTC|20230101T000000|||weekly|||SA / Europe/Berlin|20230101T000000|||weekly|||TU", "2023-11-14T10:00:00Z"), true);
  assert.equal(matches("(UTC|20230101T000000|||weekly|||SA) & UTC|20230101T000000|||weekly|||TU", "2023-11-14T10:00:00Z"), false);
  assert.equal(matches("A & B / C", "2023-11-14T10:00:00Z"), "only one operator type is allowed within an expression (at '/')");
});

test("time recurrence parsing: OpenSIPS's rules and quirks", () => {
  const rec = (text: string) => {
    const parsed = parseTimeRec(text);
    assert.notEqual(typeof parsed, "string", `${text}: ${String(parsed)}`);
    return parsed as Exclude<ReturnType<typeof parseTimeRec>, string>;
  };
  assert.equal(rec("UTC|20231114T080000||P1DT2H30M").duration, 86_400 + 2 * 3600 + 30 * 60);
  assert.equal(rec("UTC|20231114T080000||1H").duration, 3600);
  assert.equal(rec("UTC|20231114T080000||P1H").duration, 0, "hours need the T part: a bad duration is 0");
  assert.equal(rec("UTC|20231114T080000|||daily||12").interval, 3, "the interval is the sum of its digits");
  assert.equal(rec("UTC|20231114T080000|||weekly").dtend, at("2023-11-19T00:00:00Z"), "weekly: to the end of the week (weeks end on Saturday here)");
  assert.equal(rec("20231114T080000").zone, null);
  assert.deepEqual(rec("UTC|20231114T080000|||monthly|||2MO,-1FR,WE").byday, { values: [1, 5, 3], reqs: [1, -1, 0] });
  assert.equal(parseTimeRec("UTC|19691231T000000"), 'bad dtstart "19691231T000000"');
  assert.equal(parseTimeRec("UTC|20231114T080000||||||MO"), "missing FREQ component");
});

const TRUNKING = "/work/shared/corpus/OpenSIPS__opensips__branch-3.6__examples__templates__trunking.m4.rendered.cfg";

test("OpenSIPS's trunking template: calls from a trunk go out through do_routing(1) and fail over with use_next_gw; gateways may not start calls", async () => {
  const db = sqliteFile(`${schema()}
CREATE TABLE address (id INTEGER PRIMARY KEY, grp INTEGER DEFAULT 0 NOT NULL, ip CHAR(50) NOT NULL, mask INTEGER DEFAULT 32 NOT NULL,
  port SMALLINT DEFAULT 0 NOT NULL, proto CHAR(4) DEFAULT 'any' NOT NULL, pattern CHAR(64) DEFAULT NULL, context_info CHAR(32) DEFAULT NULL);
INSERT INTO address (grp, ip) VALUES (1, '10.0.0.1');
INSERT INTO dr_gateways (gwid, type, address, strip, pri_prefix) VALUES ('gw1', 1, '198.51.100.1', 0, NULL), ('gw2', 1, '198.51.100.2', 1, '00');
INSERT INTO dr_rules (groupid, prefix, gwlist) VALUES ('1', '4', 'gw1,gw2');
`);
  const cfg = readFileSync(TRUNKING, "utf8").replaceAll("mysql://opensips:opensipsrw@localhost/opensips", `sqlite://${db}`);
  const run = await startScript(cfg, "3.6", [drouting, permissions]);
  assert.deepEqual(await callFailing(run, "sip:4912345@127.0.0.1", 2), ["sip:4912345@198.51.100.1", "sip:00912345@198.51.100.2"]);
  assert.deepEqual(run.env.replies.map((r) => `${r.code} ${r.reason}`), ["100 Giving it a try", "500 All GW are down"]);
  await run.send(request("INVITE", { branch: "z9hG4bK-dr-gw", ruri: "sip:4912345@127.0.0.1" }), { proto: "udp", ip: "198.51.100.2", port: 5060 });
  assert.equal(run.env.replies.map((r) => `${r.code} ${r.reason}`).at(-1), "403 Not from trunk");
});

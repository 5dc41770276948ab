/**
 * dispatcher on a SQLite dispatcher table: every selection algorithm, failover through a
 * failure_route, destination states, ds_is_in_list, ds_count, partitions and script attributes.
 * The expected hash picks come from OpenSIPS's ds_get_hash compiled from dispatch.c (values in
 * the comments); set 1 holds .11 and .12 (active, weight 1) and .13 (inactive), in load order.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { dispatcher } from "../runtime/modules/dispatcher.ts";
import { dsHash } from "../runtime/modules/dispatcher-hash.ts";
import { replyTo, request, startScript, type ScriptRun } from "./support/module-scripts.ts";
import { sqliteFile } from "./support/sqlite-file.ts";

const COLUMNS = `id INTEGER PRIMARY KEY AUTOINCREMENT, setid INTEGER DEFAULT 0 NOT NULL, destination CHAR(192) DEFAULT '' NOT NULL,
  socket CHAR(128) DEFAULT NULL, state INTEGER DEFAULT 0 NOT NULL, probe_mode INTEGER DEFAULT 0 NOT NULL,
  weight CHAR(64) DEFAULT 1 NOT NULL, priority INTEGER DEFAULT 0 NOT NULL, attrs CHAR(128) DEFAULT NULL, description CHAR(64) DEFAULT NULL`;

const DB = sqliteFile(`
CREATE TABLE dispatcher (${COLUMNS});
INSERT INTO dispatcher (setid, destination, state, weight, priority, attrs, description) VALUES
  (1, 'sip:10.0.0.11:5060', 0, '1', 0, 'zone=a', 'first'),
  (1, 'sip:10.0.0.12:5070', 0, '1', 0, 'zone=b', 'second'),
  (1, 'sip:10.0.0.13', 1, '1', 0, 'zone=c', 'down'),
  (2, 'sip:10.0.0.21', 0, '1', 0, 'zone=d', 'low priority'),
  (2, 'sip:10.0.0.22', 0, '2', 5, 'zone=e', 'high priority, weight 2');
CREATE TABLE dispatcher_pstn (${COLUMNS});
INSERT INTO dispatcher_pstn (setid, destination, attrs) VALUES
  (7, 'sip:gw@192.0.2.1:5080;transport=tcp', 'carrier=x'),
  (7, 'sip:192.0.2.2', 'carrier=y');
CREATE TABLE dispatcher_odd (setid INTEGER, destination TEXT, socket TEXT, state INTEGER, weight TEXT, priority INTEGER, attrs TEXT, description TEXT);
INSERT INTO dispatcher_odd VALUES
  (NULL, 'sip:10.9.9.9', NULL, 0, '1', 0, NULL, NULL),
  (3, 'not a uri', NULL, 0, '1', 0, NULL, NULL),
  (3, 'sip:10.9.9.1', NULL, 2, 'heavy', 9, NULL, NULL),
  (3, 'sip:pbx.example.com:5090', NULL, NULL, NULL, NULL, NULL, NULL);
`);

const P11 = "sip:10.0.0.11:5060";
const P12 = "sip:10.0.0.12:5070";

function dispatcherScript(body: string, params = "", extra = ""): string {
  return `
loadmodule "tm.so"
loadmodule "dispatcher.so"
modparam("dispatcher", "db_url", "sqlite://${DB}")
modparam("dispatcher", "attrs_avp", "$avp(ds_attrs)")
${params}
route {
${body}
}
${extra}
`;
}

function start(body: string, params = "", extra = ""): Promise<ScriptRun> {
  return startScript(dispatcherScript(body, params, extra), "3.6", [dispatcher]);
}

let branches = 0;

interface Send {
  readonly callId?: string;
  readonly ruri?: string;
  readonly headers?: string;
}

/** Sends one MESSAGE; returns the log lines it produced. */
async function send(run: ScriptRun, options: Send = {}): Promise<string[]> {
  const before = run.logs().length;
  await run.send(request("MESSAGE", { branch: `z9hG4bK-ds-${++branches}`, callId: options.callId, ruri: options.ruri, headers: options.headers }));
  return run.logs().slice(before);
}

const SELECT = `
	if (ds_select_dst($hdr(X-Set), $hdr(X-Alg), "$hdr(X-Flags)")) xlog("$du $avp(ds_attrs)\\n");
	else xlog("none $rc\\n");
`;

function selectHeaders(set: number, alg: number, flags = "", more = ""): string {
  return `X-Set: ${set}\r\nX-Alg: ${alg}\r\nX-Flags: ${flags}\r\n${more}`;
}

test("ds_get_hash bit for bit, signed bytes included (values from OpenSIPS's C code)", () => {
  assert.equal(dsHash(["call-1@10.0.0.1"]), 3458662117);
  assert.equal(dsHash(["alice", "example.com"]), 1442294598);
  assert.equal(dsHash(["bob", "10.0.0.2"]), 1669989984);
  assert.equal(dsHash(["abc"]), 7167810);
  assert.equal(dsHash(["héllo-wörld"]), 2820194998);
  assert.equal(dsHash(["bob", ""]), dsHash(["bob"]));
  assert.equal(dsHash(["", ""]), 1, "a zero hash becomes 1");
});

test("hash algorithms 0, 1, 2, 3 pick by hash % total weight; a hash on an inactive destination re-hashes over the active ones", async () => {
  const run = await start(SELECT);
  const pick = async (alg: number, options: Send & { flags?: string } = {}): Promise<string[]> =>
    send(run, { ...options, headers: selectHeaders(1, alg, options.flags) });
  // Call-ID hashes 3458662117 % 3 = 1, 3458358828 % 3 = 0, 3458211281 % 3 = 2 (.13, inactive) then % 2 = 1.
  assert.deepEqual(await pick(0, { callId: "call-1@10.0.0.1" }), [`${P12} zone=b`]);
  assert.deepEqual(await pick(0, { callId: "call-4@10.0.0.1" }), [`${P11} zone=a`]);
  assert.deepEqual(await pick(0, { callId: "call-6@10.0.0.1" }), [`${P12} zone=b`]);
  // From alice@example.com: 1442294598 % 3 = 0. To bob@example.com: 3912952109 % 3 = 2 (inactive), % 2 = 1.
  assert.deepEqual(await pick(1), [`${P11} zone=a`]);
  assert.deepEqual(await pick(2), [`${P12} zone=b`]);
  // R-URI bob@10.0.0.2: 1669989984 % 3 = 0; with 'u' only "bob": 7222211 % 3 = 2 (inactive), % 2 = 1.
  assert.deepEqual(await pick(3), [`${P11} zone=a`]);
  assert.deepEqual(await pick(3, { flags: "u" }), [`${P12} zone=b`]);
});

test("algorithm 5 hashes the digest username (Proxy-Authorization first); algorithm 7 the hash_pvar format", async () => {
  const run = await start(SELECT, `modparam("dispatcher", "hash_pvar", "$fU@$ci")`);
  const auth = (header: string): Send => ({ headers: selectHeaders(1, 5, "", header) });
  // "frank" 1791810532 % 3 = 1; "dave" 1761459855 % 3 = 0.
  assert.deepEqual(await send(run, auth('Authorization: Digest username="frank", realm="example.com", nonce="n", uri="sip:bob@10.0.0.2", response="r"\r\n')), [`${P12} zone=b`]);
  assert.deepEqual(await send(run, auth('Authorization: Digest username="frank"\r\nProxy-Authorization: Digest username="dave@example.com"\r\n')), [`${P11} zone=a`]);
  // "alice@call-3@10.0.0.1" 3079385925 % 3 = 0; "alice@call-5@10.0.0.1" 3079385923 % 3 = 1.
  assert.deepEqual(await send(run, { callId: "call-3@10.0.0.1", headers: selectHeaders(1, 7) }), [`${P11} zone=a`]);
  assert.deepEqual(await send(run, { callId: "call-5@10.0.0.1", headers: selectHeaders(1, 7) }), [`${P12} zone=b`]);
});

test("round robin cycles over the active destinations; a weight of 2 takes two turns", async () => {
  const run = await start(SELECT);
  const set1: string[] = [];
  for (let i = 0; i < 4; i++) set1.push(...(await send(run, { headers: selectHeaders(1, 4) })));
  assert.deepEqual(set1, [`${P11} zone=a`, `${P12} zone=b`, `${P11} zone=a`, `${P12} zone=b`]);
  const set2: string[] = [];
  for (let i = 0; i < 6; i++) set2.push(...(await send(run, { headers: selectHeaders(2, 4) })));
  const order = ["sip:10.0.0.22 zone=e", "sip:10.0.0.22 zone=e", "sip:10.0.0.21 zone=d"];
  assert.deepEqual(set2, [...order, ...order]);
});

test("random stays within the active destinations; algorithm 8 takes the highest priority; unknown algorithms the first entry", async () => {
  const run = await start(SELECT);
  const seen = new Set<string>();
  for (let i = 0; i < 30; i++) for (const line of await send(run, { headers: selectHeaders(1, 6) })) seen.add(line);
  assert.ok([...seen].every((line) => line === `${P11} zone=a` || line === `${P12} zone=b`), [...seen].join(", "));
  assert.deepEqual(await send(run, { headers: selectHeaders(2, 8) }), ["sip:10.0.0.22 zone=e"]);
  assert.deepEqual(await send(run, { headers: selectHeaders(1, 42) }), [`${P11} zone=a`]);
  assert.ok(run.env.events.some((e) => e.event === "log" && e.text.includes("unknown algo [42]")));
});

test("algorithm 9 orders by the pvar_algo_pattern load; algorithm 10 by the algo_route's return code, negative codes skipped", async () => {
  const loads = await start(
    `
	$var(n) = "load_${P11}"; $avp($var(n)) = 30;
	$var(n) = "load_${P12}"; $avp($var(n)) = 10;
	ds_select_dst(1, 9, "f");
	xlog("$du $(avp(ds_dst_failover)[*])\\n");
`,
    `modparam("dispatcher", "pvar_algo_pattern", "$avp(load_%u)")`,
  );
  assert.deepEqual(await send(loads), [`${P12} ${P12}, ${P11}`]);

  const scored = await start(
    `
	if (ds_select_dst(1, 10, "f")) xlog("$du $(avp(ds_dst_failover)[*])\\n");
	else xlog("none $rc\\n");
`,
    `modparam("dispatcher", "algo_route", "score")`,
    `
route[score] {
	if ($param(attrs) == $hdr(X-Skip)) return(-1);
	if ($param(dst_uri) == "${P11}") return(2);
	return(5);
}`,
  );
  assert.deepEqual(await send(scored, { headers: "X-Skip: none\r\n" }), [`${P11} ${P11}, ${P12}`]);
  assert.deepEqual(await send(scored, { headers: "X-Skip: zone=a\r\n" }), [`${P12} ${P12}`]);
});

const FAILOVER = `
	if (!ds_select_dst(1, 4, "f")) {
		t_reply(503, "No destination");
		exit;
	}
	t_on_failure("next");
	t_relay();
`;

const NEXT = `
failure_route[next] {
	if (t_check_status("503")) {
		xlog("failed at $avp(ds_dst_failover)\\n");
		ds_mark_dst("i");
		if (ds_next_dst()) {
			xlog("next $du\\n");
			t_on_failure("next");
			t_relay();
		}
	}
}`;

test("failover: a 503 from the first destination makes the failure_route relay to the next, then the list runs out", async () => {
  const run = await start(FAILOVER, "", NEXT);
  await run.send(request("INVITE", { branch: "z9hG4bK-fo-1" }));
  const invites = (): { dst: string; text: string }[] => run.env.requests.filter((r) => r.text.startsWith("INVITE "));
  assert.equal(invites()[0]?.dst, P11);
  await run.send(replyTo(invites()[0]!.text, 503, "Service Unavailable"));
  assert.equal(invites()[1]?.dst, P12);
  await run.send(replyTo(invites()[1]!.text, 503, "Service Unavailable"));
  assert.deepEqual(run.logs(), [`failed at ${P11}`, `next ${P12}`, `failed at ${P12}`]);
  assert.equal(invites().length, 2);
  assert.deepEqual(run.env.replies.map((r) => r.code), [100, 503]);

  // Both were marked inactive: set 1 has nothing left.
  await run.send(request("INVITE", { branch: "z9hG4bK-fo-2", callId: "call-2@10.0.0.1" }));
  assert.deepEqual(run.env.replies.map((r) => `${r.code} ${r.reason}`).slice(-2), ["100 Giving it a try", "503 No destination"]);
});

test("ds_mark_dst takes a destination out of selection; probing needs ds_probing_threshold marks; ds_count counts by state", async () => {
  const run = await start(
    `
	ds_select_dst(1, 8, "f");
	ds_mark_dst($hdr(X-Mark));
	xlog("mark $rc\\n");
	ds_select_dst(1, 8);
	ds_count(1, "a", $var(active));
	ds_count(1, "ip", $var(down));
	ds_count(1, "p", $var(probing));
	xlog("then $du active=$var(active) down=$var(down) probing=$var(probing)\\n");
`,
    `modparam("dispatcher", "ds_probing_threshold", 2)`,
  );
  assert.deepEqual(await send(run, { headers: "X-Mark: p\r\n" }), ["mark 1", `then ${P11} active=2 down=1 probing=0`]);
  assert.deepEqual(await send(run, { headers: "X-Mark: P\r\n" }), ["mark 1", `then ${P12} active=1 down=2 probing=1`]);
  assert.deepEqual(await send(run, { headers: "X-Mark: x\r\n" }), ["mark -1", `then ${P12} active=1 down=2 probing=1`]);
  // .12 is picked now; marking it inactive leaves set 1 empty.
  assert.deepEqual(await send(run, { headers: "X-Mark: i\r\n" }), ["mark 1", `then ${P12} active=0 down=3 probing=1`]);
  // Nothing selected, so nothing to mark.
  assert.deepEqual(await send(run, { headers: "X-Mark: a\r\n" }), ["mark -1", "then <null> active=0 down=3 probing=1"]);
});

test("ds_is_in_list matches IP and port (0 = any), all sets or one, active only, attribute pattern; setid_pvar gets the set", async () => {
  const run = await start(
    `
	$var(setid) = "unset";
	ds_is_in_list($hdr(X-IP), $hdr(X-Port));
	xlog("all $rc $var(setid) $avp(ds_attrs)\\n");
	ds_is_in_list($hdr(X-IP), $hdr(X-Port), 2);
	xlog("set2 $rc\\n");
	ds_is_in_list($hdr(X-IP), $hdr(X-Port), -1, , 1);
	xlog("active $rc\\n");
	ds_is_in_list($hdr(X-IP), $hdr(X-Port), -1, , 0, "zone=[ab]");
	xlog("pattern $rc\\n");
`,
    `modparam("dispatcher", "setid_pvar", "$var(setid)")`,
  );
  const check = (ip: string, port: number): Promise<string[]> => send(run, { headers: `X-IP: ${ip}\r\nX-Port: ${port}\r\n` });
  assert.deepEqual(await check("10.0.0.11", 5060), ["all 1 1 zone=a", "set2 -1", "active 1", "pattern 1"]);
  assert.deepEqual(await check("10.0.0.12", 5060), ["all -1 unset <null>", "set2 -1", "active -1", "pattern -1"]);
  assert.deepEqual(await check("10.0.0.12", 0), ["all 1 1 zone=b", "set2 -1", "active 1", "pattern 1"]);
  assert.deepEqual(await check("10.0.0.13", 5060), ["all 1 1 zone=c", "set2 -1", "active -1", "pattern -1"]);
  assert.deepEqual(await check("10.0.0.22", 5060), ["all 1 2 zone=e", "set2 1", "active 1", "pattern -1"]);
  assert.deepEqual(await check("not-an-ip", 0), ["all -1 unset <null>", "set2 -1", "active -1", "pattern -1"]);
  assert.ok(run.env.events.some((e) => e.event === "log" && e.level === "ERROR" && e.text.includes("IP val is not IP <not-an-ip>")));
});

test("bad set, flags or partition: -1 with an error; the failover AVPs: max_res, the 'd' default, grp and cnt", async () => {
  const run = await start(`
	ds_select_dst(9, 0);
	xlog("set9 $rc\\n");
	ds_select_dst(1, 0, "fx");
	xlog("flags $rc\\n");
	ds_select_dst(1, 0, , "nowhere");
	xlog("partition $rc\\n");
	ds_select_dst(1, 4, "f", , 1);
	xlog("max1 $(avp(ds_dst_failover)[*]) grp=$avp(ds_grp_failover) cnt=$avp(ds_cnt_failover)\\n");
	ds_select_dst(2, 4, "fd");
	xlog("default $du $(avp(ds_dst_failover)[*]) cnt=$avp(ds_cnt_failover)\\n");
	ds_select_dst(2, 4, "fd");
	xlog("default $du $(avp(ds_dst_failover)[*]) cnt=$avp(ds_cnt_failover)\\n");
`);
  assert.deepEqual(await send(run), [
    "set9 -1",
    "flags -1",
    "partition -1",
    `max1 ${P11} grp=1 cnt=1`,
    "default sip:10.0.0.22 sip:10.0.0.22, sip:10.0.0.21 cnt=2",
    "default sip:10.0.0.22 sip:10.0.0.22, sip:10.0.0.21 cnt=2",
  ]);
  const errors = run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
  assert.deepEqual(errors, [
    "ERROR:dispatcher:ds_select_dst: destination set [9] not found in partition [default]",
    'ERROR:dispatcher:ds_select_dst: invalid flags "fx"',
    "ERROR:dispatcher:ds_select_dst: unknown partition nowhere",
  ]);
});

test("ds_select_domain / ds_next_domain rewrite the R-URI host and port", async () => {
  const run = await start(`
	ds_select_domain(1, 8, "f");
	xlog("$ru\\n");
	ds_next_domain();
	xlog("$rc $ru\\n");
	ds_next_domain();
	xlog("$rc $ru\\n");
`);
  assert.deepEqual(await send(run, { ruri: "sip:bob@10.0.0.2;user=phone" }), [
    "sip:bob@10.0.0.11:5060;user=phone",
    "1 sip:bob@10.0.0.12:5070;user=phone",
    "-1 sip:bob@10.0.0.12:5070;user=phone",
  ]);
});

test("partitions have their own table and AVPs; script attributes are pushed by address and read by $du form", async () => {
  const run = await start(
    `
	ds_select_dst(7, 8, "f", "pstn");
	xlog("$du $(avp(ds_dst_failover_pstn)[*]) $avp(pstn_attrs)\\n");
	ds_push_script_attrs("load=5", "192.0.2.2", 0, 7, "pstn");
	ds_get_script_attrs("sip:192.0.2.2", 7, "pstn", $var(sa));
	xlog("$rc $var(sa)\\n");
	ds_get_script_attrs("sip:192.0.2.9", 7, "pstn", $var(sa));
	xlog("$rc\\n");
	ds_count(7, "a", $var(n), "pstn");
	xlog("count $var(n)\\n");
`,
    `modparam("dispatcher", "partition", "pstn: table_name = dispatcher_pstn; attrs_avp = $avp(pstn_attrs)")`,
  );
  assert.deepEqual(await send(run), [
    "sip:192.0.2.1:5080;transport=tcp sip:gw@192.0.2.1:5080;transport=tcp, sip:192.0.2.2 carrier=x",
    "1 load=5",
    "-1",
    "count 2",
  ]);
});

test("without a usable database the first call logs why, and every function returns -1", async () => {
  const run = await startScript(
    `
loadmodule "dispatcher.so"
modparam("dispatcher", "db_url", "mysql://opensips:secret@localhost/opensips")
route {
	ds_select_dst(1, 0);
	xlog("select $rc\\n");
}
`,
    "3.6",
    [dispatcher],
  );
  assert.deepEqual(await send(run), ["select -1"]);
  const errors = run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
  assert.equal(errors.length, 2);
  assert.match(errors[0]!, /^ERROR:dispatcher:mod_init: \[default\] failed to load data from DB: .*unsupported database scheme "mysql"/);
  assert.match(errors[1]!, /^ERROR:dispatcher:ds_select_dst: the dispatcher module is not initialised/);
});

test("a partition made the default; rows with a NULL set or a bad URI are skipped with a warning; NULL columns take defaults", async () => {
  const run = await start(
    `
	ds_select_dst(3, 8);
	ds_count(3, "p", $var(probing));
	ds_is_in_list("10.9.9.1", 0, 3, "odd");
	xlog("$du probing=$var(probing) in=$rc\\n");
	ds_select_dst(1, 8, , "default");
	xlog("default $rc\\n");
`,
    `modparam("dispatcher", "partition", "odd: table_name = dispatcher_odd")
modparam("dispatcher", "partition", "default: odd")`,
  );
  assert.deepEqual(await send(run), ["sip:pbx.example.com:5090 probing=1 in=1", "default -1"]);
  const warnings = run.env.events.flatMap((e) => (e.event === "log" && e.level === "WARNING" ? [e.text] : []));
  assert.deepEqual(warnings, [
    "WARNING:dispatcher:ds_load_data: ds ID column cannot be NULL -> skipping",
    "WARNING:dispatcher:ds_load_data: bad uri [not a uri], failed to add destination <not a uri> in group 3",
  ]);
});

test("a parameter that is not an AVP where one is needed stops the module", async () => {
  const run = await start(`ds_select_dst(1, 8); xlog("$rc\\n");`, `modparam("dispatcher", "dst_avp", "$var(list)")`);
  assert.deepEqual(await send(run), ["-1"]);
  assert.ok(run.env.events.some((e) => e.event === "log" && e.text === 'ERROR:dispatcher:mod_init: [default] malformed or non AVP dst_avp definition "$var(list)"'));
});

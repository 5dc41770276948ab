/**
 * load_balancer on a SQLite load_balancer table. Group 1: .1 (pstn=2, transc=10), .2 (pstn=4,
 * transc=1, no port: 5060), .3 (pstn=3, port 5070); group 2: a hostname and .25. Each INVITE is a
 * dialog counted in the `lbX<resource>` profiles, so the picks below follow the free capacity
 * left by the calls before them, and a call that ends gives its slot back.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { CORPUS_DIR } from "../bench/corpus.ts";
import { loadBalancer } from "../runtime/modules/load-balancer.ts";
import { parseResourceList } from "../runtime/modules/load-balancer-resources.ts";
import { replyTo, request, startScript, type ScriptRun } from "./support/module-scripts.ts";
import { sqliteFile } from "./support/sqlite-file.ts";

const COLUMNS = `id INTEGER PRIMARY KEY AUTOINCREMENT, group_id INTEGER DEFAULT 1 NOT NULL, dst_uri CHAR(128) NOT NULL,
  resources CHAR(255) NOT NULL, probe_mode INTEGER DEFAULT 0 NOT NULL, attrs CHAR(255) DEFAULT NULL, description CHAR(128) DEFAULT NULL`;

const DB = sqliteFile(`
CREATE TABLE load_balancer (${COLUMNS});
INSERT INTO load_balancer (id, group_id, dst_uri, resources, probe_mode, attrs) VALUES
  (1, 1, 'sip:10.0.1.1:5060', 'pstn=2;transc=10', 0, 'carrier=a'),
  (2, 1, 'sip:10.0.1.2', ' pstn = 4 ; transc=1 ', 1, 'carrier=b'),
  (3, 1, 'sip:10.0.1.3:5070', 'pstn=3;', 2, NULL),
  (4, 2, 'sip:gw.example.com', 'pstn=5', 0, 'by name'),
  (5, 2, 'sip:10.0.2.25', 'pstn=1', 0, 'g2');
CREATE TABLE lb_odd (${COLUMNS});
INSERT INTO lb_odd (id, group_id, dst_uri, resources, probe_mode) VALUES
  (1, 1, 'not a uri', 'pstn=1', 0),
  (2, 1, 'sip:10.0.3.2', 'pstn', 0),
  (3, 1, 'sip:10.0.3.3', 'pstn=fs://:secret@10.0.3.3', 0),
  (4, 1, 'sip:10.0.3.4', 'pstn=7', 0);
CREATE TABLE lb_null_group (${COLUMNS.replace("group_id INTEGER DEFAULT 1 NOT NULL", "group_id INTEGER")});
INSERT INTO lb_null_group (id, group_id, dst_uri, resources) VALUES (1, NULL, 'sip:10.0.4.1', 'pstn=1');
CREATE TABLE lb_empty (${COLUMNS});
CREATE TABLE lb_channels (${COLUMNS});
INSERT INTO lb_channels (id, group_id, dst_uri, resources) VALUES
  (1, 1, 'sip:192.0.2.10', 'channel=1'),
  (2, 1, 'sip:192.0.2.20', 'channel=2');
`);

const TEMPLATE = join(CORPUS_DIR, "OpenSIPS__opensips__branch-3.6__examples__templates__loadbalancer.m4.rendered.cfg");

const D1 = "sip:10.0.1.1:5060";
const D2 = "sip:10.0.1.2";
const D3 = "sip:10.0.1.3:5070";

/** The call handling shared by the scripts: in-dialog requests are matched (a BYE ends its dialog), loads are logged by route(loads). */
function lbScript(body: string, extra = "", params = `modparam("load_balancer", "db_url", "sqlite://${DB}")`): string {
  return `
loadmodule "tm.so"
loadmodule "dialog.so"
loadmodule "sipmsgops.so"
loadmodule "load_balancer.so"
${params}
route {
	if (has_totag()) {
		match_dialog();
		route(loads);
		t_relay();
		exit;
	}
${body}
}
route[loads] {
	get_profile_size("lbXpstn", "1", $var(l1));
	get_profile_size("lbXpstn", "2", $var(l2));
	get_profile_size("lbXpstn", "3", $var(l3));
	xlog("loads $var(l1)/$var(l2)/$var(l3)\\n");
}
${extra}
`;
}

function start(body: string, extra = "", params?: string): Promise<ScriptRun> {
  return startScript(lbScript(body, extra, params), "3.6", [loadBalancer]);
}

let branches = 0;

/** Sends an initial request of call `callId`; returns the log lines it produced. */
async function send(run: ScriptRun, callId: string, headers = "", method = "INVITE"): Promise<string[]> {
  const before = run.logs().length;
  await run.send(request(method, { branch: `z9hG4bK-lb-${++branches}`, callId, headers }));
  return run.logs().slice(before);
}

/** The INVITE the proxy relayed for a call. */
function relayed(run: ScriptRun, callId: string): { dst: string; text: string } {
  const found = run.env.requests.filter((r) => r.text.startsWith("INVITE ") && r.text.includes(`Call-ID: ${callId}\r\n`));
  assert.ok(found.length > 0, `no INVITE relayed for ${callId}`);
  return found[found.length - 1]!;
}

const PICK = `
	if (!lb_start(1, "$hdr(X-Res)", "$hdr(X-Flags)", $var(attrs))) {
		xlog("lb $rc\\n");
		t_reply(503, "No capacity");
		exit;
	}
	xlog("to $du [$var(attrs)]\\n");
	route(loads);
	t_relay();
`;

const pstn = (flags = ""): string => `X-Res: pstn\r\nX-Flags: ${flags}\r\n`;

test("successive calls spread by free capacity; exhausted: -2 and the script's 503; a BYE and a failed INVITE give their slots back", async () => {
  const run = await start(PICK);
  const picks: string[] = [];
  for (let n = 1; n <= 9; n++) picks.push((await send(run, `c${n}`, pstn()))[0]!);
  // Free pstn before each pick: 2/4/3, 2/3/3, 2/2/3, 2/2/2, 1/2/2, 1/1/2, 1/1/1, 0/1/1, 0/0/1.
  assert.deepEqual(picks, [
    `to ${D2} [carrier=b]`,
    `to ${D2} [carrier=b]`,
    `to ${D3} []`,
    `to ${D1} [carrier=a]`,
    `to ${D2} [carrier=b]`,
    `to ${D3} []`,
    `to ${D1} [carrier=a]`,
    `to ${D2} [carrier=b]`,
    `to ${D3} []`,
  ]);
  assert.deepEqual(await send(run, "c10", pstn()), ["lb -2"]);
  assert.deepEqual(run.env.replies.filter((r) => r.code >= 200).map((r) => `${r.code} ${r.reason}`), ["503 No capacity"]);

  // c1 (on .2) is answered, then hung up: .2 has a slot again.
  await run.send(replyTo(relayed(run, "c1").text, 200, "OK"));
  await run.send(request("BYE", { branch: "z9hG4bK-lb-bye", callId: "c1", toTag: "bob-tag", cseq: 2 }));
  assert.equal(run.logs().at(-1), "loads 2/3/3");
  assert.deepEqual(await send(run, "c11", pstn()), [`to ${D2} [carrier=b]`, "loads 2/4/3"]);

  // c11 fails downstream: the 486 goes upstream, its dialog ends, .2 is free again.
  await run.send(replyTo(relayed(run, "c11").text, 486, "Busy Here"));
  assert.deepEqual(await send(run, "c12", pstn()), [`to ${D2} [carrier=b]`, "loads 2/4/3"]);
});

test("relative ('r') versus absolute availability; two resources: only destinations having both, by the scarcer one", async () => {
  const relative = await start(PICK);
  const picks: string[] = [];
  // Free percent: 100/100/100, 50/100/100, 50/75/100, 50/75/66.
  for (let n = 1; n <= 4; n++) picks.push((await send(relative, `r${n}`, pstn("r")))[0]!);
  assert.deepEqual(picks, [`to ${D1} [carrier=a]`, `to ${D2} [carrier=b]`, `to ${D3} []`, `to ${D2} [carrier=b]`]);

  const both = await start(PICK);
  const res = "X-Res: pstn;transc\r\nX-Flags: \r\n";
  // Free min(pstn, transc): .1 min(2,10)=2, .2 min(4,1)=1 (.3 has no transc); then 1/1; then 0/1; then 0/0.
  assert.deepEqual((await send(both, "b1", res))[0], `to ${D1} [carrier=a]`);
  assert.deepEqual((await send(both, "b2", res))[0], `to ${D1} [carrier=a]`);
  assert.deepEqual((await send(both, "b3", res))[0], `to ${D2} [carrier=b]`);
  assert.deepEqual(await send(both, "b4", res), ["lb -2"]);
  // 'n' accepts destinations without free capacity: the first of the equally full ones.
  assert.deepEqual((await send(both, "b5", "X-Res: pstn;transc\r\nX-Flags: n\r\n"))[0], `to ${D1} [carrier=a]`);
  assert.deepEqual((await send(both, "b6", "X-Res: transc\r\nX-Flags: \r\n"))[0], `to ${D1} [carrier=a]`);
});

test("'s' picks randomly among equally loaded destinations; a second lb_start in a request moves the call's count", async () => {
  const run = await start(`
	$var(i) = 0;
	while ($var(i) < 30) {
		lb_start(1, "pstn", "$hdr(X-Flags)");
		xlog("$du\\n");
		$var(i) = $var(i) + 1;
	}
	route(loads);
`);
  const random = await send(run, "s1", "X-Flags: rs\r\n");
  assert.deepEqual(new Set(random.slice(0, 30)), new Set([D1, D2, D3]));
  // Each lb_start released the previous pick: s1 counts once, on its last pick.
  const loads = [D1, D2, D3].map((d) => (d === random[29] ? 1 : 0));
  assert.equal(random[30], `loads ${loads.join("/")}`);
  // Without 's' the tie goes to table order: .1, unless s1's call sits there (.1 is then at 50 %).
  const best = random[29] === D1 ? D2 : D1;
  const first = await send(run, "s2", "X-Flags: r\r\n");
  assert.deepEqual(new Set(first.slice(0, 30)), new Set([best]));
  loads[best === D1 ? 0 : 1]!++;
  assert.equal(first[30], `loads ${loads.join("/")}`);
});

const FAILOVER = `
	if (!lb_start(1, "pstn")) {
		t_reply(503, "No capacity");
		exit;
	}
	t_on_failure("next");
	t_relay();
`;

const NEXT = `
failure_route[next] {
	if (t_check_status("503")) {
		xlog("failed at $avp(__lb_id)\\n");
		if ($hdr(X-Disable) == "yes") lb_disable_dst();
		if (lb_next()) {
			xlog("next $du mask=$avp(__lb_mask)\\n");
			route(loads);
			t_on_failure("next");
			t_relay();
		} else {
			xlog("lb_next $rc\\n");
		}
	}
}`;

test("failover: lb_next after a 503 moves the call to the next best destination, releasing the previous one, until none is left", async () => {
  const run = await start(FAILOVER, NEXT);
  await send(run, "f1");
  assert.equal(relayed(run, "f1").dst, D2);
  await run.send(replyTo(relayed(run, "f1").text, 503, "Service Unavailable"));
  assert.equal(relayed(run, "f1").dst, D3);
  await run.send(replyTo(relayed(run, "f1").text, 503, "Service Unavailable"));
  assert.equal(relayed(run, "f1").dst, D1);
  await run.send(replyTo(relayed(run, "f1").text, 503, "Service Unavailable"));
  assert.deepEqual(run.logs(), [
    "failed at 2",
    `next ${D3} mask=10011`,
    "loads 0/0/1",
    "failed at 3",
    `next ${D1} mask=00011`,
    "loads 1/0/0",
    "failed at 1",
    "lb_next -3",
  ]);
  assert.deepEqual(run.env.replies.map((r) => r.code), [100, 503]);
  // The last 503 went upstream: the dialog ended, nothing is counted any more.
  assert.deepEqual(await send(run, "f2"), []);
  assert.equal(relayed(run, "f2").dst, D2);
});

test("lb_disable_dst takes the destination in use out of every later pick; lb_is_destination's active check sees it", async () => {
  const run = await start(
    `
	if ($rm == "MESSAGE") {
		lb_is_destination("10.0.1.2", 5060, 1, 1);
		xlog("active $rc\\n");
		lb_is_destination("10.0.1.2", 5060, 1);
		xlog("any $rc\\n");
		exit;
	}
${FAILOVER}`,
    NEXT,
  );
  await send(run, "d1", "X-Disable: yes\r\n");
  await run.send(replyTo(relayed(run, "d1").text, 503, "Service Unavailable"));
  assert.equal(relayed(run, "d1").dst, D3);
  // .2 would be the best for a new call (4 free); it is disabled.
  await send(run, "d2");
  assert.equal(relayed(run, "d2").dst, D1);
  assert.deepEqual(await send(run, "d3", "", "MESSAGE"), ["active -1", "any 1"]);
});

test("lb_is_destination matches IP and port (0 = any, 5060 when the URI has none), group, and gives the attributes", async () => {
  const run = await start(`
	lb_is_destination("$hdr(X-IP)", $hdr(X-Port), $hdr(X-Group), 0, $var(attrs));
	xlog("$rc [$var(attrs)]\\n");
`);
  const check = (ip: string, port: number, group = -1): Promise<string[]> =>
    send(run, "m1", `X-IP: ${ip}\r\nX-Port: ${port}\r\nX-Group: ${group}\r\n`, "MESSAGE");
  assert.deepEqual(await check("10.0.1.1", 5060), ["1 [carrier=a]"]);
  assert.deepEqual(await check("10.0.1.1", 5070), ["-1 []"]);
  assert.deepEqual(await check("10.0.1.3", 0), ["1 []"]);
  assert.deepEqual(await check("10.0.1.2", 5060, 1), ["1 [carrier=b]"]);
  assert.deepEqual(await check("10.0.1.2", 5060, 2), ["-1 []"]);
  assert.deepEqual(await check("10.0.2.25", 0, 2), ["1 [g2]"]);
  assert.deepEqual(await check("not-an-ip", 0), ["-1 []"]);
  assert.ok(run.env.events.some((e) => e.event === "log" && e.level === "ERROR" && e.text === "ERROR:load_balancer:lb_is_dst: IP val is not IP <not-an-ip>"));
});

test("lb_count_call counts calls that did not go through lb_start (and undoes it); picks take them into account", async () => {
  const run = await start(
    `
	if ($hdr(X-Count) != NULL) {
		lb_count_call("$hdr(X-Count)", 0, 1, "pstn");
		xlog("count $rc\\n");
		if ($hdr(X-Undo) == "yes") {
			lb_count_call("$hdr(X-Count)", 0, 1, "pstn", 1);
			xlog("undo $rc\\n");
		}
		route(loads);
		t_relay();
		exit;
	}
${PICK}`,
  );
  assert.deepEqual(await send(run, "k1", "X-Count: 10.0.1.2\r\n"), ["count 1", "loads 0/1/0"]);
  assert.deepEqual(await send(run, "k2", "X-Count: 10.0.1.2\r\nX-Undo: yes\r\n"), ["count 1", "undo 1", "loads 0/1/0"]);
  assert.deepEqual(await send(run, "k3", "X-Count: 10.0.1.2\r\n"), ["count 1", "loads 0/2/0"]);
  // Free pstn 2/2/3: .3 now, where .2 would win without the counted calls.
  assert.deepEqual((await send(run, "k4", pstn()))[0], `to ${D3} []`);
  assert.deepEqual(await send(run, "k5", "X-Count: 10.0.9.9\r\n"), ["count -1", "loads 0/2/1"]);
  const errors = run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
  assert.deepEqual(errors, ["ERROR:load_balancer:lb_count_call: no destination to match the given IP and port (10.0.9.9:0)"]);
});

test("the session: lb_is_started, lb_start_or_next / load_balance, the __lb_* AVPs, lb_reset releasing the call", async () => {
  const run = await start(`
	lb_is_started();
	xlog("started $rc\\n");
	lb_start_or_next(1, "transc;pstn", , $var(a));
	xlog("first $rc $du [$var(a)] id=$avp(__lb_id) grp=$avp(__lb_grp) res=$(avp(__lb_res)[*]) mask=$avp(__lb_mask)\\n");
	lb_is_started();
	xlog("started $rc\\n");
	load_balance(1, "transc;pstn", , $var(a));
	xlog("second $rc $du [$var(a)] mask=$avp(__lb_mask)\\n");
	load_balance(1, "transc;pstn", , $var(a));
	xlog("third $rc [$var(a)] id=$avp(__lb_id) mask=$avp(__lb_mask)\\n");
	lb_start(1, "pstn", "rn");
	xlog("restart $rc $du flags=$avp(__lb_flg)\\n");
	route(loads);
	lb_reset();
	xlog("reset $rc id=$avp(__lb_id) res=$avp(__lb_res)\\n");
	lb_is_started();
	xlog("started $rc\\n");
	route(loads);
`);
  assert.deepEqual(await send(run, "z1"), [
    "started -1",
    `first 1 ${D1} [carrier=a] id=1 grp=1 res=transc, pstn mask=01000`,
    "started 1",
    `second 1 ${D2} [carrier=b] mask=00000`,
    "third -3 [] id=<null> mask=00000",
    `restart 1 ${D1} flags=3`,
    "loads 1/0/0",
    "reset 1 id=<null> res=<null>",
    "started -1",
    "loads 0/0/0",
  ]);
});

test("bad calls: unknown resource -4, group without destinations -3, a value in the list -1, no dialog possible -1, no session -1", async () => {
  const run = await start(`
	lb_start(1, "voice");
	xlog("unknown $rc\\n");
	lb_start(1, "pstn;pstn");
	xlog("twice $rc\\n");
	lb_start(7, "pstn");
	xlog("group $rc\\n");
	lb_start(1, "pstn=2");
	xlog("value $rc\\n");
	lb_next();
	xlog("next $rc\\n");
	lb_disable_dst();
	xlog("disable $rc\\n");
	lb_reset();
	xlog("reset $rc\\n");
	lb_start(1, "pstn");
	xlog("start $rc $du\\n");
`);
  assert.deepEqual(await send(run, "e1", "", "MESSAGE"), ["unknown -4", "twice -4", "group -1", "value -1", "next -1", "disable -1", "reset -1", "start -1 <null>"]);
  const errors = run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
  assert.deepEqual(errors, [
    "ERROR:load_balancer:lb_route: initial call of LB - unknown resource found in input string",
    "ERROR:load_balancer:lb_route: initial call of LB - unknown resource found in input string",
    "ERROR:load_balancer:lb_route: initial call of LB - failed to create dialog",
    "ERROR:load_balancer:fixup_resources: invalid parameter pstn=2 (resource must not have value!)",
    "ERROR:load_balancer:lb_route: sequential call of LB - cannot find previous resources",
    "ERROR:load_balancer:do_lb_reset: no dialog found for this call, LB not started",
    "ERROR:load_balancer:lb_route: initial call of LB - failed to create dialog",
  ]);
  // On an INVITE the dialog can be created: a group without destinations is -3, and lb_next goes on in it.
  assert.deepEqual(await send(run, "e2"), ["unknown -4", "twice -4", "group -3", "value -1", "next -3", "disable -1", "reset 1", `start 1 ${D2}`]);
});

test("loading: bad rows are skipped with an error, NULL in a mandatory column or a missing dialog module stops the module", async () => {
  const odd = await start(`lb_start(1, "pstn"); xlog("$rc $du\\n");`, "", `modparam("load_balancer", "db_url", "sqlite://${DB}")\nmodparam("load_balancer", "db_table", "lb_odd")`);
  assert.deepEqual(await send(odd, "o1"), ["1 sip:10.0.3.4"]);
  const errors = odd.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
  assert.deepEqual(errors, [
    "ERROR:load_balancer:add_lb_dsturi: bad uri [not a uri] for destination; failed to add destination 0 -> skipping",
    "ERROR:load_balancer:add_lb_dsturi: failed to parse resourse string <pstn>: resource must have value!; failed to add destination 0 -> skipping",
    "ERROR:load_balancer:add_lb_dsturi: failed to parse resourse string <pstn=fs://:secret@10.0.3.3>: invalid value [fs://:secret@10.0.3.3]; failed to add destination 0 -> skipping",
  ]);

  const broken = async (params: string, loadDialog = true): Promise<string[]> => {
    const modules = ["tm", ...(loadDialog ? ["dialog"] : []), "load_balancer"].map((m) => `loadmodule "${m}.so"`).join("\n");
    const cfg = `${modules}\n${params}\nroute {\n\tlb_start(1, "pstn");\n\txlog("$rc\\n");\n}\n`;
    const run = await startScript(cfg, "3.6", [loadBalancer]);
    await send(run, "x1");
    return run.env.events.flatMap((e) => (e.event === "log" && (e.level === "ERROR" || e.level === "WARNING") ? [e.text] : []));
  };
  const db = `modparam("load_balancer", "db_url", "sqlite://${DB}")`;
  assert.deepEqual(await broken(`${db}\nmodparam("load_balancer", "db_table", "lb_null_group")`), [
    "ERROR:load_balancer:mod_init: failed to load load-balancing data: nul column",
    "ERROR:load_balancer:lb_start: the load_balancer module is not initialised: failed to load load-balancing data: nul column",
  ]);
  assert.match((await broken(db, false))[0]!, /^ERROR:load_balancer:mod_init: the dialog module is not loaded/);
  assert.match((await broken(""))[0]!, /^ERROR:load_balancer:mod_init: no db_url given/);
  assert.deepEqual((await broken(`${db}\nmodparam("load_balancer", "db_table", "lb_empty")`)).slice(0, 2), [
    'WARNING:load_balancer:lb_db_load_data: table "lb_empty" empty',
    "ERROR:load_balancer:lb_route: initial call of LB - unknown resource found in input string",
  ]);
});

test("OpenSIPS's 3.6 load-balancer template: lb_start(1, \"channel\"), failover to the next gateway on a 503, 500 when all are down", async () => {
  const template = readFileSync(TEMPLATE, "utf8");
  const dbLine = 'modparam("load_balancer", "db_url", "mysql://opensips:opensipsrw@localhost/opensips")';
  assert.ok(template.includes(dbLine));
  const cfg = template.replace(dbLine, `modparam("load_balancer", "db_url", "sqlite://${DB}")\nmodparam("load_balancer", "db_table", "lb_channels")`);
  const run = await startScript(cfg, "3.6", [loadBalancer]);
  await send(run, "t1");
  assert.equal(relayed(run, "t1").dst, "sip:192.0.2.20");
  await send(run, "t2");
  // .20 has one channel left, .10 one: the first of them.
  assert.equal(relayed(run, "t2").dst, "sip:192.0.2.10");
  await run.send(replyTo(relayed(run, "t2").text, 503, "Service Unavailable"));
  assert.equal(relayed(run, "t2").dst, "sip:192.0.2.20");
  await run.send(replyTo(relayed(run, "t2").text, 503, "Service Unavailable"));
  assert.deepEqual(run.env.replies.filter((r) => r.code >= 200).map((r) => `${r.code} ${r.reason}`), ["500 All GW are down"]);
  // t1 still holds a channel on .20; t2's dialog ended with the 500: .10 is free again, and then nothing is.
  await send(run, "t3");
  assert.equal(relayed(run, "t3").dst, "sip:192.0.2.10");
  await send(run, "t4");
  assert.equal(relayed(run, "t4").dst, "sip:192.0.2.20");
  await send(run, "t5");
  assert.deepEqual(run.env.replies.filter((r) => r.code >= 200).map((r) => `${r.code} ${r.reason}`), ["500 All GW are down", "500 No Destination available"]);
});

test("resource lists: names with capacities from the table, names alone from the script", () => {
  assert.deepEqual(parseResourceList(" pstn = 32 ; transc=10;", true), [
    { name: "pstn", capacity: 32 },
    { name: "transc", capacity: 10 },
  ]);
  assert.deepEqual(parseResourceList("pstn; transc ", false), [
    { name: "pstn", capacity: 0 },
    { name: "transc", capacity: 0 },
  ]);
  assert.equal(parseResourceList("pstn;;transc", false), "empty resource name");
  assert.equal(parseResourceList("  ", false), "empty list of resources");
  assert.equal(parseResourceList("pstn=", true), "empty val !");
  assert.equal(parseResourceList("pstn=-1", true), "invalid value [-1]");
  assert.equal(parseResourceList("=4", true), "empty resource name");
});

/**
 * rtpengine: the bencode codec, the flags, and the functions against a fake rtpengine
 * (test/support/fake-rtpengine.ts) — what the commands carry, what the relayed messages carry,
 * errors, failover and timeouts.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import * as rt from "../runtime/index.ts";
import { decodeBencode, encodeBencode, type Bencoded, type BencodeDict } from "../runtime/modules/rtpengine-bencode.ts";
import { parseFlags } from "../runtime/modules/rtpengine-flags.ts";
import { rtpengine } from "../runtime/modules/rtpengine.ts";
import { parseSipMessage } from "../runtime/sip/parse.ts";
import { FakeRtpengine } from "./support/fake-rtpengine.ts";
import { sqliteFile } from "./support/sqlite-file.ts";
import { CLIENT, headerOf, replyTo, request, startScript, type ScriptRun } from "./support/module-scripts.ts";

const SDP =
  "v=0\r\n" +
  "o=alice 2890844526 2890844526 IN IP4 10.0.0.1\r\n" +
  "s=-\r\n" +
  "c=IN IP4 10.0.0.1\r\n" +
  "t=0 0\r\n" +
  "m=audio 49170 RTP/AVP 0 8\r\n" +
  "a=rtpmap:0 PCMU/8000\r\n";

/** SDP as the fake rtpengine rewrites it for `address`. */
function anchoredSdp(address: string, sdp = SDP): string {
  return sdp.replace(/IN IP4 10\.0\.0\.[0-9]+/g, `IN IP4 ${address}`).replace(/m=audio [0-9]+/, "m=audio 30000");
}

const BOB_SDP = SDP.replace(/10\.0\.0\.1/g, "10.0.0.2").replace("alice", "bob").replace("49170", "50000");

function invite(options: { body?: string; callId?: string } = {}): string {
  const body = options.body ?? SDP;
  const callId = options.callId ?? "call-1@10.0.0.1";
  return request("INVITE", { callId, branch: `z9hG4bK-${callId}`, body, headers: body === "" ? "" : "Content-Type: application/sdp\r\n" });
}

/** A reply from downstream carrying `body` as SDP. */
function replyWithSdp(sent: string, code: number, reason: string, body: string): string {
  const reply = replyTo(sent, code, reason);
  return reply.replace("Content-Length: 0\r\n\r\n", `Content-Type: application/sdp\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

function bodyOf(text: string): string {
  return text.slice(text.indexOf("\r\n\r\n") + 4);
}

/** The dictionary as a plain object (lists and nested dictionaries too), for deepEqual. */
function plain(value: Bencoded): unknown {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

function errors(run: ScriptRun): string[] {
  return run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
}

let engine: FakeRtpengine;
let second: FakeRtpengine;

before(async () => {
  [engine, second] = await Promise.all([FakeRtpengine.start(), FakeRtpengine.start()]);
});

after(async () => {
  await Promise.all([engine.close(), second.close()]);
});

/** A script loading tm and rtpengine, with `params` (modparam lines) and `routes`. */
async function start(routes: string, params = `modparam("rtpengine", "rtpengine_sock", "${engine.url}")`): Promise<ScriptRun> {
  await engine.behave({ kind: "answer", address: "203.0.113.7" });
  await second.behave({ kind: "answer", address: "198.51.100.9" });
  const run = await startScript(`loadmodule "tm.so"\nloadmodule "rtpengine.so"\n${params}\n${routes}`, "3.6", [rtpengine]);
  await engine.commands();
  await second.commands();
  return run;
}

// ---- bencode ------------------------------------------------------------------------------------

test("bencode: nested dictionaries and lists, integers, byte lengths of non-ASCII text", () => {
  const value: BencodeDict = new Map<string, Bencoded>([
    ["command", "offer"],
    ["flags", ["trust-address", "SDES-off"]],
    ["name", "Zoë 日本"],
    ["nested", new Map<string, Bencoded>([["n", -42], ["empty", []], ["d", new Map()]])],
  ]);
  const bytes = encodeBencode(value);
  assert.equal(
    bytes.toString("utf8"),
    "d7:command5:offer5:flagsl13:trust-address8:SDES-offe4:name11:Zoë 日本6:nestedd1:ni-42e5:emptyle1:ddeee",
  );
  const decoded = decodeBencode(bytes);
  assert.ok(decoded.ok);
  assert.deepEqual(plain(decoded.value), {
    command: "offer",
    flags: ["trust-address", "SDES-off"],
    name: "Zoë 日本",
    nested: { n: -42, empty: [], d: {} },
  });
  assert.equal(encodeBencode("é").toString("utf8"), "2:é");
});

test("bencode: keys keep their order (numeric ones too); malformed input is an error value", () => {
  const decoded = decodeBencode(Buffer.from("d4:5678i1e4:1234i2ee"));
  assert.ok(decoded.ok);
  assert.deepEqual([...(decoded.value as BencodeDict).keys()], ["5678", "1234"]);
  const failures = ["d3:abc", "5:abc", "i12", "di1ei2ee", "i1ei2e", "x", "", `${"l".repeat(100)}${"e".repeat(100)}`, "i1.5e"];
  for (const text of failures) {
    const result = decodeBencode(Buffer.from(text));
    assert.equal(result.ok, false, text);
  }
  assert.deepEqual(decodeBencode(Buffer.from("d3:abc")), { ok: false, error: "truncated input" });
  assert.deepEqual(decodeBencode(Buffer.from("di1ei2ee")), { ok: false, error: "dictionary key is not a string" });
});

// ---- flags --------------------------------------------------------------------------------------

test("flags: known words become ng keys, other words flags, other key=values dictionary entries", () => {
  const parsed = parseFlags(
    "offer",
    "trust-address  replace-origin replace-session-connection ICE=remove RTP/AVP SDES-off address-family=IP6 in-iface=priv out-iface=pub rtcp-mux-offer direction=x repacketize=20ms delete-delay=5",
  );
  assert.ok(parsed.ok);
  const ng = parsed.flags;
  assert.deepEqual(ng.flags, ["trust-address", "SDES-off"]);
  assert.deepEqual(ng.replace, ["origin", "session-connection"]);
  assert.deepEqual(ng.direction, ["priv", "pub"]);
  assert.deepEqual(ng.rtcpMux, ["offer"]);
  assert.deepEqual(ng.entries, [
    ["ICE", "remove"],
    ["address family", "IP6"],
    ["direction", "x"],
    ["repacketize", 20],
    ["delete-delay", 5],
  ]);
  assert.equal(ng.transport, 0x100);
});

test("flags: transport modifiers, internal/external, force-answer, tags and call-id", () => {
  const parsed = parseFlags("offer", "SRTP AVPF internal external force-answer call-id=abc from-tag=f1 to-tag=t1 via-branch=2");
  assert.ok(parsed.ok);
  const ng = parsed.flags;
  assert.equal(ng.transport, 0x103, "SRTP + AVPF = RTP/SAVPF");
  assert.deepEqual(ng.direction, ["internal", "external"]);
  assert.equal(ng.op, "answer");
  assert.deepEqual([ng.callId, ng.fromTag, ng.toTag, ng.directional], ["abc", "f1", "t1", true]);
  assert.deepEqual(ng.via, { kind: "via", index: 2 });
  const delete_ = parseFlags("delete", "replace-origin in-iface=a out-iface=b rtcp-mux-demux");
  assert.ok(delete_.ok);
  assert.deepEqual([delete_.flags.replace, delete_.flags.direction, delete_.flags.rtcpMux, delete_.flags.withToTag], [null, null, null, false]);
});

test("flags: the errors OpenSIPS reports", () => {
  const cases: [string, string, string][] = [
    ["offer", "via-branch=3", "error processing flag `via-branch' (value '3'): invalid value"],
    ["offer", "call-id", "error processing flag `call-id': missing value"],
    ["delete", "force-answer", "error processing flag `force-answer': cannot force answer in non-offer command"],
    ["offer", "repacketize=0", "error processing flag `repacketize' (value '0'): invalid value"],
    ["offer", "address-family=IP5", "error processing flag `address-family' (value 'IP5'): invalid value"],
    ["offer", "in-iface=a", "in-iface value without out-iface"],
    ["answer", "out-iface=b", "out-iface value without in-iface"],
  ];
  for (const [op, text, error] of cases) assert.deepEqual(parseFlags(op as "offer", text), { ok: false, error }, text);
  const stopped = parseFlags("offer", "trust-address =x SDES-off");
  assert.ok(stopped.ok);
  assert.deepEqual(stopped.flags.flags, ["trust-address"], "an empty key ends the string, as in OpenSIPS");
});

// ---- offer / answer / delete -------------------------------------------------------------------

const CALL = `
route {
	if ($rm == "INVITE") {
		rtpengine_offer("trust-address replace-origin replace-session-connection ICE=remove RTP/AVP", $var(sock));
		xlog("offer rc=$rc sock=$var(sock)\\n");
		t_on_reply("answer");
	} else if ($rm == "BYE") {
		rtpengine_delete();
		xlog("delete rc=$rc\\n");
	}
	t_relay();
}
onreply_route[answer] {
	if ($rs == 200) {
		rtpengine_answer("replace-origin");
		xlog("answer rc=$rc\\n");
	}
}
`;

test("rtpengine_offer: the relayed INVITE carries rtpengine's SDP; the command has the message's keys", async () => {
  const run = await start(CALL);
  await run.send(invite());
  assert.deepEqual(run.logs(), [`offer rc=1 sock=${engine.url}`]);
  const sent = run.env.requests[0]!.text;
  const expected = anchoredSdp("203.0.113.7");
  assert.equal(bodyOf(sent), expected);
  assert.equal(headerOf(sent, "Content-Length"), String(Buffer.byteLength(expected)));
  assert.equal(headerOf(sent, "Content-Type"), "application/sdp");
  const commands = await engine.commands();
  assert.deepEqual(commands.map((c) => c.get("command")), ["ping", "offer"], "the node is pinged before its first use");
  assert.deepEqual(plain(commands[1]!), {
    sdp: SDP,
    ICE: "remove",
    flags: ["trust-address"],
    replace: ["origin", "session-connection"],
    "transport-protocol": "RTP/AVP",
    "call-id": "call-1@10.0.0.1",
    "received-from": ["IP4", "10.0.0.1"],
    "from-tag": "alice-tag",
    command: "offer",
  });
});

test("rtpengine_answer in an onreply_route: the 200 relayed upstream carries rtpengine's SDP; tags as in the dialog", async () => {
  const run = await start(CALL);
  await run.send(invite());
  const sent = run.env.requests[0]!.text;
  await run.send(replyWithSdp(sent, 200, "OK", BOB_SDP));
  assert.deepEqual(run.logs(), [`offer rc=1 sock=${engine.url}`, "answer rc=1"]);
  const upstream = run.env.replies.find((r) => r.code === 200)!;
  assert.equal(bodyOf(upstream.text), anchoredSdp("203.0.113.7", BOB_SDP));
  assert.equal(headerOf(upstream.text, "Content-Length"), String(Buffer.byteLength(anchoredSdp("203.0.113.7", BOB_SDP))));
  const answer = (await engine.commands()).find((c) => c.get("command") === "answer")!;
  assert.deepEqual(plain(answer), {
    sdp: BOB_SDP,
    replace: ["origin"],
    "call-id": "call-1@10.0.0.1",
    "received-from": ["IP4", "10.0.0.2"],
    "from-tag": "alice-tag",
    "to-tag": "bob-tag",
    command: "answer",
  });
});

test("rtpengine_delete: call-id only (OpenSIPS 3.6 sends no from-tag); `to-tag` adds the To tag", async () => {
  const run = await start(`
route {
	rtpengine_delete();
	rtpengine_delete("to-tag via-branch=1");
	xlog("rc=$rc\\n");
}
`);
  await run.send(request("BYE", { toTag: "bob-tag", branch: "z9hG4bK-bye" }));
  assert.deepEqual(run.logs(), ["rc=1"]);
  const deletes = (await engine.commands()).filter((c) => c.get("command") === "delete").map(plain);
  assert.deepEqual(deletes, [
    { "call-id": "call-1@10.0.0.1", "received-from": ["IP4", "10.0.0.1"], command: "delete" },
    { "call-id": "call-1@10.0.0.1", "via-branch": "z9hG4bK-bye", "received-from": ["IP4", "10.0.0.1"], "to-tag": "bob-tag", command: "delete" },
  ]);
});

const MANAGE = `
route {
	rtpengine_manage();
	xlog("$rm manage=$rc\\n");
	t_on_reply("r");
	t_relay();
}
onreply_route[r] {
	rtpengine_manage();
	xlog("$rs manage=$rc\\n");
}
`;

test("rtpengine_manage: offer on an INVITE with SDP, answer on its 200, delete on BYE and on a negative reply", async () => {
  const run = await start(MANAGE);
  await run.send(invite());
  const sent = run.env.requests[0]!.text;
  await run.send(replyWithSdp(sent, 200, "OK", BOB_SDP));
  await run.send(request("BYE", { toTag: "bob-tag", callId: "call-1@10.0.0.1", branch: "z9hG4bK-bye", cseq: 2 }));
  await run.send(invite({ callId: "call-2@10.0.0.1" }));
  await run.send(replyTo(run.env.requests.at(-1)!.text, 486, "Busy Here"));
  assert.deepEqual(run.logs(), ["INVITE manage=1", "200 manage=1", "BYE manage=1", "INVITE manage=1", "486 manage=1"]);
  assert.deepEqual(await engine.commandNames(), ["offer", "answer", "delete", "offer", "delete"]);
  assert.equal(bodyOf(run.env.requests[0]!.text), anchoredSdp("203.0.113.7"));
});

test("rtpengine_manage: a reply with SDP to an INVITE without SDP is an offer, with the tags swapped", async () => {
  const run = await start(MANAGE);
  await run.send(invite({ body: "" }));
  await run.send(replyWithSdp(run.env.requests[0]!.text, 200, "OK", BOB_SDP));
  assert.deepEqual(run.logs(), ["INVITE manage=-1", "200 manage=1"]);
  const offer = (await engine.commands()).find((c) => c.get("command") === "offer")!;
  assert.deepEqual([offer.get("from-tag"), offer.get("to-tag")], ["bob-tag", "alice-tag"]);
});

test("sdp_var receives rtpengine's SDP and the message keeps its own; a body argument is sent instead of the message's", async () => {
  const run = await start(`
route {
	rtpengine_offer("", , $var(sdp), "v=0\\r\\nc=IN IP4 192.0.2.1\\r\\n");
	xlog("rc=$rc sdp=$var(sdp)|\\n");
	t_relay();
}
`);
  await run.send(invite());
  assert.deepEqual(run.logs(), ["rc=1 sdp=v=0\r\nc=IN IP4 203.0.113.7\r\n|"]);
  assert.equal(bodyOf(run.env.requests[0]!.text), SDP);
});

test("a multipart body: only its SDP part goes to rtpengine and is replaced", async () => {
  const run = await start(`route { rtpengine_offer(); xlog("rc=$rc\\n"); t_relay(); }`);
  const body = `--b1\r\nContent-Type: application/sdp\r\n\r\n${SDP}\r\n--b1\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b1--\r\n`;
  await run.send(request("INVITE", { body, headers: 'Content-Type: multipart/mixed;boundary="b1"\r\n' }));
  assert.deepEqual(run.logs(), ["rc=1"]);
  assert.equal(bodyOf(run.env.requests[0]!.text), body.replace(SDP, anchoredSdp("203.0.113.7")));
  const offer = (await engine.commands()).find((c) => c.get("command") === "offer")!;
  assert.equal(offer.get("sdp"), SDP);
});

// ---- failures -----------------------------------------------------------------------------------

test("an error result: the offer fails with the error-reason logged; a delete still succeeds, as in OpenSIPS", async () => {
  const run = await start(`
route {
	rtpengine_offer();
	xlog("offer rc=$rc\\n");
	rtpengine_delete();
	xlog("delete rc=$rc\\n");
}
`);
  await engine.behave({ kind: "error", reason: "Unknown call-id" });
  await run.send(invite());
  assert.deepEqual(run.logs(), ["offer rc=-1", "delete rc=1"]);
  assert.deepEqual(errors(run), [
    "ERROR:rtpengine:rtpe_function_call: proxy replied with error: Unknown call-id",
    'ERROR:rtpengine:rtpe_function_call_ok: proxy didn\'t return "ok" result',
    "ERROR:rtpengine:rtpe_function_call: proxy replied with error: Unknown call-id",
  ]);
});

test("bad flags and messages without SDP fail before anything is sent", async () => {
  const run = await start(`
modparam("rtpengine", "error_pv", "$var(err)")
route {
	rtpengine_delete("via-branch=sideways");
	xlog("flags rc=$rc err=$var(err)\\n");
	rtpengine_offer();
	xlog("no body rc=$rc\\n");
	rtpengine_answer();
	xlog("answer in INVITE rc=$rc\\n");
}
`);
  await run.send(request("INVITE"));
  assert.deepEqual(run.logs(), ["flags rc=-1 err=could not parse flags", "no body rc=-1", "answer in INVITE rc=-1"]);
  assert.deepEqual(errors(run), [
    "ERROR:rtpengine:parse_flags: error processing flag `via-branch' (value 'sideways'): invalid value",
    "ERROR:rtpengine:rtpe_function_call: could not parse flags",
    "ERROR:rtpengine:extract_body: failed to get the message body",
    "ERROR:rtpengine:rtpengine_offer_answer_body: can't extract body from the message",
  ]);
  assert.deepEqual(await engine.commandNames(), []);
});

test("failover: an error-reason of the failover list moves the command to the set's other node", async () => {
  const params = `
modparam("rtpengine", "rtpengine_sock", "1 == ${engine.url} ${second.url}")
modparam("rtpengine", "error_pv", "$var(err)")`;
  const run = await start(
    `
route {
	rtpengine_use_set(1);
	rtpengine_offer("", $var(sock));
	xlog("rc=$rc sock=$var(sock) err=$var(err)\\n");
	t_relay();
}
`,
    params,
  );
  await engine.behave({ kind: "error", reason: "Ran out of ports" });
  await second.behave({ kind: "error", reason: "Ran out of ports" });
  await run.send(invite({ callId: "call-a" }));
  await second.behave({ kind: "answer", address: "198.51.100.9" });
  await run.send(invite({ callId: "call-b" }));
  assert.deepEqual(run.logs(), ["rc=-1 sock=<null> err=Ran out of ports", `rc=1 sock=${second.url} err=Ran out of ports`]);
  // The Call-ID hash picks the first node for call-a (then the second, on its error), the second for call-b.
  assert.deepEqual(await engine.commandNames(), ["offer"]);
  assert.deepEqual(await second.commandNames(), ["offer", "offer"]);
  assert.equal(bodyOf(run.env.requests[0]!.text), SDP, "a failed offer leaves the SDP as it was");
  assert.equal(bodyOf(run.env.requests[1]!.text), anchoredSdp("198.51.100.9"));
  assert.ok(errors(run).includes("ERROR:rtpengine:rtpe_function_call: proxy replied with error: Ran out of ports"));
  assert.ok(!errors(run).some((e) => e.includes("no available proxies")), "the error-reason is the failure, not a missing node");
});

test("no rtpengine listening: -1 at once, logged; the node stays disabled for the next calls", async () => {
  const closed = await FakeRtpengine.start();
  const url = closed.url;
  await closed.close();
  const run = await start(`route { rtpengine_offer(); xlog("rc=$rc\\n"); rtpengine_offer(); xlog("again rc=$rc\\n"); }`, `modparam("rtpengine", "rtpengine_sock", "${url}")`);
  const started = Date.now();
  await run.send(invite());
  assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
  assert.deepEqual(run.logs(), ["rc=-1", "again rc=-1"]);
  assert.deepEqual(errors(run), [
    "ERROR:rtpengine:send_rtpe_command: can't read reply from a RTP proxy (ECONNREFUSED)",
    "ERROR:rtpengine:send_rtpe_command: timeout waiting reply from a RTP proxy",
    `ERROR:rtpengine:send_rtpe_command: proxy <${url}> does not respond, disable it`,
    "ERROR:rtpengine:rtpe_test: proxy did not respond to ping",
    "ERROR:rtpengine:rtpe_function_call: no available proxies",
    "ERROR:rtpengine:rtpe_function_call: no available proxies",
  ]);
});

test("a silent rtpengine: -1 after rtpengine_tout × rtpengine_retr", async () => {
  const params = `
modparam("rtpengine", "rtpengine_sock", "${engine.url}")
modparam("rtpengine", "rtpengine_tout", 1)
modparam("rtpengine", "rtpengine_retr", 1)`;
  const run = await start(`route { rtpengine_delete(); xlog("rc=$rc\\n"); }`, params);
  await engine.behave({ kind: "silent" });
  const started = Date.now();
  await run.send(request("BYE", { toTag: "bob-tag" }));
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 950 && elapsed < 2500, `took ${elapsed} ms`);
  assert.deepEqual(run.logs(), ["rc=-1"]);
  assert.deepEqual(errors(run), [
    "ERROR:rtpengine:send_rtpe_command: timeout waiting reply from a RTP proxy",
    `ERROR:rtpengine:send_rtpe_command: proxy <${engine.url}> does not respond, disable it`,
    "ERROR:rtpengine:rtpe_test: proxy did not respond to ping",
    "ERROR:rtpengine:rtpe_function_call: no available proxies",
  ]);
  assert.deepEqual((await engine.commands()).map((c) => c.get("command")), ["ping"]);
});

test("a reply that does not decode: logged, the node is tried twice, then left out", async () => {
  const run = await start(`route { rtpengine_delete(); xlog("rc=$rc\\n"); }`);
  await run.send(request("OPTIONS"));
  await engine.commands();
  await engine.behave({ kind: "garbage" });
  await run.send(request("BYE", { toTag: "bob-tag" }));
  assert.deepEqual(run.logs(), ["rc=1", "rc=-1"]);
  assert.deepEqual(await engine.commandNames(), ["delete", "delete"]);
  assert.deepEqual(errors(run), [
    "ERROR:rtpengine:rtpe_function_call: failed to decode bencoded reply from proxy: this is not bencode",
    "ERROR:rtpengine:rtpe_function_call: failed to decode bencoded reply from proxy: this is not bencode",
    "ERROR:rtpengine:rtpe_function_call: failed to decode bencoded reply",
  ]);
});

test("sets: rtpengine_use_set of an unknown set, setid_avp, and a set without nodes for the call", async () => {
  const params = `
modparam("rtpengine", "rtpengine_sock", "1 == ${engine.url}")
modparam("rtpengine", "rtpengine_sock", "2 == ${second.url}")
modparam("rtpengine", "setid_avp", "$avp(setid)")`;
  const run = await start(
    `
route {
	rtpengine_use_set(7);
	xlog("use_set 7: $rc\\n");
	rtpengine_delete();
	xlog("no set: $rc\\n");
	$avp(setid) = 2;
	rtpengine_delete();
	xlog("avp set 2: $rc\\n");
	$avp(setid) = "2";
	rtpengine_delete();
	xlog("text avp: $rc\\n");
}
`,
    params,
  );
  await run.send(request("BYE", { toTag: "bob-tag" }));
  assert.deepEqual(run.logs(), ["use_set 7: -1", "no set: -1", "avp set 2: 1", "text avp: -1"]);
  assert.deepEqual(await engine.commandNames(), []);
  assert.deepEqual(await second.commandNames(), ["delete"]);
  assert.deepEqual(errors(run), [
    "ERROR:rtpengine:set_rtpengine_set_f: could not locate rtpengine set 7",
    "ERROR:rtpengine:select_rtpe_node: script error -no valid set selected",
    "ERROR:rtpengine:rtpe_function_call: no available proxies",
    "ERROR:rtpengine:set_rtpengine_set_from_avp: setid_avp must hold an integer value",
  ]);
});

test("db_url: the nodes come from the rtpengine table; extra_id_pv gives via-branch=extra; extra_failover_error", async () => {
  const db = sqliteFile(`CREATE TABLE rtpengine (socket TEXT, set_id INTEGER);
INSERT INTO rtpengine VALUES ('${engine.url}', 3), ('${second.url}', 3)`);
  const params = `
modparam("rtpengine", "db_url", "sqlite://${db}")
modparam("rtpengine", "extra_id_pv", "$avp(extra).x")
modparam("rtpengine", "extra_failover_error", "^overloaded")`;
  const run = await start(
    `
route {
	$avp(extra) = "leg";
	rtpengine_use_set(3);
	rtpengine_delete("via-branch=extra");
	xlog("rc=$rc\\n");
}
`,
    params,
  );
  await engine.behave({ kind: "error", reason: "Overloaded: try later" });
  await run.send(request("BYE", { toTag: "bob-tag", callId: "call-a" }));
  assert.deepEqual(run.logs(), ["rc=1"]);
  const [first] = (await engine.commands()).filter((c) => c.get("command") === "delete");
  assert.equal(first?.get("via-branch"), "leg.x");
  assert.deepEqual(await second.commandNames(), ["delete"], "an extra_failover_error reason moves the delete to the other node");
});

test("a malformed rtpengine_sock fails every call with OpenSIPS's start-up error", async () => {
  const run = await start(`route { rtpengine_delete(); xlog("rc=$rc\\n"); }`, `modparam("rtpengine", "rtpengine_sock", "x1 == ${engine.url}")`);
  await run.send(request("BYE", { toTag: "bob-tag" }));
  assert.deepEqual(run.logs(), ["rc=-1"]);
  assert.deepEqual(errors(run), [
    "ERROR:rtpengine:mod_init: script error -invalid set_id value!",
    "ERROR:rtpengine:rtpengine_delete: the rtpengine module is not initialised: script error -invalid set_id value!",
  ]);
});

// ---- recording, media, statistics ---------------------------------------------------------------

test("recording and media commands: names, directional from-tag, play media's duration, play DTMF's code", async () => {
  const run = await start(`
route {
	rtpengine_start_recording();
	rtpengine_play_media("file=/tmp/x.wav", $var(duration));
	rtpengine_stop_media("from-tag=alice-tag", , $var(pos));
	rtpengine_play_dtmf("5", "duration=100");
	rtpengine_block_dtmf("directional");
	xlog("rc=$rc duration=$var(duration) pos=$var(pos)\\n");
}
`);
  await run.send(request("INVITE", { toTag: "bob-tag" }));
  assert.deepEqual(run.logs(), ["rc=1 duration=5000 pos=1234"]);
  const commands = (await engine.commands()).filter((c) => c.get("command") !== "ping").map(plain);
  const common = { "call-id": "call-1@10.0.0.1", "received-from": ["IP4", "10.0.0.1"] };
  assert.deepEqual(commands, [
    { ...common, "from-tag": "alice-tag", "to-tag": "bob-tag", command: "start recording" },
    { file: "/tmp/x.wav", ...common, command: "play media" },
    { ...common, "from-tag": "alice-tag", command: "stop media" },
    { code: "5", duration: "100", ...common, "from-tag": "alice-tag", command: "play DTMF" },
    { flags: ["directional"], ...common, "from-tag": "alice-tag", command: "block DTMF" },
  ]);
});

test("$rtpstat and $rtpquery: from the message's delete reply, else one query per message", async () => {
  const run = await start(`route { xlog("started\\n"); }`);
  await run.send(request("OPTIONS"));
  const parsed = parseSipMessage(request("BYE", { toTag: "bob-tag" }));
  assert.ok(parsed.ok);
  const worker: rt.Worker = { index: 0, vars: new Map() };
  const ctxFor = (): rt.Ctx => new rt.Ctx(run.engine.core, worker, 2, "request", new rt.MessageState(parsed.msg.clone(), CLIENT), null);
  const pv = (name: string | null): rt.Pv => rtpengine.pvs!.get("rtpstat")!(name);

  const afterDelete = ctxFor();
  assert.equal(rtpengine.functions.get("rtpengine_delete")!.call(afterDelete, []), 1);
  assert.equal(pv(null).get(afterDelete), "RTP: 16000 bytes, 100 packets, 0 errors; RTCP: 640 bytes, 8 packets, 1 errors");
  assert.equal(pv("mos-average").get(afterDelete), 41);
  assert.equal(pv("MOS-MIN").get(afterDelete), 35);
  assert.equal(pv("mos-max-at").get(afterDelete), 9);
  assert.equal(pv("mos-min-at").get(afterDelete), 3);
  assert.equal(pv("jitter-max").get(afterDelete), 14);
  assert.deepEqual(await engine.commandNames(), ["delete"]);

  const queried = ctxFor();
  const json = rtpengine.pvs!.get("rtpquery")!(null).get(queried) as string;
  assert.match(json, /^\{"result":"ok","created":1700000000,"totals":\{"RTP":\{"bytes":16000,/);
  assert.match(json, /"SSRC":\{"1234":\{.*\},"5678":\{/);
  assert.equal(pv("packetloss-average").get(queried), null, "no such field in the reply");
  assert.equal(pv("bogus").get(queried), null);
  assert.deepEqual(await engine.commandNames(), ["query"], "one query for every read of the message");
});

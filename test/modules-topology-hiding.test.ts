/**
 * topology_hiding: the dialog-less mode (everything the other side needs travels in the Contact's
 * `thinfo`), the dialog mode (the dialog keeps it), Call-ID hiding and the encodings. Expected
 * `thinfo` values were computed independently (Python: the fields with little-endian 16-bit
 * lengths, XORed with the password, in base64 with `.` and `-`).
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { test } from "node:test";
import { Ctx } from "../runtime/ctx.ts";
import { MessageState } from "../runtime/message-state.ts";
import { dialog } from "../runtime/modules/dialog.ts";
import { topologyHiding } from "../runtime/modules/topology-hiding.ts";
import { decodeHiddenInfo, encodeHiddenInfo } from "../runtime/modules/topology-hiding-thinfo.ts";
import { word32Decode, word32Encode, word64Decode, word64Encode } from "../runtime/modules/topology-hiding-word-codec.ts";
import { parseSipMessage } from "../runtime/sip/parse.ts";
import { CLIENT, headerOf, replyTo, request, startScript } from "./support/module-scripts.ts";

const MODULES = `
loadmodule "tm.so"
loadmodule "rr.so"
loadmodule "sipmsgops.so"
loadmodule "signaling.so"
`;

/**
 * Sequential requests are matched (or refused with a 404); initial ones are record-routed, hidden
 * (`hide` is the negated condition) and relayed. `settings` follow the loadmodule lines.
 */
function script(settings: string, hide: string, modules = ""): string {
  return `${MODULES}${modules}loadmodule "topology_hiding.so"
${settings}
route {
	if (has_totag()) {
		if (!topology_hiding_match()) {
			xlog("$rm not matched: rc=$rc\\n");
			send_reply(404, "Not here");
			exit;
		}
		xlog("$rm matched: ruri=$ru du=$du\\n");
		t_relay();
		exit;
	}
	record_route();
	if (!${hide}) xlog("hiding failed: rc=$rc\\n");
	t_relay();
}
`;
}

const start = (cfg: string) => startScript(cfg, "3.6", [topologyHiding]);

/** An INVITE that crossed the caller's proxy p1 (10.0.0.1), which record-routed it and asked for rport. */
const INVITE = [
  "INVITE sip:bob@10.0.0.2 SIP/2.0",
  "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-p1;rport",
  "Via: SIP/2.0/UDP 192.168.1.10:5062;branch=z9hG4bK-ua",
  "Record-Route: <sip:p1.example.com;lr>",
  "Max-Forwards: 69",
  "From: <sip:alice@example.com>;tag=alice-tag",
  "To: <sip:bob@example.com>",
  "Call-ID: call-1@192.168.1.10",
  "CSeq: 1 INVITE",
  "Contact: <sip:alice@192.168.1.10:5062;transport=udp>",
  "Content-Length: 0",
  "",
  "",
].join("\r\n");

const INVITE_THINFO = "Q29sHCoEahFifTEXMQIzGDVPMDw5VDwdfV1QEjojbg48BiAREFBqYXpeZldtRX5QY2lhX2ZdeAAiAD0gJAAiG34BNBFSU2R9UBonBGpQYWR6X35fbUVqVGNlZA--";
const REPLY_THINFO = "e29sHCoEahFhfTEXMQIzGDVPPTYgVDwdfVhsEjojbh9jQSYMMQwjPzFBPgo3TzwTbURUHDkfeRY.AxNiY11+XnVaYE9maWFfZ19CdGBzUyYwH2pecUN+UX1jel5qWnNCYA--";

/** The callee's answer through p3 (near the callee) and p2 (near the proxy). */
function answer(sent: string, code = 200, reason = "OK"): string {
  return replyTo(sent, code, reason).replace(
    "Content-Length: 0",
    "Record-Route: <sip:p3.example.net;lr>, <sip:p2.example.net;lr>\r\nContact: <sip:bob@172.16.0.5:5070>;expires=3600\r\nContent-Length: 0",
  );
}

/** A sequential request to `ruri` from the caller (`fromCaller`) or from the callee. */
function sequential(method: string, ruri: string, fromCaller: boolean, extra = "", callId = "call-1@192.168.1.10"): string {
  const [from, to] = fromCaller ? ["<sip:alice@example.com>;tag=alice-tag", "<sip:bob@example.com>;tag=bob-tag"] : ["<sip:bob@example.com>;tag=bob-tag", "<sip:alice@example.com>;tag=alice-tag"];
  return `${method} ${ruri} SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bK-${method}-${fromCaller ? "a" : "b"}\r\nMax-Forwards: 70\r\nFrom: ${from}\r\nTo: ${to}\r\nCall-ID: ${callId}\r\nCSeq: 7 ${method}\r\n${extra}Content-Length: 0\r\n\r\n`;
}

function lines(text: string, name: string): string[] {
  return text.split("\r\n").filter((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
}

const hideNoDialog = () => start(script("", `topology_hiding()`));

test("no dialog: the relayed INVITE has only the proxy's Via, no Record-Route and a Contact hiding the caller", async () => {
  const run = await hideNoDialog();
  await run.send(INVITE);
  const sent = run.env.requests[0]!.text;
  assert.deepEqual(lines(sent, "Via"), ["Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKa8d3858d4f2209ca.0"]);
  assert.deepEqual(lines(sent, "Record-Route"), [], "neither p1's nor the one record_route() added");
  assert.equal(headerOf(sent, "Contact"), `<sip:127.0.0.1;thinfo=${INVITE_THINFO}>`);
  assert.deepEqual(decodeHiddenInfo(INVITE_THINFO, "ToPoCtPaSS", "base64"), {
    routes: "<sip:p1.example.com;lr>",
    contact: "sip:alice@192.168.1.10:5062;transport=udp",
    flags: 0,
    socket: "udp:127.0.0.1:5060",
  });
  assert.equal(headerOf(sent, "Call-ID"), "call-1@192.168.1.10", "no dialog: the C flag could not apply anyway");
});

test("no dialog: the 200 OK goes upstream with the INVITE's Vias and Record-Route and a Contact hiding the callee", async () => {
  const run = await hideNoDialog();
  await run.send(INVITE);
  await run.send(answer(run.env.requests[0]!.text));
  const upstream = run.env.replies.at(-1)!.text;
  assert.deepEqual(lines(upstream, "Via"), [
    "Via: SIP/2.0/UDP 10.0.0.1:5060;received=10.0.0.1;rport=5060;branch=z9hG4bK-p1",
    "Via: SIP/2.0/UDP 192.168.1.10:5062;branch=z9hG4bK-ua",
  ]);
  assert.deepEqual(lines(upstream, "Record-Route"), ["Record-Route: <sip:p1.example.com;lr>"]);
  assert.equal(headerOf(upstream, "Contact"), `<sip:127.0.0.1;thinfo=${REPLY_THINFO}>`, "the header parameters go too");
  const info = decodeHiddenInfo(REPLY_THINFO, "ToPoCtPaSS", "base64");
  assert.deepEqual(info, { routes: "<sip:p2.example.net;lr>,<sip:p3.example.net;lr>", contact: "sip:bob@172.16.0.5:5070", flags: 0, socket: "udp:127.0.0.1:5060" });
});

test("no dialog: a redirect's Contact is not hidden", async () => {
  const run = await hideNoDialog();
  await run.send(INVITE);
  await run.send(answer(run.env.requests[0]!.text, 302, "Moved Temporarily"));
  const upstream = run.env.replies.find((r) => r.code === 302)!.text;
  assert.equal(headerOf(upstream, "Contact"), "<sip:bob@172.16.0.5:5070>;expires=3600");
  assert.equal(lines(upstream, "Via").length, 2);
});

test("no dialog: the caller's BYE to the hidden Contact goes to the callee's Contact through its route set", async () => {
  const run = await hideNoDialog();
  await run.send(INVITE);
  await run.send(answer(run.env.requests[0]!.text));
  await run.send(sequential("BYE", `sip:127.0.0.1;thinfo=${REPLY_THINFO}`, true));
  const bye = run.env.requests.at(-1)!;
  assert.equal(bye.ruri, "sip:bob@172.16.0.5:5070");
  assert.equal(bye.dst, "sip:p2.example.net;lr");
  assert.deepEqual(lines(bye.text, "Route"), ["Route: <sip:p2.example.net;lr>,<sip:p3.example.net;lr>"]);
  assert.equal(lines(bye.text, "Via").length, 1);
  assert.deepEqual(run.logs(), ["BYE matched: ruri=sip:bob@172.16.0.5:5070 du=sip:p2.example.net;lr"]);

  await run.send(replyTo(bye.text, 200, "OK"));
  const upstream = run.env.replies.at(-1)!.text;
  assert.deepEqual(lines(upstream, "Via"), ["Via: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bK-BYE-a"]);
  assert.deepEqual(lines(upstream, "Record-Route"), []);
});

test("no dialog: the callee's BYE goes to the caller's Contact through p1; a re-INVITE's Contact is hidden too", async () => {
  const run = await hideNoDialog();
  await run.send(sequential("BYE", `sip:127.0.0.1;thinfo=${INVITE_THINFO}`, false));
  const bye = run.env.requests.at(-1)!;
  assert.equal(bye.ruri, "sip:alice@192.168.1.10:5062;transport=udp");
  assert.equal(bye.dst, "sip:p1.example.com;lr");
  assert.deepEqual(lines(bye.text, "Route"), ["Route: <sip:p1.example.com;lr>"]);

  await run.send(sequential("INVITE", `sip:127.0.0.1;thinfo=${REPLY_THINFO}`, true, "Contact: <sip:alice@192.168.1.10:5064>\r\n"));
  const reinvite = run.env.requests.at(-1)!.text;
  const thinfo = /;thinfo=([^>;]+)>$/.exec(headerOf(reinvite, "Contact")!)![1]!;
  assert.deepEqual(decodeHiddenInfo(thinfo, "ToPoCtPaSS", "base64"), { routes: "", contact: "sip:alice@192.168.1.10:5064", flags: 0, socket: "udp:127.0.0.1:5060" });
});

test("no dialog: a tampered or foreign request is not matched (-1) and changes nothing", async () => {
  const run = await hideNoDialog();
  const badLength = `AAAA${REPLY_THINFO.slice(4)}`;
  const badRoutes = `${REPLY_THINFO.slice(0, 8)}AAAA${REPLY_THINFO.slice(12)}`;
  await run.send(sequential("BYE", `sip:127.0.0.1;thinfo=${badLength}`, true));
  await run.send(sequential("BYE", `sip:127.0.0.1;thinfo=${badRoutes}`, true));
  await run.send(sequential("BYE", "sip:127.0.0.1;thinfo=not*word64", true));
  await run.send(sequential("BYE", `sip:10.9.9.9;thinfo=${REPLY_THINFO}`, true));
  await run.send(sequential("BYE", `sip:127.0.0.1;thinfo=${REPLY_THINFO}`, true, "Route: <sip:127.0.0.1;lr>\r\n"));
  await run.send(sequential("BYE", "sip:127.0.0.1", true));
  assert.deepEqual(run.logs(), Array(6).fill("BYE not matched: rc=-1"));
  assert.equal(run.env.requests.length, 0);
  assert.deepEqual(run.env.replies.map((r) => r.code), Array(6).fill(404));
  const errors = run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
  assert.deepEqual(errors, [
    "ERROR:topology_hiding:topo_no_dlg_seq_handling: bad length 28500 in encoded contact",
    "ERROR:topology_hiding:topo_no_dlg_seq_handling: failed parsing route set <<sipPaS.example.net;lr>,<sip:p3.example.net;lr>>",
    "ERROR:topology_hiding:topo_no_dlg_seq_handling: the base64 encoding of <not*word64> is broken",
  ]);
});

test("no dialog: a strict router first makes it the Request-URI and the Contact the last Route", async () => {
  const strict = encodeHiddenInfo({ routes: "<sip:s1.example.net>,<sip:s2.example.net;lr>", contact: "sip:bob@172.16.0.5", flags: 0, socket: "udp:127.0.0.1:5060" }, "ToPoCtPaSS", "base64")!;
  const run = await hideNoDialog();
  await run.send(sequential("BYE", `sip:127.0.0.1:5060;thinfo=${strict}`, true));
  const bye = run.env.requests.at(-1)!;
  assert.equal(bye.ruri, "sip:s1.example.net");
  assert.equal(bye.dst, "sip:s1.example.net");
  assert.deepEqual(lines(bye.text, "Route"), ["Route: <sip:s2.example.net;lr>", "Route: <sip:bob@172.16.0.5>"]);
});

test("U keeps the Contact username, or shows the one given per side; passed Contact parameters follow", async () => {
  const settings = `modparam("topology_hiding", "th_passed_contact_uri_params", "a;b;transport")
modparam("topology_hiding", "th_passed_contact_params", "+sip.instance")`;
  const withParams = INVITE.replace("Contact: <sip:alice@192.168.1.10:5062;transport=udp>", 'Contact: "Alice" <sip:alice@192.168.1.10:5062;transport=udp;a=1;b;c=3>;+sip.instance="<urn:x>";expires=60');
  const keep = await start(script(settings, `topology_hiding("U")`));
  await keep.send(withParams);
  assert.match(headerOf(keep.env.requests[0]!.text, "Contact")!, /^<sip:alice@127\.0\.0\.1;thinfo=[A-Za-z0-9+.]+-*;b;a=1>;\+sip\.instance="<urn:x>"$/);
  await keep.send(answer(keep.env.requests[0]!.text));
  assert.match(headerOf(keep.env.replies.at(-1)!.text, "Contact")!, /^<sip:bob@127\.0\.0\.1;thinfo=[A-Za-z0-9+.]+-*>$/);

  const given = await start(script("", `topology_hiding("U", "/pbx/trunk")`));
  await given.send(INVITE);
  assert.match(headerOf(given.env.requests[0]!.text, "Contact")!, /^<sip:trunk@127\.0\.0\.1;thinfo=/);
  await given.send(answer(given.env.requests[0]!.text));
  assert.match(headerOf(given.env.replies.at(-1)!.text, "Contact")!, /^<sip:pbx@127\.0\.0\.1;thinfo=/);
});

test("th_contact_encode_param/passwd/scheme: base32 under another name and password", async () => {
  const settings = `modparam("topology_hiding", "th_contact_encode_param", "hid")
modparam("topology_hiding", "th_contact_encode_passwd", "s3cret")
modparam("topology_hiding", "th_contact_encode_scheme", "base32")`;
  const run = await start(script(settings, `topology_hiding("U")`));
  await run.send(request("INVITE", { headers: "Contact: <sip:alice@192.168.1.10:5062>\r\n" }));
  const encoded = "OMZXQ4QWDUBQSAQ6BQLRM42SJNLVUQQFLNOFIWSCANMUOVKCIEZGGRTXOQDFOE2IKRDEIHKTLRKVUQQJKZBFGRA-";
  assert.equal(headerOf(run.env.requests[0]!.text, "Contact"), `<sip:alice@127.0.0.1;hid=${encoded}>`);
  await run.send(sequential("BYE", `sip:127.0.0.1;hid=${encoded.toLowerCase()}`, false));
  assert.equal(run.env.requests.at(-1)!.ruri, "sip:alice@192.168.1.10:5062");

  const broken = await start(script(`modparam("topology_hiding", "th_contact_encode_scheme", "base16")`, "topology_hiding()"));
  await broken.send(INVITE);
  assert.deepEqual(broken.logs(), ["hiding failed: rc=-1"]);
  const errors = broken.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
  assert.deepEqual(errors, ["ERROR:topology_hiding:mod_init: Unsupported value <base16> for 'th_contact_encode_scheme' modparam! Use 'base64' or 'base32'"]);
});

/** `if (!create_dialog() || !topology_hiding(...))`, as the corpus writes it. */
const DIALOG_SCRIPT = (hide: string) => script("", `create_dialog() || !${hide}`, 'loadmodule "dialog.so"\n');

test("dialog: the dialog keeps both sides; C hides the Call-ID from the callee side", async () => {
  const run = await start(DIALOG_SCRIPT(`topology_hiding("C")`));
  await run.send(request("INVITE", { headers: "Record-Route: <sip:p1.example.com;lr>\r\nContact: <sip:alice@192.168.1.10:5062>\r\n" }));
  const sent = run.env.requests[0]!.text;
  assert.deepEqual(lines(sent, "Via"), ["Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK9517d9b2e2dc358b.0"]);
  assert.deepEqual(lines(sent, "Record-Route"), []);
  assert.equal(headerOf(sent, "Contact"), "<sip:127.0.0.1;did=42c.1>");
  assert.equal(headerOf(sent, "Call-ID"), "DLGCH_LBEJAn54EGJ.XlVAY2dh");

  await run.send(answer(sent));
  const ok = run.env.replies.at(-1)!.text;
  assert.equal(headerOf(ok, "Call-ID"), "call-1@10.0.0.1");
  assert.equal(headerOf(ok, "Contact"), "<sip:127.0.0.1;did=42c.1>");
  assert.deepEqual(lines(ok, "Via"), ["Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-test-1"]);
  assert.deepEqual(lines(ok, "Record-Route"), ["Record-Route: <sip:p1.example.com;lr>"]);

  await run.send(sequential("BYE", "sip:127.0.0.1;did=42c.1", false, "", "DLGCH_LBEJAn54EGJ.XlVAY2dh"));
  const toCaller = run.env.requests.at(-1)!;
  assert.equal(toCaller.ruri, "sip:alice@192.168.1.10:5062");
  assert.equal(toCaller.dst, "sip:p1.example.com;lr");
  assert.equal(headerOf(toCaller.text, "Call-ID"), "call-1@10.0.0.1");
  assert.deepEqual(lines(toCaller.text, "Route"), ["Route: <sip:p1.example.com;lr>"]);

  await run.send(replyTo(toCaller.text, 200, "OK"));
  assert.equal(headerOf(run.env.replies.at(-1)!.text, "Call-ID"), "DLGCH_LBEJAn54EGJ.XlVAY2dh", "the reply goes back to the callee side");
});

test("dialog: the caller's BYE goes to the callee's Contact through its route set", async () => {
  const run = await start(DIALOG_SCRIPT(`topology_hiding("U", "/pbx/trunk")`));
  await run.send(request("INVITE", { headers: "Contact: <sip:alice@192.168.1.10:5062>\r\n" }));
  const sent = run.env.requests[0]!.text;
  assert.equal(headerOf(sent, "Contact"), "<sip:trunk@127.0.0.1;did=42c.1>");
  await run.send(answer(sent));
  assert.equal(headerOf(run.env.replies.at(-1)!.text, "Contact"), "<sip:pbx@127.0.0.1;did=42c.1>");
  await run.send(request("BYE", { ruri: "sip:pbx@127.0.0.1;did=42c.1", toTag: "bob-tag", branch: "z9hG4bK-bye", cseq: 2 }));
  const bye = run.env.requests.at(-1)!;
  assert.equal(bye.ruri, "sip:bob@172.16.0.5:5070");
  assert.deepEqual(lines(bye.text, "Route"), ["Route: <sip:p2.example.net;lr>,<sip:p3.example.net;lr>"]);
  assert.deepEqual(run.logs(), ["BYE matched: ruri=sip:bob@172.16.0.5:5070 du=sip:p2.example.net;lr"]);
});

test("dialog: D puts the dialog id in the username; a sequential request cannot start hiding", async () => {
  const run = await start(DIALOG_SCRIPT(`topology_hiding("D")`));
  await run.send(request("INVITE", { headers: "Contact: <sip:alice@192.168.1.10:5062>\r\n" }));
  assert.equal(headerOf(run.env.requests[0]!.text, "Contact"), "<sip:X.did.42c.1@127.0.0.1>");

  const forced = await start(`${MODULES}loadmodule "dialog.so"\nloadmodule "topology_hiding.so"\nmodparam("topology_hiding", "force_dialog", 1)
route {
	if (!topology_hiding()) xlog("refused: $rc\\n");
	else xlog("hidden in $DLG_did\\n");
	t_relay();
}`);
  await forced.send(request("INVITE", { headers: "Contact: <sip:alice@192.168.1.10:5062>\r\n" }));
  await forced.send(request("INVITE", { toTag: "bob-tag", branch: "z9hG4bK-re", cseq: 2 }));
  assert.deepEqual(forced.logs(), ["hidden in 3108:1", "refused: -1"]);
  assert.equal(headerOf(forced.env.requests[0]!.text, "Contact"), "<sip:127.0.0.1;did=42c.1>");
});

test("dialog: with a, the callee's re-INVITE shows the caller the Contact it was shown first", async () => {
  const reinvite = (ruri: string): string => sequential("INVITE", ruri, false, "Contact: <sip:robert@172.16.0.5:5070>\r\n", "call-1@10.0.0.1");
  for (const [flags, shown] of [
    ["Ua", "<sip:bob@127.0.0.1;did=42c.1>"],
    ["U", "<sip:robert@127.0.0.1;did=42c.1>"],
  ] as const) {
    const run = await start(DIALOG_SCRIPT(`topology_hiding("${flags}")`));
    await run.send(request("INVITE", { headers: "Contact: <sip:alice@192.168.1.10:5062>\r\n" }));
    await run.send(answer(run.env.requests[0]!.text));
    await run.send(reinvite("sip:alice@127.0.0.1;did=42c.1"));
    const toCaller = run.env.requests.at(-1)!;
    assert.equal(toCaller.ruri, "sip:alice@192.168.1.10:5062");
    assert.equal(headerOf(toCaller.text, "Contact"), shown, flags);
  }
});

test("a Contact with two contacts cannot be hidden: -1, the request is relayed unchanged", async () => {
  const run = await hideNoDialog();
  await run.send(INVITE.replace("Contact: <sip:alice@192.168.1.10:5062;transport=udp>", "Contact: <sip:a@192.168.1.10>, <sip:b@192.168.1.10>"));
  assert.deepEqual(run.logs(), ["hiding failed: rc=-1"]);
  const sent = run.env.requests[0]!.text;
  assert.equal(headerOf(sent, "Contact"), "<sip:a@192.168.1.10>, <sip:b@192.168.1.10>");
  assert.equal(lines(sent, "Via").length, 3);
  assert.equal(lines(sent, "Record-Route").length, 2, "p1's and record_route()'s");
});

test("force_dialog without the dialog module fails", async () => {
  const run = await start(script(`modparam("topology_hiding", "force_dialog", 1)`, "topology_hiding()"));
  await run.send(INVITE);
  assert.deepEqual(run.logs(), ["hiding failed: rc=-1"]);
  assert.equal(headerOf(run.env.requests[0]!.text, "Contact"), "<sip:alice@192.168.1.10:5062;transport=udp>");
});

test("$TH_callee_callid: the Call-ID the callee side sees, NULL without C", async () => {
  const run = await start(DIALOG_SCRIPT(`topology_hiding("C")`));
  const calleeCallId = topologyHiding.pvs!.get("TH_callee_callid")!(null);
  const read = (flags: string): unknown => {
    const parsed = parseSipMessage(request("INVITE", { callId: `pv-${flags}` }));
    assert.ok(parsed.ok);
    const ctx = new Ctx(run.engine.core, { index: 0, vars: new Map() }, 99, "request", new MessageState(parsed.msg, CLIENT), null);
    const before = calleeCallId.get(ctx);
    dialog.functions.get("create_dialog")!.call(ctx, []);
    topologyHiding.functions.get("topology_hiding")!.call(ctx, [flags, undefined]);
    return [before, calleeCallId.get(ctx), headerOf(ctx.msg.toString(), "Call-ID")];
  };
  assert.deepEqual(read("C"), [null, "DLGCH_PwZILQ--", "DLGCH_PwZILQ--"]);
  assert.deepEqual(read("U"), [null, null, "pv-U"]);
});

test("word64 and word32 encodings", () => {
  const bytes = Buffer.from([0xfb, 0xff, 0x00, 0x41]);
  assert.equal(word64Encode(bytes), "+.8AQQ--");
  assert.deepEqual(word64Decode("+.8AQQ--"), bytes);
  assert.equal(word64Decode("+/8AQQ=="), null);
  assert.equal(word32Encode(Buffer.from("foobar")), "MZXW6YTBOI------");
  assert.deepEqual(word32Decode("mzxw6ytboi------"), Buffer.from("foobar"));
  assert.equal(word32Decode("MZXW6YTB-I------"), null);
  assert.equal(decodeHiddenInfo("", "x", "base64"), "bad length -1 in encoded contact");
});

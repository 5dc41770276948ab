/** maxfwd, rr, sipmsgops, textops, sl and signaling: what they change in what the proxy sends. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { headerOf, request, startScript } from "./support/module-scripts.ts";

test("mf_process_maxfwd_header: the decremented or added value goes out; max_limit caps it; is_maxfwd_lt", async () => {
  const run = await startScript(`
loadmodule "tm.so"
loadmodule "maxfwd.so"
modparam("maxfwd", "max_limit", 16)
route {
	mf_process_maxfwd_header(10);
	if (is_maxfwd_lt(16)) xlog("below 16\\n");
	t_relay();
}
`);
  await run.send(request("MESSAGE", { branch: "z9hG4bK-a" }));
  await run.send(request("MESSAGE", { branch: "z9hG4bK-b" }).replace("Max-Forwards: 70\r\n", ""));
  await run.send(request("MESSAGE", { branch: "z9hG4bK-c" }).replace("Max-Forwards: 70", "Max-Forwards: 3"));
  assert.deepEqual(run.env.requests.map((r) => headerOf(r.text, "Max-Forwards")), ["16", "10", "2"]);
  assert.deepEqual(run.logs(), ["below 16", "below 16"]);
});

test("record_route: this proxy, lr, the From-tag and add_rr_param parameters; only once per message", async () => {
  const run = await startScript(`
loadmodule "tm.so"
loadmodule "rr.so"
route {
	add_rr_param("nat=yes");
	record_route();
	record_route();
	xlog("second record_route: $rc\\n");
	t_relay();
}
`);
  await run.send(request("INVITE"));
  assert.equal(headerOf(run.env.requests[0]!.text, "Record-Route"), "<sip:127.0.0.1:5060;lr;ftag=alice-tag;nat=yes>");
  assert.deepEqual(run.logs(), ["second record_route: -1"]);
});

test("loose_route: our Route is consumed, its parameters checked; a strict router before us is undone", async () => {
  const run = await startScript(`
loadmodule "tm.so"
loadmodule "rr.so"
route {
	if (loose_route()) {
		if (check_route_param("nat=yes")) xlog("nat param\\n");
		if (is_direction("downstream")) xlog("downstream\\n");
		else xlog("upstream\\n");
		xlog("ru=$ru du=$du\\n");
		t_relay();
	}
}
`);
  const route = "Route: <sip:127.0.0.1:5060;lr;ftag=alice-tag;nat=yes>, <sip:10.0.0.5;lr>\r\n";
  await run.send(request("BYE", { toTag: "b", headers: route }));
  await run.send(request("BYE", { toTag: "b", branch: "z9hG4bK-strict", ruri: "sip:127.0.0.1:5060;lr;ftag=other", headers: "Route: <sip:bob@10.0.0.2>\r\n" }));
  assert.deepEqual(run.logs(), ["nat param", "downstream", "ru=sip:bob@10.0.0.2 du=sip:10.0.0.5;lr", "upstream", "ru=sip:bob@10.0.0.2 du=<null>"]);
  assert.equal(headerOf(run.env.requests[0]!.text, "Route"), "<sip:10.0.0.5;lr>");
  assert.equal(headerOf(run.env.requests[1]!.text, "Route"), null);
});

test("header changes go out with the request, not into what the script reads", async () => {
  const run = await startScript(`
loadmodule "tm.so"
loadmodule "sipmsgops.so"
route {
	append_hf("X-Caller: $fU\\r\\n");
	insert_hf("X-First: 1\\r\\n");
	remove_hf("Subject");
	xlog("X-Caller seen: $hdr(X-Caller)\\n");
	t_relay();
}
`);
  await run.send(request("MESSAGE", { headers: "Subject: hello\r\n" }));
  const sent = run.env.requests[0]!.text;
  assert.equal(headerOf(sent, "X-Caller"), "alice");
  assert.equal(headerOf(sent, "Subject"), null);
  assert.ok(sent.includes("X-First: 1\r\n"));
  assert.deepEqual(run.logs(), ["X-Caller seen: <null>"]);
});

test("append_to_reply headers go into sl and stateful replies (the automatic 100 too); sl_reply_error; send_reply picks the layer", async () => {
  const run = await startScript(`
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "signaling.so"
loadmodule "sipmsgops.so"
route {
	append_to_reply("X-Reason: testing\\r\\n");
	if (is_method("OPTIONS")) {
		send_reply(200, "Stateless");
		exit;
	}
	if (is_method("INFO")) {
		sl_reply_error();
		exit;
	}
	t_newtran();
	send_reply(486, "Stateful");
}
`);
  await run.send(request("OPTIONS"));
  await run.send(request("INFO", { branch: "z9hG4bK-info" }));
  await run.send(request("MESSAGE", { branch: "z9hG4bK-message" }));
  await run.send(request("INVITE", { branch: "z9hG4bK-invite", callId: "invite-1" }));
  assert.deepEqual(
    run.env.replies.map((r) => `${r.code} ${r.reason}`),
    ["200 Stateless", "500 Server error occurred (1/SL)", "486 Stateful", "100 Giving it a try", "486 Stateful"],
  );
  // tm's automatic 100 is built from the request like every other reply: it carries the lumps too.
  assert.ok(run.env.replies.every((r) => headerOf(r.text, "X-Reason") === "testing"));
  await run.send(request("MESSAGE", { branch: "z9hG4bK-message" }));
  assert.equal(run.env.replies.at(-1)?.code, 486, "the stateful reply answers the retransmission");
});

test("R-URI parameters, tel: to sip:, privacy and E.164", async () => {
  const run = await startScript(`
loadmodule "sipmsgops.so"
route {
	ruri_add_param("user=phone");
	ruri_del_param("transport");
	xlog("$ru\\n");
	if (ruri_has_param("user", "phone")) xlog("has user=phone\\n");
	if (is_privacy("id")) xlog("privacy id\\n");
	$ru = "tel:+15551234567;phone-context=x";
	ruri_tel2sip();
	xlog("$ru\\n");
	if (is_uri_user_e164("sip:+4930123@x")) xlog("e164\\n");
	if (is_uri_user_e164("sip:+4@x")) xlog("too short\\n");
}
`);
  await run.send(request("OPTIONS", { ruri: "sip:bob@example.com;transport=udp", headers: "Privacy: header; id\r\n" }));
  assert.deepEqual(run.logs(), [
    "sip:bob@example.com;user=phone",
    "has user=phone",
    "privacy id",
    "sip:+15551234567;phone-context=x@example.com;user=phone",
    "e164",
  ]);
});

test("search is case-insensitive and line-anchored; search_body looks at the body only", async () => {
  const run = await startScript(`
loadmodule "textops.so"
route {
	if (search("^call-id: CALL-1")) xlog("call-id line\\n");
	if (search("^v=0")) xlog("whole message\\n");
	if (search_body("^call-id")) xlog("wrong\\n");
	if (search_body("^v=0$")) xlog("body line\\n");
}
`);
  await run.send(request("INVITE", { body: "v=0\r\ns=-\r\n", headers: "Content-Type: application/sdp\r\n" }));
  assert.deepEqual(run.logs(), ["call-id line", "whole message", "body line"]);
});

test("substitutions change what is sent: headers, body, the R-URI and its user", async () => {
  const run = await startScript(`
loadmodule "tm.so"
loadmodule "textops.so"
route {
	subst('/^Subject: ([a-z]+) ([a-z]+)/Subject: [\\2 \\1]/');
	replace_body_all("4000", "5000");
	subst_user('/^0([0-9]+)$/+49\\1/');
	xlog("ru=$ru subject=$hdr(Subject)\\n");
	if (!subst_uri('/nomatch/x/')) xlog("no match: -1\\n");
	t_relay();
}
`);
  await run.send(request("INVITE", { ruri: "sip:030123@10.0.0.2", headers: "Subject: call me\r\nContent-Type: application/sdp\r\n", body: "m=audio 4000 RTP/AVP 0\r\na=x:4000\r\n" }));
  assert.deepEqual(run.logs(), ["ru=sip:+4930123@10.0.0.2 subject=call me", "no match: -1"]);
  const sent = run.env.requests[0]!.text;
  assert.equal(headerOf(sent, "Subject"), "[me call]");
  assert.ok(sent.endsWith("m=audio 5000 RTP/AVP 0\r\na=x:5000\r\n"));
  assert.ok(sent.startsWith("INVITE sip:+4930123@10.0.0.2 SIP/2.0\r\n"));
});

test("list_hdr_has_option: an option among the comma-separated values of any field of that name", async () => {
  const run = await startScript(`
loadmodule "sipmsgops.so"
route {
	if (list_hdr_has_option("Supported", "timer")) xlog("timer\\n");
	if (list_hdr_has_option("Supported", "REPLACES")) xlog("replaces, second field, any case\\n");
	if (!list_hdr_has_option("Supported", "time")) xlog("no partial match\\n");
	if (!list_hdr_has_option("Require", "timer")) xlog("no such header: $rc\\n");
}
`);
  await run.send(request("OPTIONS", { headers: "Supported: 100rel, timer\r\nSupported: replaces\r\n" }));
  assert.deepEqual(run.logs(), ["timer", "replaces, second field, any case", "no partial match", "no such header: -1"]);
});

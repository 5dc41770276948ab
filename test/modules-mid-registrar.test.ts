/** mid_registrar: REGISTERs relayed to a main registrar, bindings saved from its 2xx, throttling, lookups. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { midRegistrar } from "../runtime/modules/mid-registrar.ts";
import { headerOf, replyTo, request, startScript, type ScriptRun } from "./support/module-scripts.ts";

const START = 1_700_000_000_000;

function script(params: string, save = `mid_registrar_save("location")`): string {
  return `
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "signaling.so"
loadmodule "sipmsgops.so"
loadmodule "usrloc.so"
loadmodule "mid_registrar.so"
${params}
route {
	if (is_method("REGISTER")) {
		${save};
		$var(rc) = $retcode;
		switch ($var(rc)) {
		case 1:
			xlog("forwarding\\n");
			$ru = "sip:10.0.0.2:5060";
			t_relay();
			break;
		case 2:
			xlog("absorbed\\n");
			break;
		default:
			xlog("save failed: $var(rc)\\n");
		}
		exit;
	}
	mid_registrar_lookup("location");
	$var(rc) = $retcode;
	if ($var(rc) < 0) {
		xlog("lookup: $var(rc)\\n");
		t_reply(404, "Not Found");
		exit;
	}
	xlog("lookup: $var(rc) ru=$ru du=$du\\n");
	t_relay();
}
`;
}

/** A run whose clock can be moved on. */
async function start(cfg: string): Promise<ScriptRun & { advance(seconds: number): void }> {
  let now = START;
  const run = await startScript(cfg, "3.6", [midRegistrar], () => now);
  return Object.assign(run, { advance: (seconds: number) => void (now += seconds * 1000) });
}

function register(contact: string, options: { expires?: string; cseq?: number; branch?: string; headers?: string } = {}): string {
  const expires = options.expires === undefined ? "" : `Expires: ${options.expires}\r\n`;
  return request("REGISTER", {
    ruri: "sip:example.com",
    branch: options.branch ?? `z9hG4bK-reg-${options.cseq ?? 1}`,
    callId: "reg-call@10.0.0.1",
    cseq: options.cseq ?? 1,
    headers: `Contact: ${contact}\r\n${expires}${options.headers ?? ""}`,
  }).replace("To: <sip:bob@example.com>", "To: <sip:alice@example.com>");
}

/** The main registrar's reply to `sent`, with `headers` (raw lines). */
function upstreamReply(sent: string, code: number, reason: string, headers: string): string {
  return replyTo(sent, code, reason).replace("Content-Length: 0\r\n", `${headers}Content-Length: 0\r\n`);
}

/** A REGISTER of `contact` relayed upstream, and the main registrar's 200 OK listing `upstreamContact`. */
async function registerThrough(run: ScriptRun, contact: string, expires: string, upstreamContact: string): Promise<void> {
  await run.send(register(contact, { expires }));
  await run.send(upstreamReply(run.env.requests.at(-1)!.text, 200, "OK", `Contact: ${upstreamContact}\r\n`));
}

function contactLines(text: string): string[] {
  return text.split("\r\n").filter((l) => /^(contact|m):/i.test(l));
}

test("mode 0: the REGISTER goes upstream with the proxy's Contact; the 2xx saves the binding and the UA's 200 lists its own contact", async () => {
  const run = await start(script(`modparam("mid_registrar", "mode", 0)`));
  await run.send(register("<sip:alice@10.0.0.1:5062;transport=udp>;q=0.5", { expires: "300", headers: "User-Agent: phone\r\n" }));
  assert.deepEqual(run.logs(), ["forwarding"]);
  const sent = run.env.requests[0]!;
  assert.equal(sent.dst, "sip:10.0.0.2:5060");
  assert.deepEqual(contactLines(sent.text), ["Contact: <sip:alice@127.0.0.1:5060;ctid=1>;expires=300"]);
  assert.equal(headerOf(sent.text, "Expires"), "300", "mirror mode leaves the Expires header alone");

  await run.send(upstreamReply(sent.text, 200, "OK", "Contact: <sip:alice@127.0.0.1:5060;ctid=1>;expires=240\r\nExpires: 240\r\n"));
  const ok = run.env.replies.at(-1)!;
  assert.equal(ok.code, 200);
  assert.deepEqual(contactLines(ok.text), ["Contact: <sip:alice@10.0.0.1:5062;transport=udp>;q=0.5;expires=240"], "the main registrar's shorter expiry wins");
  assert.equal(headerOf(ok.text, "Expires"), null);

  // The main registrar routes a call to the Contact it was given; the lookup finds the UA behind it.
  await run.send(request("INVITE", { ruri: "sip:alice@127.0.0.1:5060;ctid=1", branch: "z9hG4bK-inv-1", callId: "call-2" }));
  assert.equal(run.logs().at(-1), "lookup: 1 ru=sip:alice@10.0.0.1:5062;transport=udp du=<null>");
  assert.equal(run.env.requests.at(-1)!.ruri, "sip:alice@10.0.0.1:5062;transport=udp");
});

test("mode 0: a Request-URI without a contact id, or with an unknown one, is not found (-1)", async () => {
  const run = await start(script(`modparam("mid_registrar", "mode", 0)`));
  await run.send(request("INVITE", { ruri: "sip:alice@example.com", branch: "z9hG4bK-inv-1" }));
  await run.send(request("INVITE", { ruri: "sip:alice@127.0.0.1:5060;ctid=7", branch: "z9hG4bK-inv-2", callId: "call-2" }));
  assert.deepEqual(run.logs(), ["lookup: -1", "lookup: -1"]);
  assert.deepEqual(
    run.env.replies.map((r) => r.code),
    [100, 404, 100, 404],
  );
});

test("mode 1: Expires raised to outgoing_expires upstream; a re-REGISTER inside the margin is answered here; past it, it goes upstream again", async () => {
  const run = await start(script(`modparam("mid_registrar", "mode", 1)\nmodparam("mid_registrar", "outgoing_expires", 3600)`));
  await run.send(register("<sip:alice@10.0.0.1:5060>", { expires: "600" }));
  const sent = run.env.requests[0]!;
  assert.equal(headerOf(sent.text, "Expires"), "3600");
  assert.deepEqual(contactLines(sent.text), ["Contact: <sip:alice@127.0.0.1:5060;ctid=1>;expires=3600"]);
  await run.send(upstreamReply(sent.text, 200, "OK", "Contact: <sip:alice@127.0.0.1:5060;ctid=1>;expires=3600\r\n"));
  assert.deepEqual(contactLines(run.env.replies.at(-1)!.text), ["Contact: <sip:alice@10.0.0.1:5060>;expires=600"]);

  // The UA refreshes every 500 s; 3000 s (3600 granted - 600 asked) after the last REGISTER upstream, one must go.
  for (let cseq = 2; cseq <= 7; cseq++) {
    run.advance(500);
    await run.send(register("<sip:alice@10.0.0.1:5060>", { expires: "600", cseq }));
  }
  assert.deepEqual(run.logs(), ["forwarding", "absorbed", "absorbed", "absorbed", "absorbed", "absorbed", "forwarding"]);
  assert.equal(run.env.requests.length, 2);
  const absorbed = run.env.replies.at(-1)!;
  assert.equal(absorbed.code, 200);
  assert.deepEqual(contactLines(absorbed.text), ["Contact: <sip:alice@10.0.0.1:5060>;expires=600"]);
  assert.equal(headerOf(absorbed.text, "CSeq"), "6 REGISTER", "the last absorbed REGISTER was answered here");
  assert.deepEqual(contactLines(run.env.requests[1]!.text), ["Contact: <sip:alice@127.0.0.1:5060;ctid=1>;expires=3600"], "the contact keeps its id");
});

test("mode 1: unregistering (Expires: 0) goes upstream and removes the binding once the main registrar confirms", async () => {
  const run = await start(script(`modparam("mid_registrar", "mode", 1)`));
  await registerThrough(run, "<sip:alice@10.0.0.1:5060>", "600", "<sip:alice@127.0.0.1:5060;ctid=1>;expires=3600");
  await run.send(register("<sip:alice@10.0.0.1:5060>", { expires: "0", cseq: 2 }));
  const sent = run.env.requests[1]!;
  assert.equal(headerOf(sent.text, "Expires"), "0");
  assert.deepEqual(contactLines(sent.text), ["Contact: <sip:alice@127.0.0.1:5060;ctid=1>;expires=0"]);
  await run.send(request("INVITE", { ruri: "sip:alice@127.0.0.1:5060;ctid=1", branch: "z9hG4bK-inv-1", callId: "call-2" }));
  await run.send(upstreamReply(sent.text, 200, "OK", ""));
  const ok = run.env.replies.at(-1)!;
  assert.equal(ok.code, 200);
  assert.deepEqual(contactLines(ok.text), []);
  await run.send(request("INVITE", { ruri: "sip:alice@127.0.0.1:5060;ctid=1", branch: "z9hG4bK-inv-2", callId: "call-3" }));
  assert.deepEqual(run.logs(), ["forwarding", "forwarding", "lookup: 1 ru=sip:alice@10.0.0.1:5060 du=<null>", "lookup: -1"]);
});

test("mode 0: each Contact header is rewritten in place; a 2xx missing one of the contacts saves nothing", async () => {
  const run = await start(script(`modparam("mid_registrar", "mode", 0)`));
  await run.send(register("<sip:alice@10.0.0.1:5060>, <sip:alice@10.0.0.1:5070>;expires=60\r\nContact: sip:alice@10.0.0.1:5080", { expires: "120" }));
  const sent = run.env.requests[0]!;
  assert.deepEqual(contactLines(sent.text), [
    "Contact: <sip:alice@127.0.0.1:5060;ctid=1>;expires=120, <sip:alice@127.0.0.1:5060;ctid=2>;expires=60",
    "Contact: <sip:alice@127.0.0.1:5060;ctid=3>;expires=120",
  ]);
  const partial = upstreamReply(sent.text, 200, "OK", "Contact: <sip:alice@127.0.0.1:5060;ctid=1>;expires=120\r\n");
  await run.send(partial);
  assert.deepEqual(contactLines(run.env.replies.at(-1)!.text), ["Contact: <sip:alice@127.0.0.1:5060;ctid=1>;expires=120"], "relayed as received");
  await run.send(request("INVITE", { ruri: "sip:alice@127.0.0.1:5060;ctid=1", branch: "z9hG4bK-inv-1", callId: "call-2" }));
  assert.equal(run.logs().at(-1), "lookup: -1");
});

test("mode 0: the bindings are usrloc's: registrar's lookup() finds them by AoR", async () => {
  const run = await start(
    script(`modparam("mid_registrar", "mode", 0)\nloadmodule "registrar.so"`).replace(
      `mid_registrar_lookup("location");`,
      `if (lookup("location")) { xlog("registrar lookup: $ru\\n"); exit; }\n\tmid_registrar_lookup("location");`,
    ),
  );
  await registerThrough(run, "<sip:alice@10.0.0.1:5060>", "300", "<sip:alice@127.0.0.1:5060;ctid=1>;expires=300");
  await run.send(request("INVITE", { ruri: "sip:alice@example.com", branch: "z9hG4bK-inv-1", callId: "call-2" }));
  assert.deepEqual(run.logs(), ["forwarding", "registrar lookup: sip:alice@10.0.0.1:5060"]);
});

test("contact_id_insertion ct-user: the contact id is the user of the forwarded Contact, and lookups read it there", async () => {
  const run = await start(script(`modparam("mid_registrar", "contact_id_insertion", "ct-user")\nmodparam("mid_registrar", "extra_contact_params_avp", "$avp(ct_params)")`, `$avp(ct_params) = ";edge=1"; mid_registrar_save("location")`));
  await run.send(register("<sip:alice@10.0.0.1:5060>", { expires: "300" }));
  const sent = run.env.requests[0]!;
  assert.deepEqual(contactLines(sent.text), ["Contact: <sip:1@127.0.0.1:5060;edge=1>;expires=300"]);
  await run.send(upstreamReply(sent.text, 200, "OK", "Contact: <sip:1@127.0.0.1:5060;edge=1>;expires=300\r\n"));
  assert.deepEqual(contactLines(run.env.replies.at(-1)!.text), ["Contact: <sip:alice@10.0.0.1:5060>;expires=300"]);
  await run.send(request("INVITE", { ruri: "sip:1@127.0.0.1:5060", branch: "z9hG4bK-inv-1", callId: "call-2" }));
  assert.equal(run.logs().at(-1), "lookup: 1 ru=sip:alice@10.0.0.1:5060 du=<null>");
});

test("a negative reply from the main registrar saves nothing and reaches the UA unchanged", async () => {
  const run = await start(script(`modparam("mid_registrar", "mode", 1)`));
  await run.send(register("<sip:alice@10.0.0.1:5060>", { expires: "600" }));
  await run.send(upstreamReply(run.env.requests[0]!.text, 401, "Unauthorized", 'WWW-Authenticate: Digest realm="example.com", nonce="abc"\r\n'));
  const relayed = run.env.replies.at(-1)!;
  assert.equal(relayed.code, 401);
  assert.equal(headerOf(relayed.text, "WWW-Authenticate"), 'Digest realm="example.com", nonce="abc"');
  await run.send(register("<sip:alice@10.0.0.1:5060>", { expires: "600", cseq: 2 }));
  assert.deepEqual(run.logs(), ["forwarding", "forwarding"], "nothing registered: the next REGISTER goes upstream too");
});

test("mode 2: one Contact for the AoR upstream; other contacts of the AoR are absorbed; lookup forks to all of them", async () => {
  const run = await start(script(`modparam("mid_registrar", "mode", 2)\nmodparam("mid_registrar", "outgoing_expires", 3600)`));
  await run.send(register("<sip:alice@10.0.0.1:5060>", { expires: "600" }));
  const sent = run.env.requests[0]!;
  assert.equal(headerOf(sent.text, "Expires"), "3600");
  assert.deepEqual(contactLines(sent.text), ["Contact: <sip:alice@127.0.0.1:5060>"]);
  await run.send(upstreamReply(sent.text, 200, "OK", "Contact: <sip:alice@127.0.0.1:5060>;expires=3600\r\n"));
  assert.deepEqual(contactLines(run.env.replies.at(-1)!.text), ["Contact: <sip:alice@10.0.0.1:5060>;expires=600"]);

  run.advance(10);
  const second = register("<sip:alice@10.0.0.3:5060>;expires=300", { branch: "z9hG4bK-reg-b" }).replace("reg-call@10.0.0.1", "other-phone@10.0.0.3");
  await run.send(second);
  assert.deepEqual(run.logs(), ["forwarding", "absorbed"]);
  assert.deepEqual(contactLines(run.env.replies.at(-1)!.text), ["Contact: <sip:alice@10.0.0.1:5060>;expires=590, <sip:alice@10.0.0.3:5060>;expires=300"]);

  await run.send(request("INVITE", { ruri: "sip:alice@example.com", branch: "z9hG4bK-inv-1", callId: "call-2" }));
  assert.equal(run.logs().at(-1), "lookup: 1 ru=sip:alice@10.0.0.1:5060 du=<null>");
  assert.deepEqual(
    run.env.requests.slice(1).map((r) => r.ruri),
    ["sip:alice@10.0.0.1:5060", "sip:alice@10.0.0.3:5060"],
  );
});

test("mode 2 without an Expires header: the one Contact carries the expiry; removing the last contact goes upstream", async () => {
  const run = await start(script(`modparam("mid_registrar", "mode", 2)\nmodparam("mid_registrar", "outgoing_expires", 7200)\nmodparam("mid_registrar", "max_expires", 7200)`));
  await run.send(register("<sip:alice@10.0.0.1:5060>;expires=1800"));
  assert.deepEqual(contactLines(run.env.requests[0]!.text), ["Contact: <sip:alice@127.0.0.1:5060>;expires=7200"]);
  await run.send(upstreamReply(run.env.requests[0]!.text, 200, "OK", "Contact: <sip:alice@127.0.0.1:5060>;expires=7200\r\n"));
  await run.send(register("<sip:alice@10.0.0.1:5060>;expires=0", { cseq: 2 }));
  assert.deepEqual(contactLines(run.env.requests[1]!.text), ["Contact: <sip:alice@127.0.0.1:5060>;expires=0"]);
  await run.send(upstreamReply(run.env.requests[1]!.text, 200, "OK", ""));
  assert.deepEqual(contactLines(run.env.replies.at(-1)!.text), []);
  await run.send(request("INVITE", { ruri: "sip:alice@example.com", branch: "z9hG4bK-inv-1", callId: "call-2" }));
  assert.deepEqual(run.logs(), ["forwarding", "forwarding", "lookup: -1"]);
});

test("max_contacts: a contact too many is refused with 503, P-Registrar-Error and Retry-After", async () => {
  const run = await start(script(`modparam("mid_registrar", "mode", 2)\nmodparam("mid_registrar", "max_contacts", 1)\nmodparam("mid_registrar", "retry_after", 30)`));
  await registerThrough(run, "<sip:alice@10.0.0.1:5060>", "600", "<sip:alice@127.0.0.1:5060>;expires=3600");
  await run.send(register("<sip:alice@10.0.0.3:5060>", { expires: "600", cseq: 2 }));
  const refused = run.env.replies.at(-1)!;
  assert.equal(refused.code, 503);
  assert.equal(refused.reason, "Service Unavailable");
  assert.equal(headerOf(refused.text, "P-Registrar-Error"), "Too many registered contacts");
  assert.equal(headerOf(refused.text, "Retry-After"), "30");
  assert.deepEqual(run.logs(), ["forwarding", "save failed: -1"]);
});

test("bad REGISTERs: 400 with the registrar error; the r flag answers nothing", async () => {
  const run = await start(script(`modparam("mid_registrar", "mode", 1)`));
  await run.send(register("*", { expires: "600" }));
  const refused = run.env.replies.at(-1)!;
  assert.equal(refused.code, 400);
  assert.equal(headerOf(refused.text, "P-Registrar-Error"), "* used in contact and expires is not zero");
  await run.send(register("<sip:alice@10.0.0.1>;q=2", { cseq: 2 }));
  assert.equal(headerOf(run.env.replies.at(-1)!.text, "P-Registrar-Error"), "Invalid q param in contact");
  assert.deepEqual(run.logs(), ["save failed: -1", "save failed: -1"]);

  const quiet = await start(script(`modparam("mid_registrar", "mode", 1)`, `mid_registrar_save("location", "r")`));
  await quiet.send(register("*", { expires: "600" }));
  assert.deepEqual(quiet.env.replies, []);
});

test("Contact: * goes upstream as it is and, once confirmed, removes every binding of the AoR", async () => {
  const run = await start(script(`modparam("mid_registrar", "mode", 1)`));
  await registerThrough(run, "<sip:alice@10.0.0.1:5060>", "600", "<sip:alice@127.0.0.1:5060;ctid=1>;expires=3600");
  await run.send(register("*", { expires: "0", cseq: 2 }));
  assert.deepEqual(contactLines(run.env.requests[1]!.text), ["Contact: *"]);
  await run.send(upstreamReply(run.env.requests[1]!.text, 200, "OK", ""));
  await run.send(register("<sip:alice@10.0.0.1:5060>", { expires: "600", cseq: 3 }));
  assert.deepEqual(run.logs(), ["forwarding", "forwarding", "forwarding"]);
  assert.deepEqual(contactLines(run.env.requests[2]!.text), ["Contact: <sip:alice@127.0.0.1:5060;ctid=2>;expires=3600"], "a new binding, a new id");
});

test("the forwarded Contact names the address the REGISTER goes out with, as set after mid_registrar_save", async () => {
  const run = await start(script(`modparam("mid_registrar", "mode", 0)`, `mid_registrar_save("location"); set_advertised_address("proxy.example.net"); set_advertised_port("5080")`));
  await run.send(register("<sip:alice@10.0.0.1:5060>", { expires: "300" }));
  assert.deepEqual(contactLines(run.env.requests[0]!.text), ["Contact: <sip:alice@proxy.example.net:5080;ctid=1>;expires=300"]);
});

test("pn_process_purr: no pn-purr or none of ours needs no push notification (2); one naming a contact would (-1)", async () => {
  const run = await start(`
loadmodule "tm.so"
loadmodule "signaling.so"
loadmodule "sipmsgops.so"
loadmodule "usrloc.so"
loadmodule "mid_registrar.so"
route {
	if (is_method("REGISTER")) {
		mid_registrar_save("location");
		if ($rc == 1) t_relay(, "udp:10.0.0.2:5060");
		exit;
	}
	async(pn_process_purr("location"), purr_done);
}
route[purr_done] {
	xlog("purr: $rc\n");
}
`);
  await registerThrough(run, "<sip:alice@10.0.0.1:5060>", "300", "<sip:alice@127.0.0.1:5060;ctid=1>;expires=300");
  await run.send(request("MESSAGE", { branch: "z9hG4bK-m1", callId: "m1", headers: "Route: <sip:127.0.0.1;lr>\r\n" }));
  await run.send(request("MESSAGE", { branch: "z9hG4bK-m2", callId: "m2" }));
  await run.send(request("MESSAGE", { branch: "z9hG4bK-m3", callId: "m3", ruri: "sip:alice@10.0.0.1:5060;pn-purr=000.00000.00000009" }));
  await run.send(request("MESSAGE", { branch: "z9hG4bK-m4", callId: "m4", ruri: "sip:alice@10.0.0.1:5060;pn-purr=000.00000.00000001" }));
  assert.deepEqual(run.logs(), ["purr: 2", "purr: -1", "purr: 2", "purr: -1"]);
});

test("a contact's received address goes into the 200 OK and becomes $du at lookup; Path headers do not go upstream", async () => {
  const run = await start(script(`modparam("mid_registrar", "mode", 0)`));
  await run.send(register('<sip:alice@192.168.1.20:5060>;received="sip:10.0.0.1:40000"', { expires: "300", headers: "Path: <sip:edge.example.com;lr>\r\n" }));
  const sent = run.env.requests[0]!;
  assert.equal(headerOf(sent.text, "Path"), null);
  await run.send(upstreamReply(sent.text, 200, "OK", "Contact: <sip:alice@127.0.0.1:5060;ctid=1>;expires=300\r\n"));
  assert.deepEqual(contactLines(run.env.replies.at(-1)!.text), ['Contact: <sip:alice@192.168.1.20:5060>;expires=300;received="sip:10.0.0.1:40000"']);
  await run.send(request("INVITE", { ruri: "sip:alice@127.0.0.1:5060;ctid=1", branch: "z9hG4bK-inv-1", callId: "call-2" }));
  assert.equal(run.logs().at(-1), "lookup: 1 ru=sip:alice@192.168.1.20:5060 du=sip:10.0.0.1:40000");
  assert.equal(run.env.requests.at(-1)!.dst, "sip:10.0.0.1:40000");
});

test("max_contacts in mode 0 is checked on the 2xx: with the f flag the oldest contact makes room, without it the AoR loses its bindings", async () => {
  const forced = await start(script(`modparam("mid_registrar", "max_contacts", 1)`, `mid_registrar_save("location", "f")`));
  await registerThrough(forced, "<sip:alice@10.0.0.1:5060>", "300", "<sip:alice@127.0.0.1:5060;ctid=1>;expires=300");
  await forced.send(register("<sip:alice@10.0.0.3:5060>", { expires: "300", cseq: 2 }));
  const both = "Contact: <sip:alice@127.0.0.1:5060;ctid=1>;expires=300, <sip:alice@127.0.0.1:5060;ctid=2>;expires=300\r\n";
  await forced.send(upstreamReply(forced.env.requests[1]!.text, 200, "OK", both));
  assert.deepEqual(contactLines(forced.env.replies.at(-1)!.text), ["Contact: <sip:alice@10.0.0.3:5060>;expires=300"]);

  const strict = await start(script(`modparam("mid_registrar", "max_contacts", 1)`));
  await registerThrough(strict, "<sip:alice@10.0.0.1:5060>", "300", "<sip:alice@127.0.0.1:5060;ctid=1>;expires=300");
  await strict.send(register("<sip:alice@10.0.0.3:5060>", { expires: "300", cseq: 2 }));
  await strict.send(upstreamReply(strict.env.requests[1]!.text, 200, "OK", both));
  assert.deepEqual(contactLines(strict.env.replies.at(-1)!.text), []);
  await strict.send(request("INVITE", { ruri: "sip:alice@127.0.0.1:5060;ctid=1", branch: "z9hG4bK-inv-1", callId: "call-2" }));
  assert.equal(strict.logs().at(-1), "lookup: -1");
});

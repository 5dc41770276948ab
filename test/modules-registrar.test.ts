/** registrar with the in-memory usrloc, and nathelper. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { headerOf, request, startScript } from "./support/module-scripts.ts";

const REGISTRAR = `
loadmodule "sl.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "sipmsgops.so"
modparam("registrar", "min_expires", 30)
route {
	if (is_method("REGISTER")) {
		save("location");
		exit;
	}
	if (!lookup("location")) {
		sl_send_reply(404, "Not Found");
		exit;
	}
	xlog("ru=$ru du=$du\\n");
	sl_send_reply(302, "Found");
}
`;

function register(contact: string, options: { expires?: string; branch?: string; user?: string } = {}): string {
  return request("REGISTER", {
    ruri: "sip:example.com",
    branch: options.branch ?? "z9hG4bK-reg",
    headers: `Contact: ${contact}\r\n${options.expires === undefined ? "" : `Expires: ${options.expires}\r\n`}`,
  }).replace("To: <sip:bob@example.com>", `To: <sip:${options.user ?? "alice"}@example.com>`);
}

test("save answers 200 with the bindings; lookup rewrites the R-URI to the best contact", async () => {
  const run = await startScript(REGISTRAR);
  await run.send(register("<sip:alice@10.0.0.1:5060>;q=0.5, <sip:alice@10.0.0.1:5070>;q=0.9", { expires: "600" }));
  const ok = run.env.replies[0]!;
  assert.equal(ok.code, 200);
  assert.deepEqual(
    ok.text.split("\r\n").filter((l) => l.startsWith("Contact:")),
    ["Contact: <sip:alice@10.0.0.1:5070>;expires=600", "Contact: <sip:alice@10.0.0.1:5060>;expires=600"],
  );
  await run.send(request("INVITE", { ruri: "sip:alice@example.com", branch: "z9hG4bK-inv" }));
  await run.send(request("INVITE", { ruri: "sip:nobody@example.com", branch: "z9hG4bK-inv2" }));
  assert.deepEqual(run.logs(), ["ru=sip:alice@10.0.0.1:5070 du=sip:10.0.0.1:5060"]);
  assert.deepEqual(run.env.replies.map((r) => r.code), [200, 302, 404]);
});

test("expires 0 and Contact * remove bindings; min_expires raises short ones", async () => {
  const run = await startScript(REGISTRAR);
  await run.send(register("<sip:alice@10.0.0.1>;expires=5"));
  assert.equal(headerOf(run.env.replies[0]!.text, "Contact"), "<sip:alice@10.0.0.1>;expires=30");
  await run.send(register("<sip:alice@10.0.0.1>;expires=0", { branch: "z9hG4bK-reg2" }));
  assert.equal(headerOf(run.env.replies[1]!.text, "Contact"), null);
  await run.send(register("<sip:alice@10.0.0.9>", { branch: "z9hG4bK-reg3" }));
  await run.send(register("*", { branch: "z9hG4bK-reg4", expires: "0" }));
  await run.send(request("INVITE", { ruri: "sip:alice@example.com", branch: "z9hG4bK-inv" }));
  assert.equal(run.env.replies.at(-1)?.code, 404);
});

test("nat_uac_test flags, fix_nated_contact and fix_nated_sdp in what is relayed", async () => {
  const run = await startScript(`
loadmodule "tm.so"
loadmodule "nathelper.so"
route {
	if (nat_uac_test("1")) xlog("private contact\\n");
	if (nat_uac_test("16")) xlog("source port differs\\n");
	if (nat_uac_test("2")) xlog("wrong: the Via host is the source\\n");
	fix_nated_contact();
	fix_nated_sdp("2");
	t_relay();
}
`);
  const sdp = "v=0\r\no=- 1 1 IN IP4 192.168.1.20\r\nc=IN IP4 192.168.1.20\r\nm=audio 4000 RTP/AVP 0\r\n";
  await run.send(
    request("INVITE", { headers: "Contact: <sip:alice@192.168.1.20:5060>, <sip:alice@192.168.1.20:5062>\r\nContent-Type: application/sdp\r\n", body: sdp }),
    { proto: "udp", ip: "10.0.0.1", port: 40000 },
  );
  assert.deepEqual(run.logs(), ["private contact", "source port differs"]);
  const sent = run.env.requests[0]!.text;
  assert.equal(headerOf(sent, "Contact"), "<sip:alice@10.0.0.1:40000>, <sip:alice@192.168.1.20:5062>");
  assert.ok(sent.includes("c=IN IP4 10.0.0.1\r\n"));
  assert.ok(sent.includes("o=- 1 1 IN IP4 192.168.1.20\r\n"), "flag 2 leaves the origin line alone");
  assert.equal(headerOf(sent, "Content-Length"), String(Buffer.byteLength(sdp) - "192.168.1.20".length + "10.0.0.1".length));
});

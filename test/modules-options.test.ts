/** options: options_reply answers OPTIONS to the server itself with its capabilities. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { options } from "../runtime/modules/options.ts";
import { headerOf, request, startScript } from "./support/module-scripts.ts";

const SCRIPT = (params: string, before = ""): string => `
loadmodule "tm.so"
loadmodule "signaling.so"
loadmodule "options.so"
${params}
route {
	${before}
	options_reply();
	xlog("after options_reply: $rc\\n");
}
`;

test("options_reply: 200 OK with the default capabilities, and the script ends", async () => {
  const run = await startScript(SCRIPT(""), "3.6", [options]);
  await run.send(request("OPTIONS", { ruri: "sip:127.0.0.1:5060" }));
  assert.deepEqual(run.logs(), []);
  const [reply] = run.env.replies;
  assert.equal(reply?.code, 200);
  assert.equal(reply?.reason, "OK");
  assert.equal(headerOf(reply!.text, "Accept"), "*/*");
  assert.equal(headerOf(reply!.text, "Accept-Language"), "en");
  assert.equal(headerOf(reply!.text, "Accept-Encoding"), null, "an empty default leaves the header out");
  assert.equal(headerOf(reply!.text, "Supported"), null);
  assert.equal(headerOf(reply!.text, "CSeq"), "1 OPTIONS");
});

test("options_reply: the module parameters set the headers; \"\" removes one", async () => {
  const params = `modparam("options", "accept", "application/sdp")
modparam("options", "accept_encoding", "gzip")
modparam("options", "accept_language", "")
modparam("options", "support", "100rel, timer")`;
  const run = await startScript(SCRIPT(params), "3.6", [options]);
  await run.send(request("OPTIONS", { ruri: "sip:127.0.0.1" }));
  const text = run.env.replies[0]!.text;
  assert.equal(headerOf(text, "Accept"), "application/sdp");
  assert.equal(headerOf(text, "Accept-Encoding"), "gzip");
  assert.equal(headerOf(text, "Accept-Language"), null);
  assert.equal(headerOf(text, "Supported"), "100rel, timer");
});

test("options_reply refuses a request with a user in the R-URI and other methods", async () => {
  const run = await startScript(SCRIPT(""), "3.6", [options]);
  await run.send(request("OPTIONS", { ruri: "sip:bob@127.0.0.1" }));
  await run.send(request("MESSAGE", { ruri: "sip:127.0.0.1", callId: "call-2" }));
  assert.deepEqual(run.logs(), ["after options_reply: -1", "after options_reply: -1"]);
  assert.deepEqual(run.env.replies, []);
});

test("options_reply on a transaction answers statefully: a retransmission gets the same 200 again", async () => {
  const run = await startScript(SCRIPT("", "t_newtran();"), "3.6", [options]);
  await run.send(request("OPTIONS", { ruri: "sip:127.0.0.1" }));
  await run.send(request("OPTIONS", { ruri: "sip:127.0.0.1" }));
  assert.deepEqual(run.env.replies.map((r) => r.code), [200, 200]);
  assert.equal(run.env.replies[1]!.text, run.env.replies[0]!.text);
  assert.equal(headerOf(run.env.replies[1]!.text, "Accept"), "*/*");
});

/** OpenSIPS 2.4's uri module: its message checks, as sipmsgops runs them in 3.x. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { request, startScript } from "./support/module-scripts.ts";

test("2.4 scripts call has_totag, uri_param, add_uri_param, del_uri_param, tel2sip and is_uri_user_e164 from uri", async () => {
  const run = await startScript(
    `
loadmodule "sl.so"
loadmodule "uri.so"
route {
	if (has_totag()) xlog("has to-tag\\n"); else xlog("no to-tag\\n");
	if (uri_param("transport", "tcp")) xlog("transport=tcp\\n");
	add_uri_param("user=phone");
	del_uri_param("transport");
	xlog("ruri=$ru\\n");
	if (is_uri_user_e164("$fu")) xlog("from is E.164\\n"); else xlog("from is not E.164\\n");
	# tel2sip takes the host from the From URI.
	$ru = "tel:+15551234567";
	tel2sip();
	xlog("tel2sip=$ru\\n");
	sl_send_reply("200", "OK");
}
`,
    "2.4",
  );
  await run.send(request("INVITE", { ruri: "sip:bob@example.com;transport=tcp" }));
  await run.send(request("INVITE", { ruri: "sip:bob@example.com", toTag: "t1", branch: "z9hG4bK-2" }));
  assert.deepEqual(run.logs(), [
    "no to-tag",
    "transport=tcp",
    "ruri=sip:bob@example.com;user=phone",
    "from is not E.164",
    "tel2sip=sip:+15551234567@example.com;user=phone",
    "has to-tag",
    "ruri=sip:bob@example.com;user=phone",
    "from is not E.164",
    "tel2sip=sip:+15551234567@example.com;user=phone",
  ]);
});

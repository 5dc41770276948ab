/** dialog: states driven by the INVITE's replies and the sequential requests, variables and profiles. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { replyTo, request, startScript } from "./support/module-scripts.ts";

const SCRIPT = `
loadmodule "tm.so"
loadmodule "dialog.so"
loadmodule "sipmsgops.so"
route {
	if (has_totag()) {
		if (match_dialog()) {
			xlog("$rm in dialog $DLG_did: status=$DLG_status dir=$DLG_dir plan=$dlg_val(plan) busy=$DLG_count\\n");
		} else {
			xlog("$rm matches no dialog\\n");
		}
		t_relay();
		exit;
	}
	create_dialog();
	$dlg_val(plan) = "gold";
	set_dlg_profile("caller", "$fU");
	get_profile_size("caller", "$fU", $var(calls));
	xlog("new dialog: status=$DLG_status calls=$var(calls)\\n");
	t_relay();
}
`;

test("a dialog is created, confirmed by the 200, acknowledged and deleted by the BYE", async () => {
  const run = await startScript(SCRIPT);
  await run.send(request("INVITE"));
  const sent = run.env.requests[0]!.text;
  await run.send(replyTo(sent, 180, "Ringing"));
  await run.send(replyTo(sent, 200, "OK"));
  await run.send(request("ACK", { toTag: "bob-tag", branch: "z9hG4bK-ack" }));
  await run.send(request("BYE", { toTag: "bob-tag", branch: "z9hG4bK-bye", cseq: 2 }));
  await run.send(request("BYE", { toTag: "bob-tag", branch: "z9hG4bK-bye2", cseq: 3 }));
  const [first, ack, bye, late] = run.logs();
  assert.equal(first, "new dialog: status=1 calls=1");
  assert.match(ack!, /^ACK in dialog [0-9]+:1: status=4 dir=downstream plan=gold busy=1$/);
  assert.match(bye!, /^BYE in dialog [0-9]+:1: status=5 dir=downstream plan=gold busy=0$/);
  assert.equal(late, "BYE matches no dialog");
});

test("a request from the callee matches upstream; a failed INVITE deletes its dialog", async () => {
  const run = await startScript(SCRIPT);
  await run.send(request("INVITE"));
  await run.send(replyTo(run.env.requests[0]!.text, 200, "OK"));
  const fromCallee = request("BYE", { toTag: "alice-tag", branch: "z9hG4bK-callee", cseq: 5 })
    .replace("From: <sip:alice@example.com>;tag=alice-tag", "From: <sip:bob@example.com>;tag=bob-tag")
    .replace("To: <sip:bob@example.com>;tag=alice-tag", "To: <sip:alice@example.com>;tag=alice-tag");
  await run.send(fromCallee);
  assert.match(run.logs()[1]!, /dir=upstream/);
  const other = await startScript(SCRIPT);
  await other.send(request("INVITE", { callId: "failed" }));
  await other.send(replyTo(other.env.requests[0]!.text, 486, "Busy Here"));
  await other.send(request("BYE", { callId: "failed", toTag: "bob-tag", branch: "z9hG4bK-b" }));
  assert.deepEqual(other.logs().slice(1), ["BYE matches no dialog"]);
});

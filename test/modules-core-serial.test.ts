/** Core serial forking: serialize_branches() and next_branches() walk the destination set by q. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { SERIAL_FUNCTIONS } from "../runtime/modules/core-serial.ts";
import { coreWith } from "./support/core-with.ts";
import { replyTo, request, startScript, type ScriptRun } from "./support/module-scripts.ts";

const CORE = coreWith(SERIAL_FUNCTIONS);

function serialScript(serialize: string): string {
  return `
loadmodule "tm.so"
loadmodule "sl.so"
route {
	$ru = "sip:a@10.0.0.11";
	$msg.branch.q = "1.0";
	append_msg_branch("sip:b@10.0.0.12", "0.5");
	append_msg_branch("sip:c@10.0.0.13", "0.5");
	${serialize}
	xlog("serialized rc=$rc branches=$msg.branch.last_idx\\n");
	next_branches();
	xlog("next rc=$rc ru=$ru q=$msg.branch.q branches=$msg.branch.last_idx\\n");
	t_on_failure("next");
	t_relay();
}
failure_route[next] {
	if (next_branches()) {
		xlog("failure next rc=$rc ru=$ru branches=$msg.branch.last_idx\\n");
		t_on_failure("next");
		t_relay();
	} else {
		xlog("failure exhausted rc=$rc\\n");
	}
}
`;
}

function invite(): string {
  return request("INVITE", { ruri: "sip:x@127.0.0.1" });
}

async function failAll(run: ScriptRun, from: number): Promise<void> {
  for (const sent of run.env.requests.slice(from).filter((r) => r.text.startsWith("INVITE"))) await run.send(replyTo(sent.text, 486, "Busy Here"));
}

test("the q 1.0 contact goes first; its failure forks to both q 0.5 contacts at once; then next_branches() is -1", async () => {
  const run = await startScript(serialScript("serialize_branches(1);"), "3.6", [CORE]);
  await run.send(invite());
  assert.deepEqual(run.env.requests.map((r) => r.ruri), ["sip:a@10.0.0.11"]);
  await failAll(run, 0);
  assert.deepEqual(run.env.requests.filter((r) => r.text.startsWith("INVITE")).map((r) => r.ruri), ["sip:a@10.0.0.11", "sip:b@10.0.0.12", "sip:c@10.0.0.13"]);
  await failAll(run, 2);
  assert.deepEqual(run.logs(), [
    "serialized rc=1 branches=0",
    "next rc=1 ru=sip:a@10.0.0.11 q=1 branches=0",
    "failure next rc=2 ru=sip:b@10.0.0.12 branches=1",
    "failure exhausted rc=-1",
  ]);
  assert.deepEqual(run.env.replies.map((r) => r.code), [100, 486]);
});

test("keep_order takes the set's order one branch at a time, q ignored", async () => {
  const run = await startScript(serialScript("serialize_branches(1, 1);"), "3.6", [CORE]);
  await run.send(invite());
  await failAll(run, 0);
  await failAll(run, 1);
  await failAll(run, 2);
  assert.deepEqual(run.env.requests.filter((r) => r.text.startsWith("INVITE")).map((r) => r.ruri), ["sip:a@10.0.0.11", "sip:b@10.0.0.12", "sip:c@10.0.0.13"]);
  assert.deepEqual(run.logs(), [
    "serialized rc=1 branches=0",
    "next rc=1 ru=sip:a@10.0.0.11 q=1 branches=0",
    "failure next rc=1 ru=sip:b@10.0.0.12 branches=0",
    "failure next rc=2 ru=sip:c@10.0.0.13 branches=0",
    "failure exhausted rc=-1",
  ]);
});

test("lower q first in the set still goes last; the same q as the Request-URI everywhere leaves the set alone", async () => {
  const reordered = `
loadmodule "tm.so"
route {
	$ru = "sip:low@10.0.0.11";
	$msg.branch.q = "0.1";
	append_msg_branch("sip:high@10.0.0.12", "0.9");
	append_msg_branch("sip:mid@10.0.0.13", "0.5");
	serialize_branches(0);
	while (next_branches()) xlog("ru=$ru q=$msg.branch.q branches=$msg.branch.last_idx\\n");
	$ru = "sip:same@10.0.0.11";
	append_msg_branch("sip:same2@10.0.0.12", "0.1");
	serialize_branches(1);
	xlog("same q: rc=$rc branches=$msg.branch.last_idx next=$(avp(serial_branch))\\n");
}
onreply_route {
	next_branches();
	xlog("onreply next_branches rc=$rc\\n");
}
`;
  const run = await startScript(reordered, "3.6", [CORE]);
  await run.send(invite());
  assert.deepEqual(run.logs(), [
    "ru=sip:high@10.0.0.12 q=0.9 branches=0",
    "ru=sip:mid@10.0.0.13 q=0.5 branches=0",
    "ru=sip:low@10.0.0.11 q=0.1 branches=0",
    "same q: rc=1 branches=1 next=<null>",
  ]);
  await run.send("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-x\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: r1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
  assert.equal(run.logs().at(-1), "onreply next_branches rc=-1");
});

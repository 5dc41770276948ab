/** tm: t_local_replied (which replies tm built itself) and t_cancel_branch from an onreply_route. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { headerOf, replyTo, request, startScript } from "./support/module-scripts.ts";

const CHECKS = `xlog("$var(where): all=$(var(all)) branch=$(var(branch)) last=$(var(last))\\n");`;

/** A script logging the three t_local_replied answers in the failure route (and wherever `extra` asks). */
const LOCAL_REPLIED = `
loadmodule "tm.so"
loadmodule "sipmsgops.so"
route[checks] {
	$var(all) = -1; $var(branch) = -1; $var(last) = -1;
	if (t_local_replied("all")) $var(all) = 1;
	if (t_local_replied("branch")) $var(branch) = 1;
	if (t_local_replied("last")) $var(last) = 1;
	${CHECKS}
}
route {
	if (is_method("CANCEL")) { t_relay(); exit; }
	t_on_failure("failed");
	t_on_reply("replied");
	t_relay();
	$var(where) = "request"; route(checks);
}
onreply_route[replied] {
	$var(where) = "reply " + $rs; route(checks);
}
failure_route[failed] {
	$var(where) = "failure " + $T_reply_code; route(checks);
}
`;

test("t_local_replied: replies received from downstream are not local", async () => {
  const run = await startScript(LOCAL_REPLIED);
  await run.send(request("INVITE"));
  await run.send(replyTo(run.env.requests[0]!.text, 180, "Ringing"));
  await run.send(replyTo(run.env.requests[0]!.text, 486, "Busy Here"));
  assert.deepEqual(run.logs(), [
    "request: all=1 branch=-1 last=1",
    "reply 180: all=-1 branch=-1 last=1",
    "reply 486: all=-1 branch=-1 last=-1",
    "failure 486: all=-1 branch=-1 last=-1",
  ]);
});

test("t_local_replied: a branch cancelled before any reply ends with tm's own 487", async () => {
  const run = await startScript(LOCAL_REPLIED);
  await run.send(request("INVITE"));
  await run.send(request("CANCEL"));
  assert.deepEqual(run.logs(), ["request: all=1 branch=-1 last=1", "failure 487: all=1 branch=1 last=1"]);
  assert.deepEqual(run.env.replies.map((r) => r.code), [100, 200, 487]);
});

test("t_local_replied(\"last\") outside a failure route: the last reply sent upstream was tm's own", async () => {
  const run = await startScript(`
loadmodule "tm.so"
route {
	if (!t_local_replied("last")) xlog("no transaction: $rc\\n");
	t_newtran();
	if (!t_local_replied("last")) xlog("nothing sent yet\\n");
	t_reply(404, "Not Here");
	if (t_local_replied("last")) xlog("404 is local\\n");
	if (!t_local_replied("sometimes")) xlog("bad parameter: $rc\\n");
}
`);
  await run.send(request("MESSAGE"));
  assert.deepEqual(run.logs(), ["no transaction: -1", "nothing sent yet", "404 is local", "bad parameter: -1"]);
  assert.deepEqual(run.env.replies.map((r) => r.code), [404]);
});

const CANCEL_BRANCH = (flags: string): string => `
loadmodule "tm.so"
route {
	t_on_reply("replied");
	t_relay();
}
onreply_route[replied] {
	if (t_check_status("183|486")) {
		t_cancel_branch(${flags});
		xlog("t_cancel_branch on $rs: $rc\\n");
	}
}
`;

test("t_cancel_branch on a provisional reply cancels that branch downstream; the 487 goes upstream", async () => {
  const run = await startScript(CANCEL_BRANCH(""));
  await run.send(request("INVITE"));
  const invite = run.env.requests[0]!.text;
  await run.send(replyTo(invite, 183, "Session Progress"));
  const cancel = run.env.requests[1]!;
  assert.ok(cancel.text.startsWith("CANCEL sip:bob@10.0.0.2 SIP/2.0\r\n"));
  assert.equal(headerOf(cancel.text, "Via"), headerOf(invite, "Via"), "the CANCEL has the branch's Via");
  assert.equal(headerOf(cancel.text, "CSeq"), "1 CANCEL");
  await run.send(replyTo(invite, 487, "Request Terminated"));
  assert.deepEqual(run.logs(), ["t_cancel_branch on 183: 1"]);
  assert.deepEqual(run.env.replies.map((r) => r.code), [100, 183, 487]);
});

test("t_cancel_branch: nothing to cancel on a final reply; \"a\" takes the provisional branch too; bad flags are refused", async () => {
  const final = await startScript(CANCEL_BRANCH(`"a"`));
  await final.send(request("INVITE"));
  await final.send(replyTo(final.env.requests[0]!.text, 486, "Busy Here"));
  assert.deepEqual(final.logs(), ["t_cancel_branch on 486: 1"]);
  assert.deepEqual(final.env.requests.map((r) => r.text.split(" ")[0]), ["INVITE", "ACK"]);

  const all = await startScript(CANCEL_BRANCH(`"a"`));
  await all.send(request("INVITE"));
  await all.send(replyTo(all.env.requests[0]!.text, 183, "Session Progress"));
  assert.deepEqual(all.env.requests.map((r) => r.text.split(" ")[0]), ["INVITE", "CANCEL"]);

  const bad = await startScript(CANCEL_BRANCH(`"x"`));
  await bad.send(request("INVITE"));
  await bad.send(replyTo(bad.env.requests[0]!.text, 183, "Session Progress"));
  assert.deepEqual(bad.logs(), ["t_cancel_branch on 183: -1"]);
  assert.equal(bad.env.requests.length, 1);
});

/** dialog: load_dialog_ctx / unload_dialog_ctx from event routes and requests, set_dlg_sharing_tag. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { request, startScript, type ScriptRun } from "./support/module-scripts.ts";

const SCRIPT = `
loadmodule "tm.so"
loadmodule "dialog.so"
route {
	if ($hdr(X-Load) != NULL) {
		create_dialog();
		$dlg_val(who) = "own";
		if (load_dialog_ctx("$hdr(X-Load)")) xlog("loaded: $dlg_val(who)\\n");
		if (unload_dialog_ctx()) xlog("unloaded: $dlg_val(who)\\n");
		exit;
	}
	create_dialog();
	$dlg_val(plan) = "gold";
	xlog("created $DLG_did\\n");
	t_relay();
}

event_route[E_LOAD] {
	if (!load_dialog_ctx("$param(id)", "$param(mode)")) {
		xlog("no context for $param(id): $rc\\n");
		return;
	}
	xlog("plan=$dlg_val(plan) status=$DLG_status did=$DLG_did\\n");
	if (!load_dialog_ctx("$param(id)", "$param(mode)")) xlog("nested: $rc\\n");
	$dlg_val(plan) = "platinum";
	unload_dialog_ctx();
	xlog("after unload: <$DLG_did>\\n");
	if (!unload_dialog_ctx()) xlog("nothing to unload: $rc\\n");
}
`;

/** Raises E_LOAD with `id` and `mode`; returns the log lines (errors prefixed) it produced. */
function raise(run: ScriptRun, id: string, mode = "callid"): string[] {
  const before = run.env.events.length;
  run.engine.raiseEvent("E_LOAD", new Map([["id", id], ["mode", mode]]));
  return run.env.events.slice(before).flatMap((e) => (e.event === "log" ? [e.level === "ERROR" ? `ERROR ${e.text}` : e.text] : []));
}

test("load_dialog_ctx by Call-ID or by $DLG_did gives an event route the dialog's variables; unload_dialog_ctx takes it away", async () => {
  const run = await startScript(SCRIPT);
  await run.send(request("INVITE", { callId: "call-a" }));
  const did = /^created (\S+)$/.exec(run.logs()[0]!)![1]!;
  assert.deepEqual(raise(run, "call-a"), [
    `plan=gold status=1 did=${did}`,
    "ERROR ERROR:dialog:load_dlg_ctx: nested call of load dlg ctx",
    "nested: -1",
    "after unload: <<null>>",
    "nothing to unload: -1",
  ]);
  assert.deepEqual(raise(run, did, "DID").slice(0, 1), [`plan=platinum status=1 did=${did}`], "the change made through the loaded context stays");
  assert.deepEqual(raise(run, "call-b"), ["no context for call-b: -1"]);
  assert.deepEqual(raise(run, "call-a", "fromtag"), ["ERROR ERROR:dialog:fixup_lmode: unsupported dialog indetifier <fromtag>", "no context for call-a: -1"]);
});

test("in a request with its own dialog, the loaded one replaces it until unload_dialog_ctx", async () => {
  const run = await startScript(SCRIPT);
  await run.send(request("INVITE", { callId: "first" }));
  await run.send(request("INVITE", { callId: "second", headers: "X-Load: first\r\n", branch: "z9hG4bK-second" }));
  assert.deepEqual(run.logs().slice(1), ["loaded: <null>", "unloaded: own"]);
});

test("set_dlg_sharing_tag does nothing without dialog replication, and is refused with it", async () => {
  const body = `route {\n\tcreate_dialog();\n\tset_dlg_sharing_tag("vip1");\n\txlog("$rc\\n");\n}\n`;
  const plain = await startScript(`loadmodule "dialog.so"\n${body}`);
  await plain.send(request("INVITE"));
  assert.deepEqual(plain.logs(), ["1"]);
  const clustered = await startScript(`loadmodule "dialog.so"\nmodparam("dialog", "dialog_replication_cluster", 1)\n${body}`);
  await clustered.send(request("INVITE"));
  assert.deepEqual(clustered.logs(), ["-1"]);
  assert.ok(clustered.env.events.some((e) => e.event === "log" && e.text === "ERROR:dialog:w_set_dlg_shtag: dialog replication (dialog_replication_cluster) is not supported by the runtime"));
});

/** force_send_socket and force_tcp_alias (runtime/modules/core-sockets.ts). */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ModuleImpl, Peer } from "../runtime/index.ts";
import { SOCKET_FUNCTIONS } from "../runtime/modules/core-sockets.ts";
import { MODULES } from "../runtime/modules/index.ts";
import { replyTo, request, startScript, type ScriptRun } from "./support/module-scripts.ts";

const builtInCore = MODULES.find((m) => m.name === "core")!;
/** The built-in core with the socket functions, as core.ts will register them. */
const coreWithSockets: ModuleImpl = { ...builtInCore, functions: new Map([...builtInCore.functions, ...SOCKET_FUNCTIONS]) };

const SOCKETS = "socket=udp:127.0.0.2:5080\nsocket=tcp:127.0.0.1:5060\n";

const start = (cfg: string): Promise<ScriptRun> => startScript(SOCKETS + cfg, "3.6", [coreWithSockets]);

/** The proxy's own Via (the top one) of each request relayed, without its branch parameter. */
const sentBy = (run: ScriptRun): string[] => run.env.requests.map((r) => /^Via: (SIP\/2\.0\/\S+ [^;\r]+);branch=/m.exec(r.text)?.[1] ?? "");

const errors = (run: ScriptRun): string[] => run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));

test("force_send_socket: the relayed request's Via names the forced socket; an unknown socket is an error and changes nothing", async () => {
  const run = await start(`
loadmodule "tm.so"
route {
	if ($ci == "udp") force_send_socket("udp:127.0.0.2:5080");
	if ($ci == "tcp") force_send_socket("tcp:127.0.0.1:5060");
	if ($ci == "unknown") {
		force_send_socket("udp:10.9.9.9:5060");
		xlog("unknown socket: $rc\\n");
	}
	t_relay();
}
`);
  for (const callId of ["udp", "tcp", "unknown", "none"]) await run.send(request("MESSAGE", { callId, branch: `z9hG4bK-${callId}` }));
  // An ACK for a 2xx is forwarded statelessly, with the forced socket too.
  await run.send(request("ACK", { callId: "udp", branch: "z9hG4bK-ack", toTag: "b" }));
  assert.deepEqual(sentBy(run), ["SIP/2.0/UDP 127.0.0.2:5080", "SIP/2.0/TCP 127.0.0.1:5060", "SIP/2.0/UDP 127.0.0.1:5060", "SIP/2.0/UDP 127.0.0.1:5060", "SIP/2.0/UDP 127.0.0.2:5080"]);
  assert.ok(run.env.requests[4]!.text.startsWith("ACK "));
  assert.deepEqual(run.logs(), ["unknown socket: -1"]);
  assert.deepEqual(errors(run), ["ERROR:core:fixup_f_send_sock: bad force_send_socket argument: udp:10.9.9.9:5060 (opensips doesn't listen on it)"]);
});

test("branches appended with inherit after force_send_socket take its socket; a branch_route may force another for its branch", async () => {
  const run = await start(`
loadmodule "tm.so"
route {
	force_send_socket("udp:127.0.0.2:5080");
	append_msg_branch("sip:carol@10.0.0.3", , "inherit");
	append_msg_branch("sip:dave@10.0.0.4", , "inherit");
	t_on_branch("per_branch");
	t_relay();
}
branch_route[per_branch] {
	if ($T_branch_idx == 2) force_send_socket("tcp:127.0.0.1:5060");
}
`);
  await run.send(request("INVITE"));
  const vias = sentBy(run);
  assert.deepEqual(
    run.env.requests.map((r, i) => `${r.ruri} ${vias[i]}`),
    ["sip:bob@10.0.0.2 SIP/2.0/UDP 127.0.0.2:5080", "sip:carol@10.0.0.3 SIP/2.0/UDP 127.0.0.2:5080", "sip:dave@10.0.0.4 SIP/2.0/TCP 127.0.0.1:5060"],
  );
});

test("the socket forced in the request route still holds for the branches a failure_route sends", async () => {
  const run = await start(`
loadmodule "tm.so"
route {
	force_send_socket("udp:127.0.0.2:5080");
	t_on_failure("next");
	t_relay();
}
failure_route[next] {
	$ru = "sip:bob@10.0.0.5";
	t_relay();
}
`);
  await run.send(request("INVITE"));
  await run.send(replyTo(run.env.requests[0]!.text, 503, "Service Unavailable"));
  const vias = sentBy(run);
  assert.deepEqual(
    run.env.requests.map((r, i) => `${r.text.slice(0, r.text.indexOf(" "))} ${r.ruri} ${vias[i]}`),
    ["INVITE sip:bob@10.0.0.2 SIP/2.0/UDP 127.0.0.2:5080", "ACK sip:bob@10.0.0.2 SIP/2.0/UDP 127.0.0.2:5080", "INVITE sip:bob@10.0.0.5 SIP/2.0/UDP 127.0.0.2:5080"],
  );
});

test("force_tcp_alias: 1 for a UDP message (nothing to do); over TCP, 1 and the alias port OpenSIPS would take is logged", async () => {
  const run = await start(`
log_level=4
route {
	if ($ci == "given") force_tcp_alias(5999);
	else force_tcp_alias();
	xlog("force_tcp_alias: $rc\\n");
}
`);
  const TCP_PEER: Peer = { proto: "tcp", ip: "10.0.0.1", port: 40123 };
  const TLS_PEER: Peer = { proto: "tls", ip: "10.0.0.1", port: 40124 };
  await run.send(request("OPTIONS", { callId: "udp" }));
  await run.send(request("OPTIONS", { callId: "via-port" }).replace("SIP/2.0/UDP 10.0.0.1:5060", "SIP/2.0/TCP 10.0.0.1:5070"), TCP_PEER);
  await run.send(request("OPTIONS", { callId: "given" }), TCP_PEER);
  await run.send(request("OPTIONS", { callId: "no-port" }).replace("SIP/2.0/UDP 10.0.0.1:5060", "SIP/2.0/TLS 10.0.0.1"), TLS_PEER);
  const lines = run.logs().filter((line) => line.startsWith("force_tcp_alias") || line.includes("w_force_tcp_alias"));
  assert.deepEqual(lines, [
    "force_tcp_alias: 1",
    "DBG:core:w_force_tcp_alias: no tcp connection from 10.0.0.1:40123 to alias as port 5070: the runtime keeps no connections",
    "force_tcp_alias: 1",
    "DBG:core:w_force_tcp_alias: no tcp connection from 10.0.0.1:40123 to alias as port 5999: the runtime keeps no connections",
    "force_tcp_alias: 1",
    "DBG:core:w_force_tcp_alias: no tls connection from 10.0.0.1:40124 to alias as port 5061: the runtime keeps no connections",
    "force_tcp_alias: 1",
  ]);
});

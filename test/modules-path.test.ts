/** path: add_path / add_path_received build the Path header; use_received makes loose_route send to the received address. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { path } from "../runtime/modules/path.ts";
import { request, startScript, type ScriptRun } from "./support/module-scripts.ts";

async function run(body: string, options: { params?: string; sockets?: string } = {}): Promise<ScriptRun> {
  const cfg = `${options.sockets ?? ""}
loadmodule "tm.so"
loadmodule "rr.so"
loadmodule "path.so"
${options.params ?? ""}
route {
${body}
}
`;
  return startScript(cfg, "3.6", [path]);
}

function pathLines(text: string): string[] {
  return text.split("\r\n").filter((line) => /^path:/i.test(line));
}

async function relayedRegister(body: string, options: { params?: string; sockets?: string; headers?: string; proto?: string } = {}): Promise<string[]> {
  const script = await run(`${body}\nxlog("$rc\\n");\nt_relay();`, options);
  const peer = { proto: options.proto ?? "udp", ip: "10.0.0.1", port: 5062 };
  await script.send(request("REGISTER", { ruri: "sip:registrar.example.com", headers: options.headers }), peer);
  assert.deepEqual(script.logs(), ["1"]);
  const sent = script.env.requests[0]!.text;
  return sent.split("\r\n").filter((line) => line !== "" && !/^(via|max-forwards|from|to|call-id|cseq|content-length):/i.test(line));
}

test("add_path appends this proxy's URI after the last header; the user part is optional", async () => {
  assert.deepEqual(await relayedRegister("add_path();"), ["REGISTER sip:registrar.example.com SIP/2.0", "Path: <sip:127.0.0.1;lr>"]);
  assert.deepEqual(await relayedRegister(`add_path("edge-1");`), ["REGISTER sip:registrar.example.com SIP/2.0", "Path: <sip:edge-1@127.0.0.1;lr>"]);
});

test("add_path goes in front of the Path headers already there", async () => {
  const headers = "Path: <sip:outer.example.net;lr>\r\nSupported: path\r\n";
  assert.deepEqual(await relayedRegister("add_path();", { headers }), [
    "REGISTER sip:registrar.example.com SIP/2.0",
    "Path: <sip:127.0.0.1;lr>",
    "Path: <sip:outer.example.net;lr>",
    "Supported: path",
  ]);
});

test("add_path_received records the source address, the transport escaped for non-UDP", async () => {
  const udp = await relayedRegister(`add_path_received("nat");`);
  assert.deepEqual(pathLines(udp.join("\r\n")), ["Path: <sip:nat@127.0.0.1;lr;received=sip:10.0.0.1:5062>"]);
  const tcp = await relayedRegister("add_path_received();", { proto: "tcp" });
  assert.deepEqual(pathLines(tcp.join("\r\n")), ["Path: <sip:127.0.0.1;lr;received=sip:10.0.0.1:5062%3btransport%3dtcp>"]);
});

test("the proxy's address follows set_advertised_address/port and a non-UDP or non-5060 socket", async () => {
  const advertised = await relayedRegister(`set_advertised_address("edge.example.com"); set_advertised_port("5090"); add_path();`);
  assert.deepEqual(pathLines(advertised.join("\r\n")), ["Path: <sip:edge.example.com:5090;lr>"]);
  const sockets = "socket=tcp:127.0.0.3:5070";
  const other = await relayedRegister(`force_send_socket("tcp:127.0.0.3:5070"); add_path();`, { sockets, params: 'modparam("path", "enable_double_path", 0)' });
  assert.deepEqual(pathLines(other.join("\r\n")), ["Path: <sip:127.0.0.3:5070;transport=tcp;lr>"]);
});

test("double path: another send socket gives two Paths, sending side first, received in the second", async () => {
  const sockets = "socket=udp:127.0.0.2:5070";
  const lines = await relayedRegister(`force_send_socket("udp:127.0.0.2:5070"); add_path_received("u");`, { sockets });
  assert.deepEqual(pathLines(lines.join("\r\n")), ["Path: <sip:u@127.0.0.2:5070;r2=on;lr>", "Path: <sip:u@127.0.0.1;r2=on;lr;received=sip:10.0.0.1:5062>"]);
});

async function destinationAfterLooseRoute(route: string, params: string): Promise<string[]> {
  const script = await run(`loose_route(); xlog("$rc $du\\n");`, { params });
  await script.send(request("INVITE", { ruri: "sip:alice@10.0.0.20", toTag: "t1", headers: `Route: ${route}\r\n` }));
  return script.logs();
}

test("use_received: loose_route sends to the received address of our Route, unescaped", async () => {
  const useReceived = 'modparam("path", "use_received", 1)';
  assert.deepEqual(await destinationAfterLooseRoute("<sip:127.0.0.1;lr;received=sip:10.0.0.9:5064>", useReceived), ["1 sip:10.0.0.9:5064"]);
  assert.deepEqual(await destinationAfterLooseRoute("<sip:127.0.0.1;lr;received=sip:10.0.0.9:5064%3btransport%3dtcp>", useReceived), ["1 sip:10.0.0.9:5064;transport=tcp"]);
  assert.deepEqual(await destinationAfterLooseRoute("<sip:127.0.0.1;lr;received=sip:10.0.0.9:5064>, <sip:10.0.0.50;lr>", useReceived), ["1 sip:10.0.0.9:5064"]);
  assert.deepEqual(await destinationAfterLooseRoute("<sip:127.0.0.1;lr>, <sip:10.0.0.50;lr>", useReceived), ["1 sip:10.0.0.50;lr"]);
});

test("without use_received the received parameter is ignored", async () => {
  assert.deepEqual(await destinationAfterLooseRoute("<sip:127.0.0.1;lr;received=sip:10.0.0.9:5064>, <sip:10.0.0.50;lr>", ""), ["1 sip:10.0.0.50;lr"]);
  assert.deepEqual(await destinationAfterLooseRoute("<sip:127.0.0.1;lr;received=sip:10.0.0.9:5064>", ""), ["1 <null>"]);
});

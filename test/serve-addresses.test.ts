/**
 * Where `serve` listens and sends: the listen address (--listen or the script's first UDP socket),
 * a request's next hop (URI or `[proto:]host:port`, maddr, UDP only, no DNS) and a reply's
 * destination from its top Via (received, rport).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as rt from "../runtime/index.ts";
import { replyDestination, requestDestination } from "../runtime/env/udp-destination.ts";
import { chooseListenAddress, scriptOnSocket } from "../runtime/env/udp-listen.ts";
import { parseVia } from "../runtime/sip/via.ts";
import { scriptOf } from "./support/runtime-harness.ts";

function scriptWith(sockets: rt.ScriptSocket[]): rt.Script {
  return scriptOf({}, { sockets });
}
const tcp: rt.ScriptSocket = { proto: "tcp", host: "10.0.0.1", port: 5060, text: "tcp:10.0.0.1:5060" };
const udp: rt.ScriptSocket = { proto: "udp", host: "10.0.0.1", port: 5070, text: "udp:10.0.0.1:5070" };

test("the listen address is the script's first UDP socket unless --listen names one", () => {
  assert.deepEqual(chooseListenAddress(scriptWith([tcp, udp])), { ok: true, address: { ip: "10.0.0.1", port: 5070, family: "udp4" } });
  const bare = { proto: null, host: "::1", port: null, text: "[::1]" };
  assert.deepEqual(chooseListenAddress(scriptWith([bare])), { ok: true, address: { ip: "::1", port: 5060, family: "udp6" } });
  assert.deepEqual(chooseListenAddress(scriptWith([udp]), "udp:127.0.0.1:0"), { ok: true, address: { ip: "127.0.0.1", port: 0, family: "udp4" } });
  assert.deepEqual(chooseListenAddress(scriptWith([]), "localhost"), { ok: true, address: { ip: "127.0.0.1", port: 5060, family: "udp4" } });
  assert.deepEqual(chooseListenAddress(scriptWith([]), "localhost:5090"), { ok: true, address: { ip: "127.0.0.1", port: 5090, family: "udp4" } });
  assert.deepEqual(chooseListenAddress(scriptWith([]), "[::1]:5080"), { ok: true, address: { ip: "::1", port: 5080, family: "udp6" } });
});

test("a listen address that cannot be served is an error message, not an exception", () => {
  const errors = [
    chooseListenAddress(scriptWith([tcp])),
    chooseListenAddress(scriptWith([]), "tcp:127.0.0.1:5060"),
    chooseListenAddress(scriptWith([]), "sip.example.com:5060"),
    chooseListenAddress(scriptWith([]), "0.0.0.0:5060"),
    chooseListenAddress(scriptWith([]), "127.0.0.1:99999"),
  ].map((c) => (c.ok ? "accepted" : c.error));
  assert.deepEqual(errors, [
    "the script has no UDP socket: add socket=udp:IP:PORT or pass --listen IP:PORT",
    "--listen tcp:127.0.0.1:5060: tcp is not served (UDP only)",
    '--listen sip.example.com:5060: cannot resolve "sip.example.com": only IP addresses and localhost are served (no DNS)',
    "--listen 0.0.0.0:5060: listen on a concrete address, not 0.0.0.0: it goes into the proxy's Via",
    "--listen 127.0.0.1:99999: not [udp:]host[:port]",
  ]);
});

test("the served socket comes first in the script the engine sees, replacing the one it was chosen from", () => {
  const served = scriptOnSocket(scriptWith([tcp, udp]), { ip: "127.0.0.1", port: 40000, family: "udp4" });
  assert.deepEqual(served.sockets, [{ proto: "udp", host: "127.0.0.1", port: 40000, text: "udp:127.0.0.1:40000" }, tcp]);
  const v6 = scriptOnSocket(scriptWith([]), { ip: "::1", port: 5060, family: "udp6" });
  assert.equal(v6.sockets[0]!.host, "[::1]");
});

test("a request goes to the maddr, else the host of its next-hop URI, at its port or 5060", () => {
  const sent = (dst: string, family: "udp4" | "udp6" = "udp4") => {
    const r = requestDestination(dst, family);
    return r.ok ? `${r.address.ip}:${r.address.port}` : r.error;
  };
  assert.equal(sent("sip:bob@10.0.0.2"), "10.0.0.2:5060");
  assert.equal(sent("sip:bob@10.0.0.2:5070;transport=UDP"), "10.0.0.2:5070");
  assert.equal(sent("sip:bob@10.0.0.2;maddr=10.0.0.9"), "10.0.0.9:5060");
  assert.equal(sent("sip:bob@localhost:5080"), "127.0.0.1:5080");
  assert.equal(sent("sip:bob@[::1]:5080", "udp6"), "::1:5080");
  assert.equal(sent("udp:10.0.0.7:5080"), "10.0.0.7:5080");
  assert.equal(sent("10.0.0.7"), "10.0.0.7:5060");
  assert.equal(sent("localhost:5090"), "127.0.0.1:5090");
});

test("a next hop that needs DNS, another transport or another address family is refused with the reason", () => {
  const refused = (dst: string) => {
    const r = requestDestination(dst, "udp4");
    return r.ok ? "sent" : r.error;
  };
  assert.equal(refused("sip:bob@example.com"), 'cannot resolve "example.com": only IP addresses and localhost are served (no DNS)');
  assert.equal(refused("sip:bob@10.0.0.2;transport=tcp"), 'cannot send to "sip:bob@10.0.0.2;transport=tcp": transport tcp is not served (UDP only)');
  assert.equal(refused("sips:bob@10.0.0.2"), 'cannot send to "sips:bob@10.0.0.2": only sip: URIs over UDP are served');
  assert.equal(refused("tel:+15551234"), 'cannot send to "tel:+15551234": not a SIP URI with a host');
  assert.equal(refused("tls:10.0.0.7:5061"), 'cannot send to "tls:10.0.0.7:5061": tls is not served (UDP only)');
  assert.equal(refused("sip:bob@[2001:db8::1]"), "cannot reach [2001:db8::1] from an IPv4 socket");
  assert.equal(refused("not a destination"), 'cannot send to "not a destination": not [udp:]host[:port]');
});

test("a reply goes to the Via's received address and rport, else its sent-by", () => {
  const back = (via: string) => {
    const r = replyDestination(parseVia(via)!, "udp4");
    return r.ok ? `${r.address.ip}:${r.address.port}` : r.error;
  };
  assert.equal(back("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK1"), "10.0.0.1:5062");
  assert.equal(back("SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1"), "10.0.0.1:5060");
  assert.equal(back("SIP/2.0/UDP phone.local:5062;received=192.0.2.4;branch=z9hG4bK1"), "192.0.2.4:5062");
  assert.equal(back("SIP/2.0/UDP 10.0.0.1:5062;received=192.0.2.4;branch=z9hG4bK1;rport=40123"), "192.0.2.4:40123");
  assert.equal(back("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK1;rport"), "10.0.0.1:5062");
  assert.equal(back("SIP/2.0/TCP 10.0.0.1:5062;branch=z9hG4bK1"), "cannot send a reply over TCP (UDP only)");
  assert.equal(back("SIP/2.0/UDP phone.local:5062;branch=z9hG4bK1"), 'cannot resolve "phone.local": only IP addresses and localhost are served (no DNS)');
});

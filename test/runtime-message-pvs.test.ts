/** Message pseudo-variables (spec §8.3) over the SIP message model, writable ones included, and time PVs. */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as rt from "../runtime/index.ts";
import { engineFor, request, route, scriptOf, SOURCE } from "./support/runtime-harness.ts";

async function read(names: [string, string?][], raw = request("INVITE", { headers: "Contact: <sip:a@10.0.0.7>, <sip:b@10.0.0.8>\r\nX-Twice: one\r\nX-Twice: two\r\n" })) {
  const pvs = names.map(([name, arg]) => rt.pv.core(name, arg));
  let values: rt.Value[] = [];
  const { engine } = await engineFor(scriptOf({ request: { "": route((ctx) => (values = pvs.map((p) => p.get(ctx)))) } }));
  await engine.handleRequest(raw, SOURCE);
  return values;
}

test("request line, From/To, headers and transport PVs", async () => {
  const values = await read([
    ["ru"], ["rU"], ["rd"], ["rp"], ["rm"], ["fu"], ["fU"], ["fd"], ["fn"], ["ft"], ["tu"], ["tU"], ["tt"],
    ["ci"], ["cs"], ["cl"], ["si"], ["sp"], ["pr"], ["hdr", "X-Twice"], ["hdrcnt", "x-twice"], ["ct"], ["ml"], ["rs"], ["ou"], ["du"],
  ]);
  assert.deepEqual(values.slice(0, 13), [
    "sip:bob@example.org", "bob", "example.org", 5060, "INVITE", "sip:alice@atlanta.org:5070", "alice", "atlanta.org",
    '"Alice"', "1928301774", "sip:bob@example.org", "bob", null,
  ]);
  assert.deepEqual(values.slice(13, 22), ["a84b4c76e66710", "314159", 0, "10.0.0.7", 5062, "udp", "one", 2, "<sip:a@10.0.0.7>"]);
  assert.equal(typeof values[22], "number");
  assert.deepEqual(values.slice(23), [null, "sip:bob@example.org", null]);
});

test("indexed headers and contacts; [*] joins with \", \"", async () => {
  const twice = rt.pv.core("hdr", "X-Twice");
  const ct = rt.pv.core("ct");
  let values: rt.Value[] = [];
  const main = route((ctx) => {
    values = [
      rt.pv.indexed(twice, 1).get(ctx),
      rt.pv.indexed(twice, -1).get(ctx),
      rt.pv.indexed(twice, "*").get(ctx),
      rt.pv.indexed(ct, 1).get(ctx),
      rt.pv.indexed(twice, 2).get(ctx),
    ];
  });
  const { engine } = await engineFor(scriptOf({ request: { "": main } }));
  await engine.handleRequest(request("INVITE", { headers: "Contact: <sip:a@x>, <sip:b@y>\r\nX-Twice: one\r\nX-Twice: two\r\n" }), SOURCE);
  assert.deepEqual(values, ["two", "two", "one, two", "<sip:b@y>", null]);
});

test("writable PVs: $ru parts and $du; read-only ones refuse; $ou keeps the received R-URI", async () => {
  const seen: rt.Value[] = [];
  const main = route((ctx) => {
    const ru = rt.pv.core("ru");
    seen.push(rt.pv.core("rU").assign(ctx, "=", "carol"), rt.pv.core("rd").assign(ctx, "=", "c.org"), rt.pv.core("rp").assign(ctx, "=", 5080));
    seen.push(ru.get(ctx), rt.pv.core("ou").get(ctx));
    seen.push(rt.pv.core("rp").assign(ctx, "=", "nope"), rt.pv.core("rU").assign(ctx, "+=", "x"), ru.get(ctx));
    seen.push(rt.pv.core("dd").assign(ctx, "=", "proxy.net"), rt.pv.core("dp").assign(ctx, "=", 5070), rt.pv.core("du").get(ctx));
    seen.push(rt.pv.core("du").assign(ctx, "=", null), rt.pv.core("du").get(ctx));
    seen.push(rt.pv.core("rm").assign(ctx, "=", "BYE"), rt.pv.core("rm").get(ctx));
    seen.push(rt.pv.core("ru").assign(ctx, "=", "not a uri"), ru.get(ctx));
  });
  const { engine, env } = await engineFor(scriptOf({ request: { "": main } }));
  await engine.handleRequest(request("INVITE"), SOURCE);
  assert.deepEqual(seen, [
    1, 1, 1, "sip:carol@c.org:5080", "sip:bob@example.org",
    -1, 1, "sip:carolx@c.org:5080",
    1, 1, "sip:proxy.net:5070",
    1, null,
    -1, "INVITE",
    -1, "sip:carolx@c.org:5080",
  ]);
  assert.ok(env.events.some((e) => e.event === "log" && e.text.includes("$rm is read-only")));
});

test("transformations through rt.tr; an unknown one throws NotSupported when used", async () => {
  let values: rt.Value[] = [];
  const user = rt.pv.transformed(rt.pv.core("ru"), [rt.tr("uri", "user", []), rt.tr("s", "len", [])]);
  const bogus = rt.pv.transformed(rt.pv.core("ru"), [rt.tr("s", "bogus", [])]);
  const main = route((ctx) => {
    values = [user.get(ctx), rt.pv.transformed(rt.pv.core("fu"), [rt.tr("uri", "param", ["x"])]).get(ctx)];
    bogus.get(ctx);
  });
  const { engine, env } = await engineFor(scriptOf({ request: { "": main } }));
  const result = await engine.handleRequest(request("OPTIONS", { ruri: "sip:alice@h;x=1" }), SOURCE);
  assert.deepEqual(values, [5, null]);
  assert.equal(result.status, "failed");
  assert.deepEqual(env.events.at(-1), { msg: 1, event: "error", text: "not supported by the runtime: transformation {s.bogus}" });
});

test("time PVs read the environment's clock; $pp is the worker's pid", async () => {
  const values = await read([["Ts"], ["Tsm"], ["time", "%Y|%j|%s"], ["pp"], ["TS"]]);
  assert.deepEqual(values.slice(0, 2), [1_700_000_000, 123_000]);
  assert.equal(values[2], `${new Date(1_700_000_000_123).getFullYear()}|${values[2]!.toString().split("|")[1]}|1700000000`);
  assert.deepEqual(values.slice(3), [4000, 1_700_000_000]);
});

test("$(<request>pv) reads the transaction's request; without a transaction it is NULL", async () => {
  let value: rt.Value = "unset";
  const main = route((ctx) => (value = rt.pv.context("request", rt.pv.core("ru")).get(ctx)));
  const { engine } = await engineFor(scriptOf({ request: { "": main } }));
  await engine.handleRequest(request("OPTIONS"), SOURCE);
  assert.equal(value, null);
});

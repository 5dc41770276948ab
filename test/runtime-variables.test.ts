/**
 * Variables: AVP stacks (spec §8.5, the whole example block), `$var` per worker (§8.4), `$shv`,
 * `$param` per call level and `$return` (§5.7, §5.8), `$route*`, flags.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as rt from "../runtime/index.ts";
import { engineFor, logTexts, request, route, scriptOf, SOURCE, xlog } from "./support/runtime-harness.ts";

const c = rt.pv.avp("c");
const cAll = rt.pv.indexed(c, "*");
const cAt = (i: number) => rt.pv.indexed(c, i);

test("§8.5 the AVP example block", async () => {
  const seen: rt.Value[] = [];
  const k = rt.pv.avp("k");
  const t = rt.pv.avp("t");
  const main = route((ctx) => {
    c.assign(ctx, "=", "red");
    c.assign(ctx, "=", "green");
    c.assign(ctx, "=", 7);
    seen.push(c.get(ctx), cAt(1).get(ctx), cAt(-1).get(ctx), cAll.get(ctx), cAt(9).get(ctx));
    rt.pv.indexed(c, "append").assign(ctx, "=", "blue");
    seen.push(cAll.get(ctx));
    cAt(1).assign(ctx, "=", "GREEN");
    seen.push(cAll.get(ctx));
    c.assign(ctx, "=", null);
    seen.push(cAll.get(ctx));
    cAt(-1).assign(ctx, "=", null);
    seen.push(cAll.get(ctx));
    c.assign(ctx, ":=", "solo");
    seen.push(cAll.get(ctx));
    cAll.assign(ctx, "=", "all");
    seen.push(cAll.get(ctx));
    c.assign(ctx, ":=", null);
    seen.push(rt.cmp.eq(c.get(ctx), null));
    k.assign(ctx, "=", 5);
    k.assign(ctx, "=", 6);
    k.assign(ctx, "+=", 100);
    seen.push(rt.pv.indexed(k, "*").get(ctx));
    t.assign(ctx, "=", "x");
    t.assign(ctx, "=", "y");
    t.assign(ctx, "=", rt.pv.var("unset").get(ctx));
    seen.push(rt.pv.indexed(t, "*").get(ctx));
  });
  const { engine } = await engineFor(scriptOf({ request: { "": main } }));
  await engine.handleRequest(request("OPTIONS"), SOURCE);
  assert.deepEqual(seen, [
    7,
    "green",
    "red",
    "7, green, red",
    null,
    "7, green, red, blue",
    "7, GREEN, red, blue",
    "GREEN, red, blue",
    "GREEN, red",
    "solo",
    "all",
    1,
    "106, 6, 5",
    "x",
  ]);
});

test("§5.6 indexed AVP forms: := on an index fails after clearing, dynamic names and indexes, for-each order", async () => {
  const seen: unknown[] = [];
  const name = rt.pv.var("n");
  const dyn = rt.pv.avp(name);
  const i = rt.pv.var("i");
  const main = route((ctx) => {
    name.assign(ctx, "=", "list");
    dyn.assign(ctx, "=", "a");
    dyn.assign(ctx, "=", "b");
    dyn.assign(ctx, "=", "c");
    i.assign(ctx, "=", 2);
    seen.push(rt.pv.indexed(rt.pv.avp("list"), i).get(ctx));
    seen.push([...rt.each(ctx, rt.pv.indexed(dyn, "*"))]);
    seen.push([...rt.each(ctx, dyn)]);
    seen.push(rt.pv.indexed(dyn, 0).assign(ctx, ":=", "z"), rt.pv.indexed(dyn, "*").get(ctx));
    seen.push(rt.pv.indexed(dyn, 5).assign(ctx, "=", "q"));
  });
  const { engine, env } = await engineFor(scriptOf({ request: { "": main } }));
  await engine.handleRequest(request("OPTIONS"), SOURCE);
  assert.deepEqual(seen, ["a", ["c", "b", "a"], [], -1, null, -1]);
  assert.equal(logTexts(env).filter((l) => l.includes("[*]")).length, 1);
});

test("§8.4 $var keeps its value across messages of the same worker; unset reads NULL", async () => {
  const x = rt.pv.var("x");
  const seen: rt.Value[] = [];
  const main = route((ctx) => {
    seen.push(x.get(ctx));
    x.assign(ctx, "=", rt.op.add(ctx, x.get(ctx) ?? 0, 1, true));
  });
  const { engine } = await engineFor(scriptOf({ request: { "": main } }));
  for (let n = 0; n < 3; n++) await engine.handleRequest(request("OPTIONS"), SOURCE);
  assert.deepEqual(seen, [null, 1, 2]);
});

test("§8.4 each worker has its own $vars; $shv is shared and reads 0 when never assigned", async () => {
  const x = rt.pv.var("x");
  const counter = rt.pv.shv("counter");
  const seen: rt.Value[][] = [];
  const main = route((ctx) => {
    seen.push([x.get(ctx), counter.get(ctx)]);
    x.assign(ctx, "=", "set");
    counter.assign(ctx, "+=", 1);
  });
  const { engine } = await engineFor(scriptOf({ request: { "": main } }), { workers: 2 });
  for (let n = 0; n < 3; n++) await engine.handleRequest(request("OPTIONS"), SOURCE);
  assert.deepEqual(seen, [
    [null, 0],
    [null, 1],
    ["set", 2],
  ]);
});

test("§5.7 $param per call level, §5.8 $return of the last finished route, $route names", async () => {
  const seen: rt.Value[] = [];
  function* inner(ctx: rt.Ctx): rt.RouteGen {
    seen.push(rt.pv.param(1).get(ctx), rt.pv.core("route").get(ctx), rt.pv.core("route.name").get(ctx));
    return rt.ret(ctx, 3, ["r0", 7]);
  }
  function* outer(ctx: rt.Ctx): rt.RouteGen {
    seen.push(rt.pv.param(1).get(ctx), rt.pv.param(2).get(ctx), rt.pv.param(3).get(ctx));
    rt.action(ctx, yield* rt.callRoute(ctx, inner, []));
    if (ctx.exited) return 0;
    seen.push(ctx.rc, rt.pv.core("return", "0").get(ctx), rt.pv.core("return", "1").get(ctx), rt.pv.core("return", "2").get(ctx));
    seen.push(rt.pv.indexed(rt.pv.core("route"), "*").get(ctx), rt.pv.core("route.type").get(ctx));
    return ctx.rc;
  }
  function* main(ctx: rt.Ctx): rt.RouteGen {
    rt.action(ctx, yield* rt.callRoute(ctx, outer, ["a", 2]));
    if (ctx.exited) return 0;
    seen.push(rt.pv.param(1).get(ctx), rt.pv.core("route").get(ctx));
    return ctx.rc;
  }
  const { engine } = await engineFor(scriptOf({ request: { "": main, outer, inner } }));
  await engine.handleRequest(request("OPTIONS"), SOURCE);
  assert.deepEqual(seen, ["a", 2, null, null, "route[inner]", "inner", 3, "r0", 7, null, "route[outer], route", "request_route", null, "route"]);
});

test("§5.8 return code of a PV: its integer, 1 for a string, -1 for NULL; a route without return gives its last code", async () => {
  const codes: number[] = [];
  const value = rt.pv.var("v");
  function* sub(ctx: rt.Ctx): rt.RouteGen {
    return rt.ret(ctx, value.get(ctx), []);
  }
  const last = route((ctx) => {
    ctx.rc = -5;
  });
  function* main(ctx: rt.Ctx): rt.RouteGen {
    for (const v of [4, "abc", null, { int: -2, text: "-2x" }]) {
      value.assign(ctx, "=", v);
      codes.push(rt.action(ctx, yield* rt.callRoute(ctx, sub, [])));
    }
    codes.push(rt.action(ctx, yield* rt.callRoute(ctx, last, [])));
    return ctx.rc;
  }
  const { engine } = await engineFor(scriptOf({ request: { "": main, sub, last } }));
  await engine.handleRequest(request("OPTIONS"), SOURCE);
  assert.deepEqual(codes, [4, 1, -1, -2, -5]);
});

test("flags: setflag/isflagset by name and number, $msg.flag prints true/false and can be assigned, $mf lists them", async () => {
  const setflag = rt.fn("setflag", "t:1");
  const isflagset = rt.fn("isflagset", "t:2");
  const resetflag = rt.fn("resetflag", "t:3");
  const nat = rt.pv.core("msg.flag", "NAT");
  const seen: rt.Value[] = [];
  const main = route((ctx) => {
    seen.push(rt.action(ctx, isflagset(ctx, ["NAT"])));
    setflag(ctx, ["NAT"]);
    setflag(ctx, ["7"]);
    seen.push(rt.action(ctx, isflagset(ctx, ["NAT"])), rt.format([nat]).render(ctx), rt.pv.core("mf").get(ctx));
    resetflag(ctx, ["NAT"]);
    seen.push(rt.format([nat]).render(ctx));
    nat.assign(ctx, "=", 1);
    seen.push(rt.action(ctx, isflagset(ctx, ["NAT"])));
  });
  const { engine } = await engineFor(scriptOf({ request: { "": main } }));
  await engine.handleRequest(request("OPTIONS"), SOURCE);
  assert.deepEqual(seen, [-1, 1, "true", "NAT 7", "false", 1]);
});

test("xlog renders PVs and NULL as <null>, honours levels; format strings expand $var", async () => {
  const main = route((ctx) => {
    rt.pv.var("who").assign(ctx, "=", "alice");
    xlog(ctx, "hello ", rt.pv.var("who"), " ", rt.pv.var("nobody"));
    rt.fn("xlog", "t:2")(ctx, ["L_ERR", "bad\n"]);
    rt.fn("xlog", "t:3")(ctx, ["L_DBG", "hidden\n"]);
    rt.fn("xlog", "t:4")(ctx, ["L_BOGUS", "x\n"]);
  });
  const { engine, env } = await engineFor(scriptOf({ request: { "": main } }, { globals: [{ name: "log_level", value: 3 }] }));
  await engine.handleRequest(request("OPTIONS"), SOURCE);
  assert.deepEqual(
    env.events.filter((e) => e.event === "log"),
    [
      { msg: 1, event: "log", level: "NOTICE", text: "hello alice <null>" },
      { msg: 1, event: "log", level: "ERROR", text: "bad" },
      { msg: 1, event: "log", level: "ERROR", text: 'ERROR:xlog: invalid log level "L_BOGUS"' },
    ],
  );
});

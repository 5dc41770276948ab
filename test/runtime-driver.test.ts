/**
 * The driver (spec §4.2, §6.5, §10): exit unwinding, async suspending the whole call chain, resume
 * routes (nested, inline, failing, timing out), `$var` versus AVPs across a suspension, launch
 * with a report route, and a thousand concurrent suspended transactions.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as rt from "../runtime/index.ts";
import { pvArg, textArg, intArg } from "../runtime/args.ts";
import { engineFor, logTexts, request, route, scriptOf, SOURCE } from "./support/runtime-harness.ts";

/**
 * `fetch(id, delayMs, mode, $out)`: an async backend for the tests. Modes: `ok` (code 1, $out =
 * "value-<id>"), `fail` (the I/O rejects), `hang` (never answers), `sync` (done without I/O,
 * code 2), `throw` (fails to start).
 */
const testio: rt.ModuleImpl = {
  name: "testio",
  functions: new Map<string, rt.FunctionImpl>([
    [
      "fetch",
      {
        call(ctx, args) {
          pvArg(args[3])?.assign(ctx, "=", `blocking-${textArg(args[0])}`);
          return 3;
        },
        start(_ctx, args) {
          const id = textArg(args[0]);
          const out = pvArg(args[3]);
          const write = (c: rt.Ctx) => out?.assign(c, "=", `value-${id}`);
          switch (textArg(args[2])) {
            case "sync":
              return { code: 2, write };
            case "throw":
              throw new Error("cannot connect");
            case "hang":
              return new Promise<number>(() => {});
            case "fail":
              return new Promise<number>((_, reject) => setTimeout(() => reject(new Error("backend down")), intArg(args[1]) ?? 0));
            default:
              return new Promise<rt.AsyncDone>((resolve) => setTimeout(() => resolve({ code: 1, write }), intArg(args[1]) ?? 0));
          }
        },
        timeoutCode: -3,
      },
    ],
  ]),
};

const fetch = rt.fn("fetch", "test.cfg:10");
const out = rt.pv.var("out");
const avpOut = rt.pv.avp("out");
const options = { modules: [testio] };
const loaded = { modules: ["testio"] };

test("§4.2 exit and return(0) unwind every enclosing route; return(N) only the current one", async () => {
  const seen: string[] = [];
  function* deepest(ctx: rt.Ctx): rt.RouteGen {
    seen.push("deepest");
    return rt.ret(ctx, 0, []);
  }
  function* middle(ctx: rt.Ctx): rt.RouteGen {
    for (let i = 0; i < 3; i++) {
      rt.action(ctx, yield* rt.callRoute(ctx, deepest, []));
      if (ctx.exited) return 0;
      seen.push("after deepest");
    }
    return ctx.rc;
  }
  function* early(ctx: rt.Ctx): rt.RouteGen {
    return rt.ret(ctx, -2, []);
  }
  function* main(ctx: rt.Ctx): rt.RouteGen {
    rt.action(ctx, yield* rt.callRoute(ctx, early, []));
    if (ctx.exited) return 0;
    seen.push(`early gave ${ctx.rc}`);
    rt.action(ctx, yield* rt.callRoute(ctx, middle, []));
    if (ctx.exited) return 0;
    seen.push("after middle");
    return ctx.rc;
  }
  const { engine } = await engineFor(scriptOf({ request: { "": main, middle, deepest, early } }));
  assert.equal((await engine.handleRequest(request("OPTIONS"), SOURCE)).status, "finished");
  assert.deepEqual(seen, ["early gave -2", "deepest"]);
});

test("§6.5 a function returning 0 stops the script; drop is traced", async () => {
  const seen: string[] = [];
  const zero: rt.ModuleImpl = { name: "zero", functions: new Map([["stop_here", { call: () => 0 }]]) };
  const stopHere = rt.fn("stop_here", "t:1");
  function* sub(ctx: rt.Ctx): rt.RouteGen {
    if ((rt.action(ctx, stopHere(ctx, [])) > 0 ? 1 : 0) > 0) seen.push("then");
    if (ctx.exited) return 0;
    seen.push("after");
    return ctx.rc;
  }
  function* main(ctx: rt.Ctx): rt.RouteGen {
    rt.action(ctx, yield* rt.callRoute(ctx, sub, []));
    if (ctx.exited) return rt.drop(ctx);
    return ctx.rc;
  }
  const { engine, env } = await engineFor(scriptOf({ request: { "": main, sub } }, { modules: ["zero"] }), { modules: [zero] });
  await engine.handleRequest(request("OPTIONS"), SOURCE);
  assert.deepEqual(seen, []);
  assert.deepEqual(env.events.at(-1), { msg: 1, event: "drop" });
});

test("§10.1 async in a sub-route ends the caller too; the resume route gets $rc, outputs and the AVPs; INVITE gets 100", async () => {
  const seen: string[] = [];
  const uid = rt.pv.avp("uid");
  function* resume(ctx: rt.Ctx): rt.RouteGen {
    seen.push(`resume rc=${ctx.rc} out=${rt.format([avpOut]).render(ctx)} uid=${rt.format([uid]).render(ctx)} param=${rt.format([rt.pv.param(1)]).render(ctx)}`);
    return ctx.rc;
  }
  function* sub(ctx: rt.Ctx): rt.RouteGen {
    uid.assign(ctx, "=", "alice");
    yield rt.suspend(ctx, fetch, ["7", 5, "ok", avpOut], resume, 2);
    return rt.exit(ctx);
  }
  function* main(ctx: rt.Ctx): rt.RouteGen {
    rt.action(ctx, yield* rt.callRoute(ctx, sub, ["p1"]));
    if (ctx.exited) return 0;
    seen.push("caller continued");
    return ctx.rc;
  }
  // tm sends the 100 when async() creates the INVITE's transaction.
  const { engine, env } = await engineFor(scriptOf({ request: { "": main, sub, resume } }, { modules: ["testio", "tm"] }), options);
  const result = await engine.handleRequest(request("INVITE"), SOURCE);
  assert.equal(result.status, "suspended");
  assert.deepEqual(seen, []);
  await engine.idle();
  assert.deepEqual(seen, ["resume rc=1 out=value-7 uid=alice param=<null>"]);
  assert.deepEqual(
    env.events.map((e) => e.event),
    ["route", "route", "reply", "suspend", "resume", "route"],
  );
  assert.deepEqual(env.events[2], { msg: 1, event: "reply", code: 100, reason: "Giving it a try" });
  assert.deepEqual(env.events[4], { msg: 1, event: "resume", route: "resume", rc: 1 });
});

test("§10.1 nested async in a resume route; completion without I/O and start failures resume inline", async () => {
  const seen: string[] = [];
  function* second(ctx: rt.Ctx): rt.RouteGen {
    seen.push(`second rc=${ctx.rc} out=${rt.format([out]).render(ctx)}`);
    yield rt.suspend(ctx, fetch, ["3", 0, "throw", out], third);
    return rt.exit(ctx);
  }
  function* third(ctx: rt.Ctx): rt.RouteGen {
    seen.push(`third rc=${ctx.rc}`);
    yield rt.suspend(ctx, fetch, ["4", 0, "sync", out], fourth);
    return rt.exit(ctx);
  }
  function* fourth(ctx: rt.Ctx): rt.RouteGen {
    seen.push(`fourth rc=${ctx.rc} out=${rt.format([out]).render(ctx)}`);
    return 1;
  }
  function* first(ctx: rt.Ctx): rt.RouteGen {
    seen.push(`first rc=${ctx.rc}`);
    yield rt.suspend(ctx, fetch, ["2", 3, "ok", out], second);
    return rt.exit(ctx);
  }
  function* main(ctx: rt.Ctx): rt.RouteGen {
    yield rt.suspend(ctx, fetch, ["1", 3, "ok", out], first);
    return rt.exit(ctx);
  }
  const { engine, env } = await engineFor(scriptOf({ request: { "": main, first, second, third, fourth } }, loaded), options);
  assert.equal((await engine.handleRequest(request("MESSAGE"), SOURCE)).status, "suspended");
  await engine.idle();
  assert.deepEqual(seen, ["first rc=1", "second rc=1 out=value-2", "third rc=-1", "fourth rc=2 out=value-4"]);
  assert.equal(env.events.filter((e) => e.event === "suspend").length, 2);
  assert.ok(logTexts(env).some((l) => l.includes("failed to start: cannot connect")));
});

test("§10.2 the resume route sees the worker's current $var, overwritten by a later message, and its own AVPs", async () => {
  const seen: string[] = [];
  const who = rt.pv.var("who");
  const mine = rt.pv.avp("mine");
  function* resume(ctx: rt.Ctx): rt.RouteGen {
    seen.push(`${rt.format([rt.pv.core("ci")]).render(ctx)}: var=${rt.format([who]).render(ctx)} avp=${rt.format([rt.pv.indexed(mine, "*")]).render(ctx)}`);
    return 1;
  }
  function* main(ctx: rt.Ctx): rt.RouteGen {
    ctx.rc = who.assign(ctx, "=", rt.pv.core("ci").get(ctx));
    ctx.rc = mine.assign(ctx, "=", rt.pv.core("ci").get(ctx));
    yield rt.suspend(ctx, fetch, ["x", rt.pv.core("ci").get(ctx) === "first" ? 20 : 1, "ok", out], resume);
    return rt.exit(ctx);
  }
  const { engine } = await engineFor(scriptOf({ request: { "": main, resume } }, loaded), options);
  await engine.handleRequest(request("MESSAGE", { callId: "first" }), SOURCE);
  await engine.handleRequest(request("MESSAGE", { callId: "second" }), SOURCE);
  await engine.idle();
  assert.deepEqual(seen, ["second: var=second avp=second", "first: var=second avp=first"]);
});

test("§4.4 in a route kind that cannot suspend, the function runs blocking and the resume route inline", async () => {
  const seen: string[] = [];
  function* resume(ctx: rt.Ctx): rt.RouteGen {
    seen.push(`resume rc=${ctx.rc} out=${rt.format([out]).render(ctx)} type=${rt.format([rt.pv.core("route.type")]).render(ctx)}`);
    return 1;
  }
  function* startup(ctx: rt.Ctx): rt.RouteGen {
    yield rt.suspend(ctx, fetch, ["s", 0, "ok", out], resume);
    return rt.exit(ctx);
  }
  const { env } = await engineFor(scriptOf({ request: { resume }, startup }, loaded), options);
  assert.deepEqual(seen, ["resume rc=3 out=blocking-s type=startup_route"]);
  assert.ok(logTexts(env).some((l) => l.includes("cannot suspend in a startup route")));
});

test("§10.3 launch returns 1 at once; the report route runs on a dummy message with $rc, outputs and $param(1)", async () => {
  const seen: string[] = [];
  const keep = rt.pv.avp("keep");
  function* report(ctx: rt.Ctx): rt.RouteGen {
    const f = rt.format(["rc=", rt.pv.core("rc"), " rm=", rt.pv.core("rm"), " ru=", rt.pv.core("ru"), " p=", rt.pv.param(1), " out=", out, " keep=", keep]);
    seen.push(`report ${f.render(ctx)}`);
    return 1;
  }
  const param = rt.format(["id=", rt.pv.core("ci")]);
  const main = route((ctx) => {
    keep.assign(ctx, "=", "request-avp");
    ctx.rc = rt.launch(ctx, fetch, ["L", 2, "ok", out], report, param.render(ctx));
    seen.push(`launched ${ctx.rc}`);
    ctx.rc = rt.launch(ctx, fetch, ["N", 0, "sync", out], report, null);
    seen.push(`sync ${ctx.rc} out=${rt.format([out]).render(ctx)}`);
  });
  const { engine } = await engineFor(scriptOf({ request: { "": main, report } }, loaded), options);
  assert.equal((await engine.handleRequest(request("OPTIONS", { callId: "c9" }), SOURCE)).status, "finished");
  assert.deepEqual(seen, ["launched 1", "sync 1 out=value-N"]);
  await engine.idle();
  assert.deepEqual(seen.at(-1), "report rc=1 rm=DUMMY ru=sip:user@dummy.com p=id=c9 out=value-L keep=<null>");
});

test("an unimplemented function fails the run with a NotSupported error event", async () => {
  const missing = rt.fn("t_relay", "test.cfg:42");
  const main = route((ctx) => {
    rt.action(ctx, missing(ctx, []));
  });
  const { engine, env } = await engineFor(scriptOf({ request: { "": main } }));
  const result = await engine.handleRequest(request("OPTIONS"), SOURCE);
  assert.equal(result.status, "failed");
  assert.deepEqual(env.events.at(-1), { msg: 1, event: "error", text: "not supported by the runtime: t_relay at test.cfg:42" });
});

test("1,000 concurrent suspended transactions, a quarter failing and a quarter timing out: each resumes once with its $rc and AVPs", async () => {
  const results = new Map<string, string>();
  const id = rt.pv.avp("id");
  function* resume(ctx: rt.Ctx): rt.RouteGen {
    const key = rt.format([id]).render(ctx);
    assert.equal(results.has(key), false);
    results.set(key, `${ctx.rc} ${rt.format([avpOut]).render(ctx)}`);
    return 1;
  }
  function* main(ctx: rt.Ctx): rt.RouteGen {
    const n = Number(rt.pv.core("ci").get(ctx));
    ctx.rc = id.assign(ctx, "=", rt.pv.core("ci").get(ctx));
    const mode = n % 4 === 1 ? "fail" : n % 4 === 3 ? "hang" : "ok";
    yield rt.suspend(ctx, fetch, [String(n), n % 20, mode, avpOut], resume, 0.4);
    return rt.exit(ctx);
  }
  const { engine } = await engineFor(scriptOf({ request: { "": main, resume } }, loaded), options);
  // In batches, letting timers run between them: a loop blocked longer than the timeout would
  // (rightly) time out answers that were due before it.
  for (let batch = 0; batch < 10; batch++) {
    const sent = Array.from({ length: 100 }, (_, i) => engine.handleRequest(request("MESSAGE", { callId: String(batch * 100 + i) }), SOURCE));
    assert.ok((await Promise.all(sent)).every((s) => s.status === "suspended"));
    await new Promise(setImmediate);
  }
  await engine.idle();
  assert.equal(results.size, 1000);
  for (let n = 0; n < 1000; n++) {
    const expected = n % 4 === 1 ? "-1 <null>" : n % 4 === 3 ? "-3 <null>" : `1 value-${n}`;
    assert.equal(results.get(String(n)), expected, `transaction ${n}`);
  }
});

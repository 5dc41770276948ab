/** Core functions (runtime/modules/core*.ts) through `rt.fn` bindings, as emitted code calls them. */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as rt from "../runtime/index.ts";
import { engineFor, logTexts, request, route, scriptOf, SOURCE } from "./support/runtime-harness.ts";

const call = (name: string) => {
  const binding = rt.fn(name, `test.cfg:${name}`);
  return (ctx: rt.Ctx, ...args: rt.Arg[]) => rt.action(ctx, binding(ctx, args));
};

async function run(body: (ctx: rt.Ctx) => void, extra: Parameters<typeof scriptOf>[1] = {}) {
  const { engine, env } = await engineFor(scriptOf({ request: { "": route(body) } }, extra));
  const result = await engine.handleRequest(request("INVITE", { ruri: "sip:+15551234@gw.example.org:5080;user=phone" }), SOURCE);
  return { env, result };
}

test("R-URI rewriting: sethost, setport, setuser, prefix, strip, strip_tail, sethostport, setuserpass, seturi, revert_uri", async () => {
  const seen: rt.Value[] = [];
  const ru = rt.pv.core("ru");
  await run((ctx) => {
    call("strip")(ctx, 2);
    call("prefix")(ctx, "00");
    call("strip_tail")(ctx, 1);
    seen.push(ru.get(ctx));
    call("sethost")(ctx, "h.net");
    call("setport")(ctx, "5099");
    call("setuser")(ctx, "bob");
    seen.push(ru.get(ctx));
    call("sethostport")(ctx, "[2001:db8::1]:5062");
    call("setuserpass")(ctx, "u:pw");
    seen.push(ru.get(ctx));
    seen.push(call("strip")(ctx, 10), call("seturi")(ctx, "mailto:x"), call("setport")(ctx, 70000));
    call("seturi")(ctx, "sip:new@n.org");
    seen.push(ru.get(ctx));
    call("revert_uri")(ctx);
    seen.push(ru.get(ctx));
  });
  assert.deepEqual(seen, [
    "sip:00555123@gw.example.org:5080;user=phone",
    "sip:bob@h.net:5099;user=phone",
    "sip:u:pw@[2001:db8::1]:5062;user=phone",
    -1, -1, -1,
    "sip:new@n.org",
    "sip:+15551234@gw.example.org:5080;user=phone",
  ]);
});

test("destination URI: setdsturi, isdsturiset, resetdsturi", async () => {
  const seen: rt.Value[] = [];
  await run((ctx) => {
    seen.push(call("isdsturiset")(ctx));
    call("setdsturi")(ctx, "sip:10.0.0.9:5070");
    seen.push(call("isdsturiset")(ctx), rt.pv.core("du").get(ctx));
    call("resetdsturi")(ctx);
    seen.push(call("isdsturiset")(ctx), rt.pv.core("du").get(ctx));
  });
  assert.deepEqual(seen, [-1, 1, "sip:10.0.0.9:5070", -1, null]);
});

test("pv_printf writes the rendered format; is_myself and `== myself` check sockets and aliases", async () => {
  const seen: rt.Value[] = [];
  const target = rt.pv.var("t");
  await run(
    (ctx) => {
      seen.push(call("pv_printf")(ctx, target, "user=bob"), target.get(ctx));
      seen.push(call("is_myself")(ctx, "sip:x@127.0.0.1"), call("is_myself")(ctx, "sip:x@127.0.0.1:5070"));
      seen.push(call("is_myself")(ctx, "proxy.example.org"), call("is_myself")(ctx, "other.org"), call("is_myself")(ctx, "127.0.0.1", 5060));
      seen.push(rt.cmp.myself(ctx, "sip:a@PROXY.example.org:5060"), rt.cmp.myself(ctx, null));
    },
    { globals: [{ name: "alias", value: "udp:proxy.example.org:5060" }] },
  );
  assert.deepEqual(seen, [1, "user=bob", 1, -1, 1, -1, 1, 1, 0]);
});

test("forward() relays a copy with the proxy's Via to $du or the R-URI; force_rport stamps rport in replies", async () => {
  const { env } = await run((ctx) => {
    call("force_rport")(ctx);
    call("setdsturi")(ctx, "sip:10.1.1.1:5060");
    call("forward")(ctx);
    call("forward")(ctx, "sip:10.2.2.2");
    ctx.sendReply(404, "Not Here");
  });
  assert.deepEqual(
    env.events.filter((e) => e.event === "relay"),
    [
      { msg: 1, event: "relay", ruri: "sip:+15551234@gw.example.org:5080;user=phone", dst: "sip:10.1.1.1:5060" },
      { msg: 1, event: "relay", ruri: "sip:+15551234@gw.example.org:5080;user=phone", dst: "sip:10.2.2.2" },
    ],
  );
  assert.match(env.requests[0]!.text, /^INVITE [^\r]+\r\nVia: SIP\/2\.0\/UDP 127\.0\.0\.1:5060;branch=z9hG4bK[0-9a-f]+\r\nVia: SIP\/2\.0\/UDP 10\.0\.0\.7/);
  assert.match(env.replies[0]!.text, /Via: SIP\/2\.0\/UDP 10\.0\.0\.7:5062;[^\r]*rport=5062/);
});

test("log levels: log() is not expanded and defaults to DBG; xdbg follows xlog_level; avp_print lists AVPs", async () => {
  const { env } = await run(
    (ctx) => {
      call("log")(ctx, "plain $var(x)\n");
      call("log")(ctx, -1, "as error\n");
      call("xdbg")(ctx, "debugging\n");
      rt.pv.avp("a").assign(ctx, "=", 5);
      rt.pv.avp("a").assign(ctx, "=", "s");
      call("avp_print")(ctx);
    },
    { globals: [{ name: "log_level", value: 4 }, { name: "xlog_level", value: 3 }] },
  );
  assert.deepEqual(logTexts(env), ["plain $var(x)", "as error", "INFO:core:avp_print: name=a str=s", "INFO:core:avp_print: name=a int=5"]);
});

test("branch flags act on branch 0; another branch index fails", async () => {
  const seen: rt.Value[] = [];
  await run((ctx) => {
    seen.push(call("setbflag")(ctx, "NAT_B"), call("isbflagset")(ctx, "NAT_B"), call("isbflagset")(ctx, "NAT_B", 0), rt.pv.core("bf").get(ctx));
    seen.push(call("setbflag")(ctx, "NAT_B", 1), call("resetbflag")(ctx, "NAT_B"), call("isbflagset")(ctx, "NAT_B"));
    seen.push(call("setflag")(ctx, "99"));
  });
  assert.deepEqual(seen, [1, 1, 1, "NAT_B", -1, 1, -1, -1]);
});

test("assert() is inactive by default; with enable_asserts a false condition runs error_route and stops", async () => {
  const seen: string[] = [];
  function* main(ctx: rt.Ctx): rt.RouteGen {
    rt.action(ctx, rt.assertion(ctx, 0, "must hold", "test.cfg:3"));
    if (ctx.exited) return 0;
    seen.push("continued");
    return ctx.rc;
  }
  const errorRoute = route((ctx) => seen.push(`error_route ${rt.pv.core("route.type").get(ctx)}`));
  for (const globals of [[], [{ name: "enable_asserts", value: 1 }]]) {
    const { engine } = await engineFor(scriptOf({ request: { "": main }, error: errorRoute }, { globals }));
    await engine.handleRequest(request("OPTIONS"), SOURCE);
  }
  assert.deepEqual(seen, ["continued", "error_route error_route"]);
});

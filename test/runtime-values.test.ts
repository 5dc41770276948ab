/**
 * Operators (spec §7.2), compound assignment (§5.6), comparisons (§6.2), truthiness (§6.4),
 * `!` (§6.3) and switch labels (§5.3), run inside a real route so warnings reach the trace.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as rt from "../runtime/index.ts";
import { engineFor, logTexts, request, route, scriptOf, SOURCE } from "./support/runtime-harness.ts";

/** Runs `body` in the main route of a fresh engine; returns its result and the log lines. */
async function inRoute<T>(body: (ctx: rt.Ctx) => T): Promise<{ result: T; logs: string[] }> {
  let result: T | undefined;
  const { engine, env } = await engineFor(scriptOf({ request: { "": route((ctx) => (result = body(ctx))) } }));
  await engine.handleRequest(request("OPTIONS"), SOURCE);
  return { result: result as T, logs: logTexts(env) };
}

test("§7.2 int-typed left: integer arithmetic with C semantics", async () => {
  const { result } = await inRoute((ctx) => [
    rt.op.add(ctx, 2, 3, true),
    rt.op.div(ctx, 7, 2, true),
    rt.op.div(ctx, -7, 2, true),
    rt.op.mod(ctx, -7, 3, true),
    rt.op.shl(ctx, 1, 4, true),
    rt.op.shr(ctx, -16, 2, true),
    rt.op.and(ctx, 12, 10, true),
    rt.op.or(ctx, 12, 10, true),
    rt.op.xor(ctx, 12, 10, true),
    rt.op.add(ctx, 2147483647, 1, true),
    rt.op.mul(ctx, 65536, 65536, true),
    rt.op.bitnot(ctx, 0),
    rt.op.add(ctx, { int: 42, text: "42abc" }, 1, true),
  ]);
  assert.deepEqual(result, [5, 3, -3, -1, 16, -4, 8, 14, 6, -2147483648, 0, -1, 43]);
});

test("§7.2 int-typed left with NULL right reads it as 0; division by zero logs and gives 0", async () => {
  const { result, logs } = await inRoute((ctx) => [rt.op.add(ctx, 5, null, false), rt.op.div(ctx, 5, null, false), rt.op.mod(ctx, 5, 0, true)]);
  assert.deepEqual(result, [5, 0, 0]);
  assert.equal(logs.filter((l) => l.includes("by zero")).length, 2);
});

test("§7.2 errors: int + string, string + literal, digit string + 1, NULL + number, string - x", async () => {
  const { result, logs } = await inRoute((ctx) => [
    rt.op.add(ctx, 5, "1", false),
    rt.op.add(ctx, "x", 5, true),
    rt.op.add(ctx, "5", 1, true),
    rt.op.add(ctx, null, 1, true),
    rt.op.sub(ctx, "a", "b", false),
    rt.op.and(ctx, "ab", "abc", false),
    rt.op.bitnot(ctx, "1"),
  ]);
  assert.deepEqual(result, [rt.ERROR, rt.ERROR, rt.ERROR, rt.ERROR, rt.ERROR, rt.ERROR, rt.ERROR]);
  assert.equal(logs.filter((l) => l.startsWith("WARNING")).length, 7);
});

test("§7.2 string left: concatenation with strings and int PVs, NULL leaves it, errors propagate", async () => {
  const { result } = await inRoute((ctx) => [
    rt.op.add(ctx, "x", 5, false),
    rt.op.add(ctx, "a", null, false),
    rt.op.add(ctx, "5", "5", false),
    rt.op.add(ctx, "v=", { int: 42, text: "42abc" }, false),
    rt.op.and(ctx, "ab", "\u0060\u0061", false),
    rt.op.add(ctx, rt.op.add(ctx, "x", 5, true), "y", false),
  ]);
  assert.deepEqual(result, ["x5", "a", "55", "v=42abc", "``", rt.ERROR]);
});

test("§5.6 compound assignment: int op int, string += string, anything else fails and leaves the target", async () => {
  const s = rt.pv.var("s");
  const i = rt.pv.var("i");
  const { result } = await inRoute((ctx) => {
    s.assign(ctx, "=", "a");
    i.assign(ctx, "=", 5);
    const codes = [
      s.assign(ctx, "+=", i.get(ctx)),
      s.assign(ctx, "+=", "b"),
      i.assign(ctx, "*=", 3),
      i.assign(ctx, "+=", "1"),
      i.assign(ctx, "=", rt.op.add(ctx, "x", 1, true)),
      i.assign(ctx, "/=", 0),
    ];
    return { codes, s: s.get(ctx), i: i.get(ctx) };
  });
  assert.deepEqual(result, { codes: [-1, 1, 1, -1, -1, 1], s: "ab", i: 0 });
});

test("§6.2 NULL rules", async () => {
  const re = rt.regex("a");
  const { result } = await inRoute(() => [
    rt.cmp.eq(null, null),
    rt.cmp.eq("a", null),
    rt.cmp.ne("a", null),
    rt.cmp.ne(null, "a"),
    rt.cmp.eq(null, "a"),
    rt.cmp.lt(null, 5, true),
    rt.cmp.le(null, null),
    rt.cmp.nomatch(null, re),
    rt.cmp.match(null, re),
    rt.cmp.match(null, null),
  ]);
  assert.deepEqual(result, [1, 0, 1, 1, 0, 0, 0, 1, 0, 1]);
});

test("§6.2 numbers, strings and their mix", async () => {
  const { result, logs } = await inRoute(() => [
    rt.cmp.eq(5, 5, true),
    rt.cmp.lt(3, 5, true),
    rt.cmp.ge(-1, 0, true),
    rt.cmp.eq("5", 5, true),
    rt.cmp.ne("5", 5, true),
    rt.cmp.eq(5, "5"),
    rt.cmp.eq(5, "05"),
    rt.cmp.eq("5", 5, false),
    rt.cmp.eq(5, { int: 5, text: "05" }),
    rt.cmp.eq("ABC", "abc"),
    rt.cmp.lt("ab", "abc"),
    rt.cmp.gt("b", "ABC"),
    rt.cmp.le("Abc", "abc"),
    rt.cmp.eq({ int: 42, text: "42abc" }, "42abc"),
    rt.cmp.eq({ int: 42, text: "42abc" }, 42, true),
    rt.cmp.eq(rt.ERROR, 1, true),
  ]);
  assert.deepEqual(result, [1, 1, 0, -1, -1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, -1]);
  assert.equal(logs.filter((l) => l.startsWith("WARNING")).length, 2);
});

test("§6.2 regex matches are case-insensitive POSIX EREs; =~ $pv compiles the value", async () => {
  const { result } = await inRoute(() => [
    rt.cmp.match("ABC", rt.regex("^abc$")),
    rt.cmp.nomatch("ABC", rt.regex("^abd$")),
    rt.cmp.match("+15551234567", rt.regex("^\\+?1[0-9]{10}$")),
    rt.cmp.match("sip:bob@x", "^SIP:"),
    rt.cmp.match(200, rt.regex("^2[0-9][0-9]$")),
    rt.cmp.match("x", rt.regex("(")),
  ]);
  assert.deepEqual(result, [1, 1, 1, 1, 1, -1]);
});

test("§6.2 network membership", async () => {
  const { result } = await inRoute(() => [
    rt.cmp.inNet("10.1.2.3", "10.0.0.0/8"),
    rt.cmp.inNet("11.1.2.3", "10.0.0.0/8"),
    rt.cmp.inNet("192.168.1.1", "192.168.1.1"),
    rt.cmp.inNet("192.168.1.2", "192.168.0.0/255.255.0.0"),
    rt.cmp.inNet("2001:db8::1", "2001:db8::/32"),
    rt.cmp.inNet("[2001:db8::1]", "10.0.0.0/8"),
    rt.cmp.inNet("example.org", "10.0.0.0/8"),
    rt.cmp.inNet(null, "10.0.0.0/8"),
  ]);
  assert.deepEqual(result, [1, 0, 1, 1, 1, 0, -1, 0]);
});

test("§6.4 truthiness: the string \"0\" is true; NULL, empty and 0 are false", () => {
  assert.deepEqual(
    ["0", "", 0, null, -1, "a", { int: 0, text: "abc" }].map((v) => rt.truthy(v)),
    [1, 0, 0, 0, 1, 1, 0],
  );
  assert.deepEqual([rt.test(rt.ERROR), rt.test(4), rt.test("")], [-1, 1, 0]);
});

test("§6.3 not keeps errors", () => {
  assert.deepEqual([rt.not(0), rt.not(1), rt.not(7), rt.not(-1)], [1, 0, 0, -1]);
});

test("§5.3 case labels: strings case-insensitive against the string form, numbers only for ints", () => {
  assert.equal(rt.caseIndex("ABC", ["x", "abc"]), 1);
  assert.equal(rt.caseIndex(200, ["200"]), 0);
  assert.equal(rt.caseIndex("5", [5]), -1);
  assert.equal(rt.caseIndex(5, ["x", 5]), 1);
  assert.equal(rt.caseIndex(-3, [-3]), 0);
  assert.equal(rt.caseIndex(null, ["", 0]), -1);
});

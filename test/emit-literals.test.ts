import { test } from "node:test";
import assert from "node:assert/strict";
import { jsNumber, jsString } from "../compiler/emit-literals.ts";
import { mangle, routeFunctionName } from "../compiler/emit-names.ts";
import { ROUTE_KINDS } from "../runtime/catalogue/types.ts";

const HOSTILE = [
  "",
  'say "hi"',
  "back\\slash\\",
  "`${process.exit(1)}`",
  "*/ process.exit(2); /*",
  "line\u2028separator\u2029paragraph",
  "</script><script>alert(1)</script>",
  "<!-- comment -->",
  "\u0000\u0007\b\f\n\r\t\v",
  "lone \ud800 surrogate \udc00",
  "emoji 🎉 and ünïcödé",
  "__proto__",
  "constructor",
];

test("jsString: every hostile text evaluates back to itself", () => {
  for (const text of HOSTILE) {
    const literal = jsString(text);
    assert.equal(new Function(`return ${literal};`)(), text, literal);
  }
});

test("jsString: no raw line separators or markup terminators reach the code", () => {
  for (const text of HOSTILE) {
    const literal = jsString(text);
    assert.doesNotMatch(literal, /[\u2028\u2029\n\r]/);
    assert.doesNotMatch(literal, /<\/|<!/);
    assert.ok(literal.startsWith('"') && literal.endsWith('"'));
  }
});

test("jsNumber: finite numbers as written, never -0 or NaN", () => {
  assert.equal(jsNumber(42), "42");
  assert.equal(jsNumber(-7), "-7");
  assert.equal(jsNumber(-0), "0");
  assert.equal(jsNumber(Number.NaN), "0");
});

test("mangle: identifiers only, and no two names give the same text", () => {
  const names = [...HOSTILE, "a_b", "a__b", "a-b", "a_2d_b", "a_2d__b", "_", "__", "-", "0", "route", "é", "e\u0301"];
  const seen = new Map<string, string>();
  for (const name of names) {
    const mangled = mangle(name);
    assert.match(`x${mangled}`, /^[A-Za-z_$][A-Za-z0-9_$]*$/, name);
    assert.equal(seen.get(mangled), undefined, `${JSON.stringify(name)} collides with ${JSON.stringify(seen.get(mangled))}`);
    seen.set(mangled, name);
  }
  assert.equal(mangle("credit_check"), "credit__check");
  assert.equal(mangle("my-route"), "my_2d_route");
});

test("routeFunctionName: unnamed and named blocks of every kind never meet", () => {
  const names = new Set<string>();
  for (const kind of ROUTE_KINDS) {
    for (const name of [null, "", "route", "main", "0", "__proto__"]) {
      const fn = routeFunctionName(kind, name);
      assert.match(fn, /^[A-Za-z_$][A-Za-z0-9_$]*$/);
      assert.ok(!names.has(fn), fn);
      names.add(fn);
    }
  }
  assert.equal(routeFunctionName("request", null), "route");
  assert.equal(routeFunctionName("failure", "missed-call"), "failure_route_missed_2d_call");
});

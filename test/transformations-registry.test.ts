/**
 * The transformation table as a whole: spec §9 examples end to end, coverage of the OpenSIPS 3.6
 * catalogue and of the real-world corpus, literal parameters, name lookup, and that no input
 * makes a transformation throw.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  SUPPORTED_TRANSFORMS,
  applyTransform,
  literalParam,
  resolveTransform,
  transformSupported,
} from "../runtime/transformations/index.ts";
import { transformClass } from "../runtime/catalogue/tables.ts";
import { TRANSFORM_TABLE } from "../runtime/transformations/table.ts";
import type { Value } from "../runtime/value.ts";

const CLASSES = ["s", "uri", "via", "param", "nameaddr", "ip", "csv", "sdp", "re", "rest", "isup"];

/** Applies a chain `[[class, method, params], …]` left to right, as `$(pv{…}{…})` does. */
function chain(input: Value, steps: [string, string, Value[]?][]): Value {
  return steps.reduce<Value>((value, [cls, method, params]) => applyTransform(cls, method, value, params ?? []), input);
}

test("spec §9 examples [V], end to end", () => {
  const x = "sip:alice@example.com;transport=tcp";
  assert.equal(chain(x, [["uri", "user"]]), "alice");
  assert.equal(chain(x, [["uri", "param", ["transport"]]]), "tcp");
  assert.equal(chain(x, [["s", "substr", [4, 5]]]), "alice");
  assert.equal(chain(x, [["s", "select", [1, ";"]]]), "transport=tcp");
  const q = "k1=v;k2=vv;k3=vvv";
  assert.equal(chain(q, [["param", "value", [chain(q, [["param", "name", [2]]])]], ["s", "len"]]), 3);
  const h = '"Bob" <sip:bob@x.org>;tag=abc';
  assert.equal(chain(h, [["nameaddr", "uri"], ["uri", "user"]]), "bob");
  assert.equal(chain(h, [["nameaddr", "param", ["tag"]]]), "abc");
  assert.deepEqual(chain("42abc", [["s", "int"]]), { int: 42, text: "42abc" });
  assert.equal(chain('"Al" <sip:ALICE@x>', [["nameaddr", "uri"], ["uri", "user"], ["s", "tolower"]]), "alice");
  assert.equal(chain("a,b", [["s", "select", [1, ","]]]), "b");
  assert.equal(chain("+4930123", [["re", "subst", ["/^\\+//"]]]), "4930123");
  assert.equal(chain(null, [["uri", "user"], ["s", "len"], ["s", "substr", [0, 1]]]), null, "NULL flows through a chain");
});

test("every OpenSIPS 3.6 transformation is supported, except the isup class", () => {
  for (const cls of CLASSES) {
    for (const { method } of transformClass(cls, "3.6")) {
      assert.equal(transformSupported(cls, method), cls !== "isup", `${cls}.${method}`);
    }
  }
  const catalogued = CLASSES.flatMap((cls) => transformClass(cls, "3.6").map((t) => `${cls}.${t.method}`));
  for (const name of SUPPORTED_TRANSFORMS) assert.ok(catalogued.includes(name), `${name} is not an OpenSIPS 3.6 transformation`);
});

test("every transformation the corpus uses that OpenSIPS 3.6 knows is supported", () => {
  const dir = fileURLToPath(new URL("../../shared/corpus/", import.meta.url));
  const used = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".cfg"))) {
    for (const m of readFileSync(dir + file, "utf8").matchAll(/\{([A-Za-z]+)\.(?:-?\d+\.)?([A-Za-z0-9_.-]+?)[,}]/g)) {
      used.add(`${m[1]!.toLowerCase()}.${m[2]!.toLowerCase()}`);
    }
  }
  assert.ok(used.has("s.select") && used.has("re.subst") && used.has("nameaddr.uri"), "the corpus was read");
  for (const name of used) {
    const [cls, method] = [name.slice(0, name.indexOf(".")), name.slice(name.indexOf(".") + 1)];
    const known = transformClass(cls, "3.6").some((t) => t.method === method);
    assert.equal(transformSupported(cls, method), known, name);
  }
});

test("class and method names are case-insensitive; unknown names resolve to null", () => {
  assert.ok(transformSupported("S", "LEN"));
  assert.ok(transformSupported("uri", "Domain"));
  assert.ok(transformSupported("sdp", "stream-delete"));
  assert.equal(applyTransform("URI", "USER", "sip:a@b"), "a");
  assert.equal(transformSupported("s", "encode.base64"), false);
  assert.equal(transformSupported("s", "constructor"), false);
  assert.equal(transformSupported("constructor", "name"), false);
  assert.equal(transformSupported("isup", "param"), false);
  assert.equal(resolveTransform("nope", "x"), null);
  assert.equal(applyTransform("nope", "x", "v"), null);
  assert.ok(SUPPORTED_TRANSFORMS.includes("s.sha512_hmac") && SUPPORTED_TRANSFORMS.includes("param.exists"));
});

test("literalParam reads numbers in numeric positions only", () => {
  assert.equal(literalParam("s", "substr", 0, "4"), 4);
  assert.equal(literalParam("s", "substr", 1, "-2"), -2);
  assert.equal(literalParam("s", "substr", 1, "+ 3"), 3, "sign then blanks, as tr_parse_nparam");
  assert.equal(literalParam("s", "select", 1, ","), ",", "the separator stays text");
  assert.equal(literalParam("s", "select", 1, "1"), "1", "even when it is a digit");
  assert.equal(literalParam("S", "INDEX", 1, "2"), 2);
  assert.equal(literalParam("uri", "param", 0, "5"), "5");
  assert.equal(literalParam("sdp", "stream", 0, "1"), 1);
  assert.equal(literalParam("sdp", "stream", 0, "audio"), "audio");
  assert.equal(literalParam("s", "substr", 0, "x"), "x", "not a number: kept, and the transformation then fails");
  assert.equal(applyTransform("s", "substr", "abcdef", [literalParam("s", "substr", 0, "x"), 1]), null);
  assert.equal(applyTransform("s", "select", "a1b", [literalParam("s", "select", 0, "1"), literalParam("s", "select", 1, "1")]), "b");
});

test("resolveTransform gives a reusable function", () => {
  const user = resolveTransform("uri", "user")!;
  assert.equal(user("sip:a@b", []), "a");
  assert.equal(user("sip:c@d", []), "c");
  assert.equal(user("sip:a@b", []), "a");
});

test("no input or parameter makes any transformation throw (checked below the safety net)", () => {
  const inputs: Value[] = [null, "", "x", 0, -1, { int: 7, text: "7x" }, "sip:a@b;x", '"' , "%", "\\", "[", "\u00ff\u0000", "a".repeat(300)];
  const params: Value[][] = [[], [null], [""], ["a"], [-1], [5, 2], ["/a/b/g", "x"], ["[", "("], [{ int: 1, text: "1" }, "y"]];
  for (const [name, fn] of Object.entries(TRANSFORM_TABLE).flatMap(([cls, methods]) =>
    Object.entries(methods).map(([method, f]) => [`${cls}.${method}`, f] as const))) {
    for (const input of inputs) {
      for (const p of params) {
        const out = fn(input, p);
        assert.ok(out === null || typeof out === "string" || typeof out === "number" || typeof out === "object", name);
      }
    }
  }
});

/** Pseudo-variables, transformations (spec §8.1, §9) and format strings (§7.4). */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { FormatPart, PseudoVar, PvIndex, Span } from "../compiler/ast.ts";
import { parseFormat, parsePvToken } from "../compiler/pv-parser.ts";

/** Spans as `[start,end)` offsets on line 1, so positions are easy to check. */
const spanOf = (start: number, end: number): Span => ({ file: "f", line: 1, column: start + 1, endLine: 1, endColumn: end + 1 });

function pv(text: string): PseudoVar {
  const result = parsePvToken(text, spanOf);
  assert.equal(result.error, null, `unexpected error for ${text}: ${result.error?.message}`);
  return result.pv;
}

interface PvShape {
  name: string;
  context: PseudoVar["context"];
  arg: string | { pv: PvShape } | null;
  index: PvIndex | { pv: PvShape } | null;
  transforms: { tr: string; params: (string | { pv: PvShape })[]; nameaddrIndex?: PvIndex }[];
  long: boolean;
  trailing: string | null;
}

/** A compact view of a PV without spans. */
function shape(p: PseudoVar): PvShape {
  return {
    name: p.name,
    context: p.context,
    arg: p.arg?.kind === "pv" ? { pv: shape(p.arg.pv) } : (p.arg?.text ?? null),
    index: p.index?.kind === "pv" ? { pv: shape(p.index.pv) } : p.index,
    transforms: p.transforms.map((t) => ({
      tr: `${t.class}.${t.method}`,
      params: t.params.map((q) => (q.kind === "pv" ? { pv: shape(q.pv) } : q.text)),
      ...(t.nameaddrIndex ? { nameaddrIndex: t.nameaddrIndex } : {}),
    })),
    long: p.long,
    trailing: p.trailing,
  };
}

test("short forms: a name with dots, an optional inner name; anything after is trailing", () => {
  assert.deepEqual(shape(pv("$msg.branch.uri")), { name: "msg.branch.uri", context: null, arg: null, index: null, transforms: [], long: false, trailing: null });
  assert.deepEqual(shape(pv("$hdr(X-Custom)")), { name: "hdr", context: null, arg: "X-Custom", index: null, transforms: [], long: false, trailing: null });
  assert.equal(pv("$ru{uri.user}").trailing, "{uri.user}");
  assert.equal(pv("$ru{uri.user}").name, "ru");
});

test("long forms: context, inner name, index and a transformation chain with blanks between", () => {
  assert.deepEqual(shape(pv("$(<reply>hdr(Via)[-1]{via.branch} {s.len})")), {
    name: "hdr",
    context: "reply",
    arg: "Via",
    index: { kind: "int", value: -1 },
    transforms: [
      { tr: "via.branch", params: [] },
      { tr: "s.len", params: [] },
    ],
    long: true,
    trailing: null,
  });
  assert.deepEqual(pv("$(avp(a)[*])").index, { kind: "all" });
  assert.deepEqual(pv("$(avp(a)[append])").index, { kind: "append" });
  assert.deepEqual(pv("$(sdp.line(m)[insertAfter])").index, { kind: "name", name: "insertAfter" });
});

test("dynamic inner names and indexes are nested pseudo-variables with their own spans", () => {
  const p = pv("$(avp($var(n))[$var(i)])");
  assert.deepEqual(shape(p), {
    name: "avp",
    context: null,
    arg: { pv: { name: "var", context: null, arg: "n", index: null, transforms: [], long: false, trailing: null } },
    index: { pv: { name: "var", context: null, arg: "i", index: null, transforms: [], long: false, trailing: null } },
    transforms: [],
    long: true,
    trailing: null,
  });
  assert.equal(p.arg?.kind === "pv" && p.arg.pv.span.column, 7);
  assert.equal(p.index?.kind === "pv" && p.index.pv.span.column, 16);
});

test("transformation parameters: raw text, nested PVs with transformations, the s.select separator", () => {
  const nested = pv("$(var(q){param.value,$(var(q){param.name,2})}{s.len})");
  assert.deepEqual(shape(nested).transforms, [
    {
      tr: "param.value",
      params: [{ pv: { name: "var", context: null, arg: "q", index: null, transforms: [{ tr: "param.name", params: ["2"] }], long: true, trailing: null } }],
    },
    { tr: "s.len", params: [] },
  ]);
  assert.deepEqual(shape(pv("$(var(x){s.select,1,,})")).transforms, [{ tr: "s.select", params: ["1", ","] }]);
  assert.deepEqual(shape(pv("$(var(x){re.subst,/a\\,b/c/g})")).transforms, [{ tr: "re.subst", params: ["/a\\,b/c/g"] }]);
  assert.deepEqual(shape(pv("$(var(x){S.SUBSTR,0,2})")).transforms, [{ tr: "s.SUBSTR", params: ["0", "2"] }]);
});

test("nameaddr transformations may carry an index before the method", () => {
  assert.deepEqual(shape(pv("$(ct{nameaddr.-1.uri})")).transforms, [{ tr: "nameaddr.uri", params: [], nameaddrIndex: { kind: "int", value: -1 } }]);
  const byPv = pv("$(ct{nameaddr.$var(i).param,q})").transforms[0]!;
  assert.equal(byPv.method, "param");
  assert.equal(byPv.nameaddrIndex?.kind, "pv");
});

test("malformed pseudo-variables report what is wrong and where", () => {
  const cases: [string, RegExp, number][] = [
    ["$", /must start a pseudo-variable name/, 0],
    ["$(<other>ru)", /context must be `<request>` or `<reply>`/, 2],
    ["$(avp(x)[1)", /without a matching `\]`/, 8],
    ["$(avp(x)[a b])", /invalid index/, 8],
    ["$(var(x){slen})", /`\{class\.method…\}`/, 8],
    ["$(var(x){s.len)", /expected `\}`/, 8],
    ["$(var(x) junk)", /expected `\)`/, 9],
  ];
  for (const [text, message, start] of cases) {
    const result = parsePvToken(text, spanOf);
    assert.ok(result.error, text);
    assert.match(result.error.message, message, text);
    assert.equal(result.error.start, start, text);
  }
});

function parts(value: string): (string | PvShape)[] {
  return parseFormat(value, spanOf).parts.map((p: FormatPart) => (p.kind === "Text" ? p.text : shape(p)));
}

test("formats: `$$` is a dollar, short names end at the first non-name character, `.` is a name character", () => {
  assert.deepEqual(parts("5$$ $rU@x"), ["5$ ", { name: "rU", context: null, arg: null, index: null, transforms: [], long: false, trailing: null }, "@x"]);
  assert.deepEqual(
    parts("$rU.x").map((p) => (typeof p === "string" ? p : p.name)),
    ["rU.x"],
  );
  assert.deepEqual(
    parts("$(rU).$fU").map((p) => (typeof p === "string" ? p : p.name)),
    ["rU", ".", "fU"],
  );
});

test("formats: braces after a short PV stay text; the long form takes transformations", () => {
  const short = parts("$ru{uri.user}");
  assert.equal(short[1], "{uri.user}");
  const long = parseFormat("$(ru{uri.user})!", spanOf).parts;
  assert.equal(long.length, 2);
  assert.equal(long[0]!.kind === "PseudoVar" && long[0].transforms[0]!.method, "user");
});

test("formats: a `$` that starts nothing is recorded as an error at that `$`", () => {
  const f = parseFormat("cost 5$ now", spanOf);
  assert.equal(f.error?.span.column, 7);
  assert.match(f.error!.message, /write `\$\$` for a literal `\$`/);
  assert.deepEqual(f.parts, [{ kind: "Text", text: "cost 5$ now" }]);
  assert.equal(parseFormat("no dollars", spanOf).error, undefined);
  assert.match(parseFormat("$(avp(x)", spanOf).error!.message, /expected `\)`|matching/);
});

test("formats: part spans point into the string", () => {
  const f = parseFormat("ab $var(x) $ci", spanOf);
  const pvs = f.parts.filter((p): p is PseudoVar => p.kind === "PseudoVar");
  assert.deepEqual(
    pvs.map((p) => [p.span.column, p.span.endColumn]),
    [
      [4, 11],
      [12, 15],
    ],
  );
});

import { test } from "node:test";
import assert from "node:assert/strict";
import type { Span } from "../compiler/ast.ts";
import { buildSourceMap, encodeVlq } from "../compiler/sourcemap.ts";
import { decodeMappings } from "./support/sourcemap-decode.ts";

const span = (file: string, line: number, column: number): Span => ({ file, line, column, endLine: line, endColumn: column + 1 });

test("encodeVlq: known encodings", () => {
  assert.equal(encodeVlq(0), "A");
  assert.equal(encodeVlq(1), "C");
  assert.equal(encodeVlq(-1), "D");
  assert.equal(encodeVlq(15), "e");
  assert.equal(encodeVlq(16), "gB");
  assert.equal(encodeVlq(-16), "hB");
  assert.equal(encodeVlq(1000), "w+B");
});

test("buildSourceMap: each origin decodes to its file, line and column", () => {
  const code = "import x;\n\nconst a = 1;\nfunction f() {\n  g();\n}\n";
  const origins = [
    { offset: code.indexOf("const"), span: span("main.cfg", 3, 1) },
    { offset: code.indexOf("function"), span: span("inc/sub.cfg", 7, 5) },
    { offset: code.indexOf("g()"), span: span("main.cfg", 12, 9) },
  ];
  const sources = new Map([["main.cfg", "main text"], ["inc/sub.cfg", "sub text"]]);
  const map = buildSourceMap(code, origins, sources, "main.cfg.ts");
  assert.deepEqual(map.sources, ["main.cfg", "inc/sub.cfg"]);
  assert.deepEqual(map.sourcesContent, ["main text", "sub text"]);
  const segments = decodeMappings(map.mappings);
  assert.deepEqual(
    segments.map((s) => [s.line, s.column, map.sources[s.source], s.sourceLine, s.sourceColumn]),
    [
      [2, 0, "main.cfg", 2, 0],
      [3, 0, "inc/sub.cfg", 6, 4],
      [4, 2, "main.cfg", 11, 8],
    ],
  );
});

test("buildSourceMap: a file named only by spans is listed without content", () => {
  const map = buildSourceMap("a\n", [{ offset: 0, span: span("other.cfg", 1, 1) }], new Map(), "x.ts");
  assert.deepEqual(map.sources, ["other.cfg"]);
  assert.deepEqual(map.sourcesContent, [null]);
});

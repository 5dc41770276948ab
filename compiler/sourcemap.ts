/**
 * Source maps (v3) from the emitted TypeScript back to the `.cfg` files it came from. The emitter
 * records an origin (output offset → source span) for each statement and expression it writes;
 * this module turns them into VLQ mappings, listing every source file with its content.
 */
import type { Span } from "./ast.ts";

/** Output offset `offset` (UTF-16 units into the emitted text) was produced from `span`. */
export interface Origin {
  offset: number;
  span: Span;
}

export interface SourceMapV3 {
  version: 3;
  file: string;
  sources: string[];
  sourcesContent: (string | null)[];
  names: string[];
  mappings: string;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** One signed value as base64 VLQ (sign in the lowest bit, 5 bits per digit, continuation bit 32). */
export function encodeVlq(value: number): string {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = "";
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest > 0) digit |= 32;
    out += BASE64[digit];
  } while (rest > 0);
  return out;
}

/**
 * The map of `code` (whose origins are sorted by offset) to the files of `sources`. Files named by
 * spans but missing from `sources` are listed with a null content.
 */
export function buildSourceMap(
  code: string,
  origins: readonly Origin[],
  sources: ReadonlyMap<string, string>,
  file: string,
): SourceMapV3 {
  const fileIndex = new Map<string, number>();
  for (const name of sources.keys()) fileIndex.set(name, fileIndex.size);
  for (const o of origins) if (!fileIndex.has(o.span.file)) fileIndex.set(o.span.file, fileIndex.size);

  let mappings = "";
  let lineStart = 0;
  let nextLineStart = nextLine(code, 0);
  let firstOnLine = true;
  let column = 0;
  let source = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  let lastOffset = -1;
  for (const origin of origins) {
    if (origin.offset === lastOffset) continue;
    lastOffset = origin.offset;
    while (origin.offset >= nextLineStart) {
      mappings += ";";
      lineStart = nextLineStart;
      nextLineStart = nextLine(code, lineStart);
      firstOnLine = true;
      column = 0;
    }
    const file = fileIndex.get(origin.span.file)!;
    const line = origin.span.line - 1;
    const col = Math.max(0, origin.span.column - 1);
    if (!firstOnLine) mappings += ",";
    mappings += encodeVlq(origin.offset - lineStart - column) + encodeVlq(file - source) + encodeVlq(line - sourceLine) + encodeVlq(col - sourceColumn);
    column = origin.offset - lineStart;
    source = file;
    sourceLine = line;
    sourceColumn = col;
    firstOnLine = false;
  }
  const names = [...fileIndex.keys()];
  return {
    version: 3,
    file,
    sources: names,
    sourcesContent: names.map((name) => sources.get(name) ?? null),
    names: [],
    mappings,
  };
}

/** The offset just after the next newline at or after `from` (Infinity when there is none). */
function nextLine(code: string, from: number): number {
  const newline = code.indexOf("\n", from);
  return newline < 0 ? Infinity : newline + 1;
}

/** `//# sourceMappingURL=data:…` for appending to the code the map describes. */
export function inlineSourceMapComment(map: SourceMapV3 | string): string {
  const json = typeof map === "string" ? map : JSON.stringify(map);
  return `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(json, "utf8").toString("base64")}`;
}

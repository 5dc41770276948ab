/** A small v3 source map decoder for the tests: every segment with its generated and original position (0-based). */
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export interface Segment {
  line: number;
  column: number;
  source: number;
  sourceLine: number;
  sourceColumn: number;
}

export function decodeMappings(mappings: string): Segment[] {
  const segments: Segment[] = [];
  let source = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  mappings.split(";").forEach((lineText, line) => {
    let column = 0;
    for (const segmentText of lineText.split(",")) {
      if (segmentText === "") continue;
      const fields = decodeVlqs(segmentText);
      column += fields[0]!;
      if (fields.length < 4) continue;
      source += fields[1]!;
      sourceLine += fields[2]!;
      sourceColumn += fields[3]!;
      segments.push({ line, column, source, sourceLine, sourceColumn });
    }
  });
  return segments;
}

function decodeVlqs(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** The original position of the last segment at or before (line, column) of the generated code, 0-based. */
export function originalPosition(segments: readonly Segment[], line: number, column: number): Segment | null {
  let best: Segment | null = null;
  for (const s of segments) {
    if (s.line === line && s.column <= column && (best === null || s.column >= best.column)) best = s;
  }
  return best;
}

/**
 * The `sdp` class over an SDP body:
 * - `{sdp.line,type[,n]}`: the n-th (from 0) line of that type, e.g. `a=rtpmap:0 PCMU/8000`,
 *   without its line end. Lines must end in CR LF as OpenSIPS requires; NULL when there is no
 *   such line.
 * - `{sdp.stream,index|media}`: one media section (`m=` line up to the next `m=` line), by
 *   index (negative from the end) or by media type (`audio`, case-insensitive).
 * - `{sdp.stream-delete,index|media}`: the body without that section (without every section of
 *   that media type when a type is given).
 */
import type { Value } from "../value.ts";
import type { TransformFn } from "./types.ts";
import { onNonEmptyText } from "./on-text.ts";
import { numberParam } from "./param-values.ts";
import { intOf, textOf } from "./value-text.ts";

/** Start offsets of every line of `type` (the type letter follows a CR or LF, or starts the body). */
function lineStarts(body: string, type: string): number[] {
  const starts: number[] = [];
  const head = `${type}=`;
  for (let at = body.indexOf(head); at >= 0; at = body.indexOf(head, at + 2)) {
    const before = body[at - 1];
    if (at === 0 || before === "\n" || before === "\r") starts.push(at);
  }
  return starts;
}

export const line: TransformFn = onNonEmptyText((body, params) => {
  const type = textOf(params[0] ?? null)?.[0];
  const index = params.length > 1 ? numberParam(params[1]) : 0;
  if (type === undefined || index === null || index < 0) return null;
  const start = lineStarts(body, type)[index];
  if (start === undefined) return null;
  const end = body.indexOf("\r", start);
  return end < 0 ? null : body.slice(start, end);
});

interface Section {
  readonly start: number;
  readonly end: number;
  readonly media: string;
}

function sections(body: string): Section[] {
  const starts = lineStarts(body, "m");
  return starts.map((start, i) => ({
    start,
    end: starts[i + 1] ?? body.length,
    media: /^m=([^ \r\n]*)/.exec(body.slice(start))![1]!,
  }));
}

/** The sections a parameter selects: by index when it is (or reads as) an integer, else by media type. */
function selected(all: readonly Section[], param: Value | undefined): Section[] {
  const text = textOf(param ?? null);
  const index = intOf(param ?? null) ?? (text !== null && /^[+-]?[0-9]+$/.test(text) ? Number(text) : null);
  if (index !== null) {
    const one = all[index < 0 ? all.length + index : index];
    return one === undefined ? [] : [one];
  }
  const media = text?.toLowerCase();
  return all.filter((s) => s.media.toLowerCase() === media);
}

export const stream: TransformFn = onNonEmptyText((body, params) => {
  const [first] = selected(sections(body), params[0]);
  return first === undefined ? null : body.slice(first.start, first.end);
});

export const streamDelete: TransformFn = onNonEmptyText((body, params) => {
  const doomed = selected(sections(body), params[0]);
  if (doomed.length === 0) return null;
  let out = "";
  let copied = 0;
  for (const s of doomed) {
    out += body.slice(copied, s.start);
    copied = s.end;
  }
  return out + body.slice(copied);
});

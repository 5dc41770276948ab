/**
 * textops `subst`, `replace` and `replace_all` over the message text after its start line, as
 * OpenSIPS runs them (from `get_header()` to the end of the body): every header field and the
 * body are one text, so a match may span fields and `^` matches at the start of the first header.
 * Matches are looked for in the fields as received and the body as it will be sent; each changed
 * field is sent as its new text, a pending change, as OpenSIPS's lumps. A field that already has a
 * pending change keeps it (OpenSIPS skips overlapping lumps). A match that touches the blank line
 * closing the headers is refused.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR, L_WARN } from "../log-level.ts";
import { spliceMatches, substMatches, type SubstMatch } from "../transformations/subst-apply.ts";
import type { SubstExpr } from "../transformations/subst-expr.ts";

/** A piece of the text: a header field (by index), the blank line, or the body. */
interface Segment {
  readonly field: number | "separator" | "body";
  readonly start: number;
  readonly end: number;
}

function segmentsOf(ctx: Ctx): { text: string; segments: Segment[] } {
  const segments: Segment[] = [];
  let text = "";
  const add = (field: Segment["field"], piece: string): void => {
    segments.push({ field, start: text.length, end: text.length + piece.length });
    text += piece;
  };
  const fields = ctx.msg.headerFields;
  fields.forEach((f, i) => add(i, f.raw));
  add("separator", fields.at(-1)?.raw.endsWith("\r\n") === false ? "\n" : "\r\n");
  add("body", ctx.msg.outgoingBody);
  return { text, segments };
}

/** The matches within a segment, with offsets relative to it; a match starting before it gives its tail only as a deletion. */
function matchesIn(segment: Segment, matches: readonly SubstMatch[]): SubstMatch[] {
  return matches
    .filter((m) => m.start < segment.end && m.end > segment.start)
    .map((m) => ({
      start: Math.max(m.start, segment.start) - segment.start,
      end: Math.min(m.end, segment.end) - segment.start,
      replacement: m.start >= segment.start ? m.replacement : "",
    }));
}

/** 1 when something was replaced, -1 when nothing matched or the substitution was refused. */
export function substituteInMessage(ctx: Ctx, subst: SubstExpr | null, functionName: string): number {
  if (subst === null) return -1;
  const { text, segments } = segmentsOf(ctx);
  const matches = substMatches(subst, text, { requestUri: () => ctx.msg.ruri });
  if (matches === null) {
    ctx.log(L_ERR, `ERROR:textops:${functionName}: matched string is empty... invalid regexp?`);
    return -1;
  }
  if (matches.length === 0) return -1;
  const separator = segments.find((s) => s.field === "separator")!;
  if (matchesIn(separator, matches).length > 0) {
    ctx.log(L_ERR, `ERROR:textops:${functionName}: a substitution may not change the blank line ending the headers`);
    return -1;
  }
  for (const segment of segments) {
    const inside = matchesIn(segment, matches);
    if (inside.length === 0) continue;
    const changed = spliceMatches(text.slice(segment.start, segment.end), inside);
    if (segment.field === "body") ctx.msg.setBody(changed);
    else if (typeof segment.field === "number" && !ctx.msg.rewriteField(segment.field, changed)) {
      ctx.log(L_WARN, `WARNING:textops:${functionName}: header ${ctx.msg.headerFields[segment.field]!.name} already changed, substitution skipped there`);
    }
  }
  return 1;
}

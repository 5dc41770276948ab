/**
 * sipmsgops body checks: has_body([mime]) is true for a message with a non-empty body, of the
 * given type when one is named (a part of that type in a multipart body counts too).
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { FunctionImpl } from "../functions.ts";

/** `type/subtype` of a Content-Type value, lower-case, without parameters. */
function mediaType(value: string): string {
  return value.split(";")[0]!.trim().toLowerCase();
}

function hasBody(ctx: Ctx, mime: string | null): number {
  const body = ctx.msg.body;
  if (body.length === 0) return -1;
  if (mime === null) return 1;
  const wanted = mime.trim().toLowerCase();
  const type = mediaType(ctx.msg.contentType ?? "");
  if (type === wanted) return 1;
  if (!type.startsWith("multipart/")) return -1;
  return partTypes(body).includes(wanted) ? 1 : -1;
}

/** The Content-Type of every part of a multipart body. */
function partTypes(body: string): string[] {
  return [...body.matchAll(/^content-type[ \t]*:[ \t]*([^\r\n]+)/gim)].map((m) => mediaType(m[1]!));
}

export const BODY_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ["has_body", { call: (ctx, [mime]) => hasBody(ctx, textArg(mime)) }],
  ["has_body_part", { call: (ctx, [mime]) => hasBody(ctx, textArg(mime)) }],
]);

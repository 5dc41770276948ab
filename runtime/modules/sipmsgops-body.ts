/**
 * sipmsgops body checks: has_body([mime]) is true for a message with a non-empty body, of the
 * given type when one is named (a part of that type in a multipart body counts too).
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { FunctionImpl } from "../functions.ts";
import { mediaType, multipartParts } from "../sip/multipart.ts";

function hasBody(ctx: Ctx, mime: string | null): number {
  const body = ctx.msg.body;
  if (body.length === 0) return -1;
  if (mime === null) return 1;
  const wanted = mime.trim().toLowerCase();
  const contentType = ctx.msg.contentType ?? "";
  const type = mediaType(contentType);
  if (type === wanted) return 1;
  if (!type.startsWith("multipart/")) return -1;
  return multipartParts(body, contentType).some((part) => part.type === wanted) ? 1 : -1;
}

export const BODY_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ["has_body", { call: (ctx, [mime]) => hasBody(ctx, textArg(mime)) }],
  ["has_body_part", { call: (ctx, [mime]) => hasBody(ctx, textArg(mime)) }],
]);

/**
 * sipmsgops: inspecting and changing the message — methods, To-tag, headers, body, R-URI
 * parameters, privacy.
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { FunctionImpl, ModuleImpl } from "../functions.ts";
import { BODY_FUNCTIONS } from "./sipmsgops-body.ts";
import { HEADER_FUNCTIONS } from "./sipmsgops-headers.ts";
import { LIST_HEADER_FUNCTIONS } from "./sipmsgops-list-hdr.ts";
import { URI_FUNCTIONS } from "./sipmsgops-uri.ts";

const methodLists = new Map<string, ReadonlySet<string>>();

/** The methods of an is_method list, upper-case (parsed once per text). */
function methodsOf(list: string): ReadonlySet<string> {
  let methods = methodLists.get(list);
  if (methods === undefined) {
    methods = new Set(list.split("|").map((m) => m.trim().toUpperCase()));
    if (methodLists.size < 1024) methodLists.set(list, methods);
  }
  return methods;
}

/** is_method("INVITE|BYE"): the request's method (a reply's CSeq method) is one of the list. */
function isMethod(ctx: Ctx, list: string | null): number {
  const method = ctx.msg.isRequest ? ctx.msg.method : (ctx.msg.cseq?.method ?? null);
  if (method === null || list === null) return -1;
  return methodsOf(list).has(method.toUpperCase()) ? 1 : -1;
}

/** is_privacy("id"): the Privacy header lists that value. */
function isPrivacy(ctx: Ctx, value: string | null): number {
  if (value === null) return -1;
  const listed = ctx.msg.headerListValues("privacy").flatMap((v) => v.split(";")).map((v) => v.trim().toLowerCase());
  return listed.includes(value.trim().toLowerCase()) ? 1 : -1;
}

const MESSAGE_FUNCTIONS = new Map<string, FunctionImpl>([
  ["is_method", { call: (ctx, [list]) => isMethod(ctx, textArg(list)) }],
  ["has_totag", { call: (ctx) => (ctx.msg.toTag !== null && ctx.msg.toTag !== "" ? 1 : -1) }],
  ["is_privacy", { call: (ctx, [value]) => isPrivacy(ctx, textArg(value)) }],
]);

export const sipmsgops: ModuleImpl = {
  name: "sipmsgops",
  functions: new Map([...MESSAGE_FUNCTIONS, ...HEADER_FUNCTIONS, ...LIST_HEADER_FUNCTIONS, ...BODY_FUNCTIONS, ...URI_FUNCTIONS]),
};

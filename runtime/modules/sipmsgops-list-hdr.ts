/**
 * sipmsgops list_hdr_has_option(hdr, option) (list_hdr.c list_hdr_has_val): true when `option` is
 * one of the comma-separated values of any field called `hdr` (`Supported: timer, 100rel`),
 * compared without regard to case, in the message as received.
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { FunctionImpl } from "../functions.ts";

function listHasOption(ctx: Ctx, name: string | null, option: string | null): number {
  if (name === null || option === null) return -1;
  const wanted = option.toLowerCase();
  const options = ctx.msg.allHeaderValues(name).flatMap((value) => value.split(","));
  return options.some((o) => o.trim().toLowerCase() === wanted) ? 1 : -1;
}

export const LIST_HEADER_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ["list_hdr_has_option", { call: (ctx, [name, option]) => listHasOption(ctx, textArg(name), textArg(option)) }],
]);

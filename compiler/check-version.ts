/** Syntax that only one OpenSIPS generation accepts (spec §14). Call arguments are checked in check-args. */
import type { Expr, LegacyKeyword, RouteBlock, Statement } from "./ast.ts";
import { CODES } from "./check-codes.ts";
import type { CheckContext } from "./check-context.ts";

/** 3.x replacement of each 2.x condition keyword. */
const KEYWORD_REPLACEMENTS: Readonly<Record<LegacyKeyword["name"], string>> = {
  method: "$rm",
  uri: "$ru",
  from_uri: "$fu",
  to_uri: "$tu",
  src_ip: "$si",
  dst_ip: "$socket_in(ip)",
  src_port: "$sp",
  dst_port: "$socket_in(port)",
  proto: "$socket_in(proto)",
  af: "$socket_in(af)",
  status: "$rs",
  "msg:len": "$ml",
  myself: 'is_myself("$rd")',
};

export function checkRouteHeaderVersion(ctx: CheckContext, block: RouteBlock): void {
  if (ctx.isV3 && block.eventMode) {
    ctx.report("error", CODES.eventRouteMode, `event_route[${block.name}, ${block.eventMode}] is 2.x syntax; OpenSIPS 3.x takes only the event name: event_route[${block.name}].`, block.span);
  }
}

export function checkStatementVersion(ctx: CheckContext, s: Statement): void {
  if (s.kind === "Return" && s.values.length > 0 && ctx.version !== "3.6") {
    ctx.report("error", CODES.newerSyntax, `return values (return(code, value…)) need OpenSIPS 3.6; the target is ${ctx.version}.`, s.span);
  }
  if (s.kind === "Async" && s.timeout && ctx.version === "2.4") {
    ctx.report("error", CODES.newerSyntax, "the async() timeout argument needs OpenSIPS 3.1 or later; remove it for 2.4.", s.timeout.span);
  }
  if (s.kind === "Launch" && s.param && ctx.version === "2.4") {
    ctx.report("error", CODES.newerSyntax, "the launch() report parameter needs OpenSIPS 3.3 or later; remove it for 2.4.", s.param.span);
  }
}

export function checkExprVersion(ctx: CheckContext, e: Expr): void {
  if (!ctx.isV3) return;
  if (e.kind === "LegacyKeyword") {
    const replacement = KEYWORD_REPLACEMENTS[e.name];
    ctx.report("error", CODES.legacyKeyword, `the ${e.name} keyword is 2.x syntax; OpenSIPS 3.x uses ${replacement} instead.`, e.span);
  } else if (e.kind === "Word") {
    ctx.report("error", CODES.bareWord, `bare word ${e.text} is 2.x syntax; quote it ("${e.text}") or use a variable.`, e.span);
  }
}

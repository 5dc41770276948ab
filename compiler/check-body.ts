/** Checks one route body: every statement, call, variable and format in it. */
import type { Async, Compare, Expr, ForEach, Statement } from "./ast.ts";
import { checkCall } from "./check-calls.ts";
import { CODES } from "./check-codes.ts";
import { routeLabel, type CheckContext, type Scope } from "./check-context.ts";
import { checkFormat, checkPv, pvText } from "./check-pv.ts";
import { checkResumeRoute, checkRouteCallTarget } from "./check-routes.ts";
import { checkExprVersion, checkRouteHeaderVersion, checkStatementVersion } from "./check-version.ts";
import { walkBlock } from "./check-walk.ts";
import { lookupPv } from "../runtime/catalogue/tables.ts";

export function checkBody(ctx: CheckContext, scope: Scope): void {
  checkRouteHeaderVersion(ctx, scope.block);
  walkBlock(scope.block.body, {
    statement: (s) => checkStatement(ctx, scope, s),
    expr: (e) => checkExpr(ctx, scope, e),
    call: (call, mode) => checkCall(ctx, scope, call, mode),
    pv: (pv, use) => checkPv(ctx, scope, pv, use),
    format: (format) => checkFormat(ctx, scope, format),
  });
}

function checkStatement(ctx: CheckContext, scope: Scope, s: Statement): void {
  checkStatementVersion(ctx, s);
  switch (s.kind) {
    case "RouteCall":
      if (s.target.kind === "static") checkRouteCallTarget(ctx, s.target.name, s.target.span);
      return;
    case "Async":
      ctx.resumeRoutes.add(s.resume);
      checkResumeRoute(ctx, s.resume, s.resumeSpan, "async");
      checkSuspension(ctx, scope, s);
      return;
    case "Launch":
      if (s.report !== null) {
        ctx.resumeRoutes.add(s.report);
        checkResumeRoute(ctx, s.report, s.reportSpan ?? s.span, "launch");
      }
      return;
    case "ForEach":
      checkForEach(ctx, s);
      return;
    default:
      return;
  }
}

/** Where `async()` really suspends (spec §4.4): request routes, and in 3.6 transaction-bound reply routes. */
function checkSuspension(ctx: CheckContext, scope: Scope, s: Async): void {
  if (!scope.modules.includes("tm")) {
    ctx.report("error", CODES.asyncNeedsTm, `async() needs the tm module (it suspends the transaction); ${ctx.loadHint("tm")}.`, s.span);
  }
  const kind = scope.kind;
  if (kind === "request" || (kind === "onreply" && ctx.version === "3.6" && scope.block.name !== null)) return;
  const where = routeLabel(kind, scope.block.name);
  const why = kind === "onreply" && scope.block.name === null ? "the global onreply_route has no transaction to suspend" : `OpenSIPS ${ctx.version} cannot suspend there`;
  ctx.report(
    "warning",
    CODES.asyncCannotSuspend,
    `async() in ${where} runs ${s.call.name}() blocking and then route[${s.resume}] inline: ${why}; call it directly if blocking is intended.`,
    s.span,
  );
}

function checkForEach(ctx: CheckContext, s: ForEach): void {
  if (s.collection.index?.kind !== "all") {
    ctx.report(
      "warning",
      CODES.forWithoutAll,
      `for-each needs the [*] index on the collection, otherwise OpenSIPS logs an error and runs no iteration; write $(${pvText(s.collection).slice(1)}[*]).`,
      s.collection.span,
    );
  }
}

function checkExpr(ctx: CheckContext, scope: Scope, e: Expr): void {
  checkExprVersion(ctx, e);
  if (e.kind === "ValueTest" && withoutParens(e.expr).kind === "BitNot") {
    ctx.report("error", CODES.bitNotTest, "[ ~… ] with ~ as the outermost operator crashes OpenSIPS 3.6.8; assign the ~… value to a $var first and test that.", e.span);
  }
  if (e.kind === "Compare") checkStringComparedWithNumber(ctx, scope, e);
}

function withoutParens(e: Expr): Expr {
  return e.kind === "Paren" ? withoutParens(e.expr) : e;
}

/** `$cs == 1`: a string PV compared with a number is an error at run time, so the test is always false (spec §6.2). */
function checkStringComparedWithNumber(ctx: CheckContext, scope: Scope, e: Compare): void {
  if (e.left.kind !== "PseudoVar" || e.left.transforms.length > 0 || e.right.kind !== "NumberLit" || e.op === "=~" || e.op === "!~") return;
  const entries = lookupPv(e.left.name, ctx.version).filter((p) => p.module === "core" || scope.modules.includes(p.module));
  if (entries.length === 0 || !entries.every((p) => p.stringTyped)) return;
  const pv = pvText(e.left);
  ctx.report(
    "warning",
    CODES.stringPvVsNumber,
    `${pv} holds a string, so comparing it with the number ${e.right.text} is always false; compare with "${e.right.text}" or convert with $(${pv.slice(1)}{s.int}).`,
    e.span,
  );
}

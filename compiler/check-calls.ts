/** Script function calls: resolution, version, module, route kind, async use and arity (spec §4.3, §7.5, §10). */
import type { Call } from "./ast.ts";
import { checkArguments } from "./check-args.ts";
import { nearestName } from "./check-names.ts";
import { CODES } from "./check-codes.ts";
import { routeLabel, type CheckContext, type Scope } from "./check-context.ts";
import type { CallMode } from "./check-info.ts";
import { allFunctions, functionsNamed, lookupFunction } from "../runtime/catalogue/functions.ts";
import { CATALOGUE_VERSIONS, type FunctionDescriptor, type FunctionSignature } from "../runtime/catalogue/types.ts";

/** Functions renamed or replaced across versions: the name to suggest in the other version. */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  avp_db_query: "sql_query",
  sql_query: "avp_db_query",
  sql_query_one: "avp_db_query",
  avp_db_load: "sql_avp_load",
  avp_db_store: "sql_avp_store",
  avp_db_delete: "sql_avp_delete",
  sql_avp_load: "avp_db_load",
  sql_avp_store: "avp_db_store",
  sql_avp_delete: "avp_db_delete",
  append_branch: "append_msg_branch",
  remove_branch: "remove_msg_branch",
  rewriteuri: "seturi",
  rewritehost: "sethost",
  rewriteuser: "setuser",
  rewriteport: "setport",
  rewritehostport: "sethostport",
};

export function checkCall(ctx: CheckContext, scope: Scope, call: Call, mode: CallMode): void {
  const resolved = resolveCall(ctx, scope, call);
  if (resolved === "unchecked") {
    ctx.calls.set(call, { kind: "unchecked", mode });
    return;
  }
  if (!resolved) return;
  const { descriptor, signature } = resolved;
  ctx.calls.set(call, { kind: "catalogue", descriptor, signature, mode });
  checkForm(ctx, call, signature);
  checkAsyncUse(ctx, call, signature, mode);
  if (mode === "sync" && !signature.routeKinds.includes(scope.kind)) {
    const where = scope.block.routeKind === "request" && scope.block.name !== null ? `${routeLabel("request", scope.block.name)} (checked as a request route)` : routeLabel(scope.kind, null);
    ctx.report("error", CODES.wrongRouteKind, `${call.name}() cannot be used in ${where}; it is allowed in: ${signature.routeKinds.join(", ")}.`, call.nameSpan);
  }
  if (checkArity(ctx, call, signature)) checkArguments(ctx, scope, call, signature);
}

function resolveCall(ctx: CheckContext, scope: Scope, call: Call): { descriptor: FunctionDescriptor; signature: FunctionSignature } | "unchecked" | null {
  const result = lookupFunction(call.name, ctx.version, scope.modules);
  switch (result.kind) {
    case "found":
      return result;
    case "module-not-loaded": {
      const modules = result.candidates.map((d) => d.module);
      const later = modules.find((m) => ctx.loaded.some((l) => l.name === m));
      if (later) {
        ctx.report("error", CODES.loadedTooLate, `${call.name}() comes from module ${later}, which is loaded below this route; move loadmodule "${later}.so" above it.`, call.nameSpan);
      } else {
        const list = modules.map((m) => `"${m}.so"`).join(" or ");
        ctx.report("error", CODES.moduleNotLoaded, `${call.name}() comes from module ${modules.join("/")}, which is not loaded; add loadmodule ${list}.`, call.nameSpan);
      }
      return null;
    }
    case "other-versions": {
      const versions = CATALOGUE_VERSIONS.filter((v) => result.candidates.some((d) => d.signatures[v]));
      const replacement = REPLACEMENTS[call.name];
      const hint = replacement && functionsNamed(replacement).some((d) => d.signatures[ctx.version]) ? `; use ${replacement}() instead` : "";
      ctx.report("error", CODES.functionNotInVersion, `${call.name}() does not exist in OpenSIPS ${ctx.version} (only in ${versions.join(", ")})${hint}.`, call.nameSpan);
      return null;
    }
    case "unknown": {
      if (ctx.unchecked.size > 0) return "unchecked";
      const near = nearestName(call.name, allFunctions().filter((d) => d.signatures[ctx.version]).map((d) => d.name));
      ctx.report("error", CODES.unknownFunction, `unknown function ${call.name}()${near ? `; did you mean ${near}()?` : "."}`, call.nameSpan);
      return null;
    }
  }
}

/** `force_rport;` without parentheses, and 2.4's obsolete exports. */
function checkForm(ctx: CheckContext, call: Call, signature: FunctionSignature): void {
  if (call.noParens && (ctx.isV3 || !signature.noParensAllowed)) {
    ctx.report("error", CODES.callWithoutParens, `function calls need parentheses${ctx.isV3 ? " in OpenSIPS 3.x" : ""}; write ${call.name}().`, call.nameSpan);
  }
  if (signature.obsolete) {
    ctx.report("error", CODES.obsoleteFunction, `${call.name}() is obsolete in OpenSIPS ${ctx.version}: its module rejects it at start-up.`, call.nameSpan);
  }
}

function checkAsyncUse(ctx: CheckContext, call: Call, signature: FunctionSignature, mode: CallMode): void {
  if (mode !== "sync" && signature.async === "no") {
    ctx.report(
      "error",
      CODES.notAsyncCapable,
      `${call.name}() is not an async function, so OpenSIPS rejects ${mode}() with "unknown async command"; call it directly without ${mode}().`,
      call.nameSpan,
    );
  }
  if (mode === "sync" && signature.async === "only") {
    ctx.report("error", CODES.asyncOnly, `${call.name}() can only run asynchronously; write async(${call.name}(…), resume_route) or launch(${call.name}(…)).`, call.nameSpan);
  }
}

/** Reports a wrong argument count; true when the count is acceptable. */
function checkArity(ctx: CheckContext, call: Call, signature: FunctionSignature): boolean {
  const n = call.args.length;
  const { minArgs, maxArgs, argCounts } = signature;
  const countsOk = argCounts ? argCounts.includes(n) : n >= minArgs && (maxArgs === null || n <= maxArgs);
  if (countsOk) return true;
  const contiguous = argCounts !== null && argCounts.at(-1)! - argCounts[0]! === argCounts.length - 1;
  const expected =
    argCounts && !contiguous ? argCounts.join(" or ")
    : argCounts ? range(argCounts[0]!, argCounts.at(-1)!)
    : maxArgs === null ? `at least ${minArgs}`
    : range(minArgs, maxArgs);
  const skipped = n < minArgs && signature.params.slice(0, minArgs).some((p) => p.optional);
  const hint = skipped ? `; leave optional parameters before the last mandatory one empty, as in ${call.name}(, …)` : "";
  ctx.report("error", CODES.arity, `${call.name}() takes ${expected} argument${expected === "1" ? "" : "s"}, not ${n}${hint}.`, call.span);
  return false;
}

function range(min: number, max: number): string {
  return min === max ? `${min}` : `${min} to ${max}`;
}

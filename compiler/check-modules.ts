/** Top-level statements: `loadmodule`, `modparam` and global parameters (spec §3). */
import type { GlobalParam, LoadModule, ModParam } from "./ast.ts";
import { CODES } from "./check-codes.ts";
import type { CheckContext } from "./check-context.ts";
import { coreParamVersions, isKnownModule, lookupCoreParam, moduleParams, moduleVersions } from "../runtime/catalogue/tables.ts";

/** Modules that moved or merged in 3.x, with what to do instead. */
const MODULE_ADVICE: Readonly<Record<string, string>> = {
  avpops: "its database functions moved to sqlops in 3.5 (avp_db_query → sql_query)",
  sqlops: "use avpops (sql_query → avp_db_query) before 3.5",
  event_route: "it was merged into the core in 3.0; remove this loadmodule",
};

/** Globals of one major version and their counterpart in the other. */
const GLOBAL_ADVICE: Readonly<Record<string, string>> = {
  children: "use udp_workers",
  tcp_children: "use tcp_workers",
  fork: "remove it (3.x always forks)",
  debug: "use log_level",
  udp_workers: "use children",
  tcp_workers: "use tcp_children",
  socket: "use listen",
  log_level: "use debug",
};

export function checkLoadModule(ctx: CheckContext, item: LoadModule, position: number): void {
  ctx.loaded.push({ name: item.module, position, span: item.span });
  if (isKnownModule(item.module, ctx.version)) return;
  const versions = moduleVersions(item.module);
  if (versions.length > 0) {
    const advice = MODULE_ADVICE[item.module];
    const severity = item.module === "event_route" ? "warning" : "error";
    const message = `module ${item.module} does not exist in OpenSIPS ${ctx.version} (only in ${versions.join(", ")})${advice ? `; ${advice}` : ""}.`;
    ctx.report(severity, CODES.moduleNotInVersion, message, item.path.span);
    return;
  }
  if (ctx.unchecked.has(item.module)) return;
  ctx.unchecked.add(item.module);
  ctx.report(
    "warning",
    CODES.uncataloguedModule,
    `module ${item.module} is not in the catalogue (third-party, or newer than OpenSIPS 3.6); its functions, variables and parameters are not checked.`,
    item.path.span,
  );
}

export function checkModParam(ctx: CheckContext, item: ModParam, position: number): void {
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^(?:${item.module.value})$`, "i");
  } catch {
    ctx.report("error", CODES.badModparamRegex, `"${item.module.value}" is not a valid module-name regular expression.`, item.module.span);
    return;
  }
  const before = ctx.modulesBefore(position);
  const matched = before.filter((m) => pattern.test(m));
  if (matched.length === 0) {
    const later = ctx.loaded.find((m) => m.position > position && pattern.test(m.name));
    const fix = later ? `move loadmodule "${later.name}.so" above this modparam` : `add loadmodule "${item.module.value}.so" above it`;
    ctx.report("error", CODES.modparamNoModule, `modparam names module "${item.module.value}", which is not loaded; ${fix}.`, item.module.span);
    return;
  }
  for (const module of matched) {
    if (!isKnownModule(module, ctx.version)) continue;
    // A module may export one name twice, once per value type (2.4 nat_bflag: STR and INT).
    const declared = moduleParams(module, ctx.version).filter((p) => p.name === item.param.value);
    if (declared.length === 0) {
      ctx.report("error", CODES.unknownModparam, `module ${module} has no parameter "${item.param.value}" in OpenSIPS ${ctx.version}.`, item.param.span);
      continue;
    }
    const given = item.value.kind === "NumberLit" ? "int" : "str";
    if (!declared.some((p) => p.type === "str|int" || p.type === given)) {
      const fix = given === "str" ? "write the number without quotes" : "quote the value";
      ctx.report("error", CODES.modparamValueKind, `${module} parameter "${item.param.value}" is ${given === "str" ? "an integer" : "a string"}; ${fix}.`, item.value.span);
    }
  }
}

export function checkGlobalParam(ctx: CheckContext, item: GlobalParam): void {
  if (lookupCoreParam(item.name, ctx.version)) return;
  const versions = coreParamVersions(item.name);
  if (versions.length > 0) {
    const advice = GLOBAL_ADVICE[item.name];
    ctx.report(
      "error",
      CODES.globalOfOtherVersion,
      `global parameter ${item.name} does not exist in OpenSIPS ${ctx.version} (only in ${versions.join(", ")})${advice ? `; ${advice}` : ""}.`,
      item.nameSpan,
    );
  } else {
    ctx.report("error", CODES.unknownGlobal, `unknown global parameter ${item.name}.`, item.nameSpan);
  }
}

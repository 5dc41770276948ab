/** Function arguments against the catalogue's parameter kinds (spec §7.5, mod_fix.c). */
import type { Argument, Call, PseudoVar, StringLit } from "./ast.ts";
import { CODES } from "./check-codes.ts";
import type { CheckContext, Scope } from "./check-context.ts";
import { checkFormat, checkPv, pvText } from "./check-pv.ts";
import { checkRouteName } from "./check-routes.ts";
import { formatPvs } from "./check-walk.ts";
import type { ArgForm, FunctionSignature, ParamDescriptor, RouteKind } from "../runtime/catalogue/types.ts";

const ROUTE_MEANINGS: Readonly<Record<string, RouteKind>> = {
  "route:request": "request",
  "route:failure": "failure",
  "route:onreply": "onreply",
  "route:branch": "branch",
};

interface ArgSite {
  ctx: CheckContext;
  scope: Scope;
  call: Call;
  /** 1-based, for messages. */
  position: number;
  param: ParamDescriptor;
}

export function checkArguments(ctx: CheckContext, scope: Scope, call: Call, signature: FunctionSignature): void {
  call.args.forEach((arg, i) => {
    const param = signature.params[i];
    if (!param) return;
    const site: ArgSite = { ctx, scope, call, position: i + 1, param };
    if (arg === null) {
      if (!param.optional) ctx.report("error", CODES.emptyMandatoryArg, `parameter ${i + 1} of ${call.name}() is mandatory and cannot be left empty.`, call.span);
    } else if (!param.accepts.includes(formOf(arg))) {
      reportForm(site, arg);
    } else if (arg.kind === "StringLit") {
      checkString(site, arg);
    } else if (arg.kind === "PseudoVar") {
      checkVariable(site, arg);
    }
  });
}

function formOf(arg: Argument): ArgForm {
  return arg.kind === "StringLit" ? "string" : arg.kind === "NumberLit" ? "number" : arg.kind === "PseudoVar" ? "pv" : "word";
}

function soleVariable(s: StringLit): PseudoVar | null {
  const parts = s.format?.parts ?? [];
  return parts.length === 1 && parts[0]!.kind === "PseudoVar" ? parts[0] : null;
}

function reportForm(site: ArgSite, arg: Argument): void {
  const { ctx, call, position, param } = site;
  const where = `parameter ${position} of ${call.name}()`;
  const report = (code: string, message: string) => ctx.report("error", code, message, arg.span);
  const moduleCall24 = !ctx.isV3 && param.accepts.length === 1 && param.accepts[0] === "string";
  switch (arg.kind) {
    case "Word":
      if (ctx.isV3) return report(CODES.bareWord, `bare word ${arg.text} is 2.x syntax; quote it: "${arg.text}".`);
      return report(CODES.wordArgument, `${where} takes a quoted string; write "${arg.text}".`);
    case "NumberLit":
      if (moduleCall24) return report(CODES.numberForString, `OpenSIPS 2.4 passes module function arguments as strings; quote the number: "${arg.text}".`);
      if (param.accepts.includes("string")) return report(CODES.numberForString, `${where} is a string; quote the number: "${arg.text}".`);
      return report(CODES.argumentForm, `${where} must be a variable such as $var(x), not a number.`);
    case "StringLit": {
      if (param.kind === "int" && /^[+-]?\d+$/.test(arg.value.trim())) {
        return report(CODES.quotedInteger, `${where} is an integer; write ${arg.value.trim()} without quotes.`);
      }
      if (param.accepts.includes("word")) return report(CODES.argumentForm, `${where} takes a bare name or number in OpenSIPS 2.4; write it without quotes.`);
      if (param.kind === "int") return report(CODES.argumentForm, `${where} is an integer; pass a number or a variable, not a string.`);
      const fix = soleVariable(arg) ? `write ${arg.value} without quotes` : "pass a variable such as $var(x)";
      return report(CODES.argumentForm, `${where} must be a variable, not a string; ${fix}.`);
    }
    case "PseudoVar":
      if (param.kind === "str-static") return report(CODES.variableForStatic, `${where} must be a constant string; variables are not allowed here.`);
      if (moduleCall24) return report(CODES.argumentForm, `OpenSIPS 2.4 passes variables to module functions in quotes: "${pvText(arg)}".`);
      return report(CODES.argumentForm, `${where} takes a quoted string, not a variable.`);
  }
}

function checkString(site: ArgSite, arg: StringLit): void {
  const { ctx, scope, call, position, param } = site;
  const routeKind = param.meaning ? ROUTE_MEANINGS[param.meaning] : undefined;
  if (routeKind && !arg.format) checkRouteName(ctx, routeKind, arg.value, arg.span, `${call.name}()`);
  if (param.meaning === "output-list" || param.meaning === "output-avp-list") {
    for (const pv of arg.format ? formatPvs(arg.format) : []) checkOutput(site, pv, param.meaning === "output-avp-list");
    return;
  }
  if (param.kind === "str-static" && arg.format && formatPvs(arg.format).length > 0) {
    ctx.report("error", CODES.variableForStatic, `parameter ${position} of ${call.name}() must be a constant string; variables are not allowed here.`, arg.span);
  } else if ((param.kind === "str" || param.meaning === "format") && arg.format) {
    checkFormat(ctx, scope, arg.format);
  } else if (param.kind === "var" || param.kind === "var-out") {
    // 2.4 module functions take variables as quoted names.
    const variable = soleVariable(arg);
    if (variable) checkVariable(site, variable);
  }
  if (ctx.isV3 && position === 1 && call.name === "t_relay" && /^(?:[a-z_]+:)?[\w.-]+:\d+$/i.test(arg.value)) {
    ctx.report(
      "error",
      CODES.tRelayOldOrder,
      `since OpenSIPS 3.0 the first parameter of t_relay() is the flags; pass the destination second: t_relay(, "${arg.value}").`,
      arg.span,
    );
  }
}

function checkVariable(site: ArgSite, pv: PseudoVar): void {
  const { ctx, scope, param } = site;
  if (param.kind === "var-out") return checkOutput(site, pv, param.avpOnly);
  if (param.avpOnly && pv.name !== "avp") reportNotAvp(site, pv);
  checkPv(ctx, scope, pv, "read");
}

function checkOutput(site: ArgSite, pv: PseudoVar, avpOnly: boolean): void {
  if (avpOnly && pv.name !== "avp") reportNotAvp(site, pv);
  checkPv(site.ctx, site.scope, pv, "write", `parameter ${site.position} of ${site.call.name}()`);
}

function reportNotAvp(site: ArgSite, pv: PseudoVar): void {
  site.ctx.report("error", CODES.outputNotAvp, `parameter ${site.position} of ${site.call.name}() must be an AVP such as $avp(name), not ${pvText(pv)}.`, pv.span);
}

/** Pseudo-variables, their transformations, and format strings (spec §7.4, §8, §9). */
import type { FormatString, PseudoVar, Transform } from "./ast.ts";
import { CODES } from "./check-codes.ts";
import type { CheckContext, Scope } from "./check-context.ts";
import { nearestName } from "./check-names.ts";
import { nestedPvs, type PvUse } from "./check-walk.ts";
import { lookupPv, pvVersions, transformClass } from "../runtime/catalogue/tables.ts";
import { CATALOGUE_VERSIONS, type PvDescriptor } from "../runtime/catalogue/types.ts";

export function pvText(pv: PseudoVar): string {
  const arg = pv.arg ? `(${pv.arg.kind === "text" ? pv.arg.text : pvText(pv.arg.pv)})` : "";
  return `$${pv.name}${arg}`;
}

/**
 * The catalogue entries `pv` resolves to, reporting why when it does not resolve. An empty
 * result after a report means "unusable"; `null` means "not checkable" (a module the catalogue
 * does not know may export it).
 */
export function resolvePv(ctx: CheckContext, scope: Scope, pv: PseudoVar): PvDescriptor[] | null {
  // A malformed `$…` token: the parser has reported it already.
  if (pv.name === "") return null;
  const entries = lookupPv(pv.name, ctx.version);
  if (entries.length === 0) {
    const versions = pvVersions(pv.name);
    if (versions.length > 0) {
      ctx.report("error", CODES.pvNotInVersion, `$${pv.name} does not exist in OpenSIPS ${ctx.version} (only in ${versions.join(", ")}).`, pv.span);
    } else if (ctx.unchecked.size > 0) {
      return null;
    } else {
      ctx.report("error", CODES.unknownPv, `unknown pseudo-variable $${pv.name}; check the spelling (names are case-sensitive).`, pv.span);
    }
    return [];
  }
  const usable = entries.filter((e) => e.module === "core" || scope.modules.includes(e.module));
  if (usable.length === 0) {
    const module = entries[0]!.module;
    ctx.report("error", CODES.pvModuleNotLoaded, `$${pv.name} comes from module ${module}; ${ctx.loadHint(module)}.`, pv.span);
    return [];
  }
  if (pv.arg === null) {
    const plain = usable.filter((e) => !e.takesArgument);
    return plain.length > 0 ? plain : usable;
  }
  const withName = usable.filter((e) => e.takesArgument);
  if (withName.length === 0) {
    ctx.report("error", CODES.pvTakesNoName, `$${pv.name} takes no name in parentheses; write $${pv.name}.`, pv.span);
  }
  return withName;
}

/**
 * Checks one pseudo-variable used as `use`, and everything it reads to find itself. `output`
 * names the function parameter a written variable is passed to.
 */
export function checkPv(ctx: CheckContext, scope: Scope, pv: PseudoVar, use: PvUse, output?: string): void {
  const entries = resolvePv(ctx, scope, pv);
  if (entries && entries.length > 0 && use === "write") checkWritable(ctx, pv, entries, output);
  if (use === "write" && pv.transforms.length > 0) {
    const what = output ? `${output} is an output, and transformations cannot be written` : "transformations cannot be assigned to";
    ctx.report("error", CODES.transformOnTarget, `${what}; use ${pvText(pv)} without {${pv.transforms[0]!.class}.…}.`, pv.span);
  }
  if (pv.trailing !== null) {
    const fix = pv.trailing.startsWith("{") ? `use the long form $(${pvText(pv).slice(1)}${pv.trailing}) to apply it` : "separate it from the variable or remove it";
    ctx.report("warning", CODES.trailingPvText, `OpenSIPS ignores "${pv.trailing}" after ${pvText(pv)}; ${fix}.`, pv.span);
  }
  for (const t of pv.transforms) checkTransform(ctx, scope, t);
  for (const nested of nestedPvs(pv)) checkPv(ctx, scope, nested, "read");
}

function checkWritable(ctx: CheckContext, pv: PseudoVar, entries: PvDescriptor[], output: string | undefined): void {
  if (entries.some((e) => e.writable)) return;
  const message = output
    ? `${output} is an output, but ${pvText(pv)} is read-only; pass a writable variable such as $var(x) or $avp(x).`
    : `${pvText(pv)} is read-only and cannot be assigned; use a writable variable such as $var(x) or $avp(x).`;
  ctx.report("error", CODES.readOnlyPv, message, pv.span);
}

function checkTransform(ctx: CheckContext, scope: Scope, t: Transform): void {
  const methods = transformClass(t.class, ctx.version);
  if (methods.length === 0) {
    const elsewhere = CATALOGUE_VERSIONS.filter((v) => transformClass(t.class, v).length > 0);
    // A module the catalogue does not know may export this class.
    if (elsewhere.length === 0 && ctx.unchecked.size > 0) return;
    const hint = elsewhere.length > 0 ? ` (it exists in ${elsewhere.join(", ")})` : "";
    ctx.report("error", CODES.unknownTransformClass, `unknown transformation class "${t.class}" in OpenSIPS ${ctx.version}${hint}.`, t.span);
    return;
  }
  const module = methods[0]!.module;
  if (module !== "core" && !scope.modules.includes(module)) {
    ctx.report("error", CODES.pvModuleNotLoaded, `the {${t.class}.…} transformations come from module ${module}; ${ctx.loadHint(module)}.`, t.span);
    return;
  }
  const method = methods.find((m) => m.method === t.method);
  if (!method) {
    const near = nearestName(t.method, methods.map((m) => m.method));
    ctx.report("error", CODES.unknownTransformMethod, `unknown transformation {${t.class}.${t.method}}${near ? `; did you mean {${t.class}.${near}}?` : "."}`, t.span);
    return;
  }
  const n = t.params.length;
  if (n < method.minParams || n > method.maxParams) {
    const expected = method.minParams === method.maxParams ? `${method.minParams}` : `${method.minParams} to ${method.maxParams}`;
    ctx.report("error", CODES.transformParamCount, `{${t.class}.${t.method}} takes ${expected} parameter${method.maxParams === 1 ? "" : "s"}, not ${n}.`, t.span);
  }
}

/** A string used as a format: every `$` must start a valid pseudo-variable (or be `$$`). */
export function checkFormat(ctx: CheckContext, scope: Scope, format: FormatString): void {
  if (format.error) {
    const hint = format.error.message.includes("$$") ? "" : '; write $$ for a literal "$"';
    ctx.report("error", CODES.badFormat, `${format.error.message}${hint}.`, format.error.span);
  }
  format.parts.forEach((part, i) => {
    if (part.kind !== "PseudoVar") return;
    checkPv(ctx, scope, part, "read");
    const next = format.parts[i + 1];
    const braces = next?.kind === "Text" ? /^\{[a-z]+\.[^}]*\}/i.exec(next.text) : null;
    if (braces && !part.long) {
      ctx.report(
        "warning",
        CODES.trailingPvText,
        `"${braces[0]}" after ${pvText(part)} is printed as text, not applied; use the long form $(${pvText(part).slice(1)}${braces[0]}).`,
        part.span,
      );
    }
  });
}

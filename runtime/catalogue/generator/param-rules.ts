/**
 * Turns the `params` cells of functions-VER.tsv into parameter descriptors.
 *
 * 3.x cells carry the `cmd_param` flags (`STR|OPT|NO_EXPAND@fixup`), which is exactly what
 * mod_fix.c enforces. 2.4 cells carry kinds read from the fixups, and 2.4's grammar passes every
 * module-function argument as a quoted string ("numbers used as parameters - they should be
 * quoted"); only the cfg.y core statements take bare numbers, words and variables.
 */
import type { ArgForm, ParamDescriptor, ParamKind, ParamMeaning } from "../types.ts";

/** Fixups whose parameter names something more specific than its kind. */
const FIXUP_MEANINGS: Readonly<Record<string, ParamMeaning>> = {
  fixup_froute: "route:failure",
  fixup_rroute: "route:onreply",
  fixup_broute: "route:branch",
  fixup_route: "route:request",
  fix_notification_route: "route:request",
  fixup_report_route: "route:request",
  fixup_mflag: "flag",
  fixup_bflag: "branch-flag",
  bflag_fixup: "branch-flag",
  fixup_dlg_flag: "dialog-flag",
  fixup_pvname_list: "output-list",
  fixup_avpname_list: "output-avp-list",
  fixup_avp_list: "output-avp-list",
};

/** VAR fixups that make the parameter an output restricted to AVPs (README: "must be an AVP"). */
const AVP_OUTPUT_FIXUPS = new Set(["fixup_check_avp", "fixup_avp", "fixup_spec_as_avp"]);

/** VAR fixups that require a writable variable. */
const WRITABLE_OUTPUT_FIXUPS = new Set([
  "fixup_check_wrvar",
  "fixup_check_wr_var",
  "fixup_check_var",
  "fixup_check_var_setf",
  "fixup_check_outvar",
  "fixup_wpvar",
  "fixup_check_pv_setf",
]);

const ALL_FORMS: readonly ArgForm[] = ["string", "number", "pv", "word"];

/** Grammar placeholders of cfg.y statements whose arguments are separate AST nodes. */
const GRAMMAR_PLACEHOLDERS = new Set(["ROUTE", "ASYNC_CALL", "EXPR", "ANY...", "SOCKET", "HOST", "EMPTY"]);

function param(kind: ParamKind, accepts: readonly ArgForm[], optional: boolean, fixup: string | null): ParamDescriptor {
  return { kind, optional, accepts, avpOnly: false, fixup, meaning: fixup ? (FIXUP_MEANINGS[fixup] ?? null) : null };
}

function splitFixup(cell: string): { flags: string[]; fixup: string | null } {
  const at = cell.indexOf("@");
  const flagText = at < 0 ? cell : cell.slice(0, at);
  return { flags: flagText.split("|"), fixup: at < 0 ? null : cell.slice(at + 1) };
}

/** One 3.x parameter cell. `statement`: a cfg.y statement, whose arguments are literals only. */
export function param3x(cell: string, statement: boolean): ParamDescriptor {
  const { flags, fixup } = splitFixup(cell);
  const optional = flags.includes("OPT");
  if (flags.some((f) => GRAMMAR_PLACEHOLDERS.has(f)) || (flags.includes("VAR") && flags.includes("INT"))) {
    return param("any", ALL_FORMS, optional, fixup);
  }
  if (statement) {
    const accepts: ArgForm[] = flags.includes("INT") ? ["string", "number"] : ["string"];
    return param(flags.includes("INT") ? "str-noexpand" : "str", accepts, optional, fixup);
  }
  if (flags.includes("INT")) return param("int", ["number", "pv"], optional, fixup);
  if (flags.includes("REGEX")) return param("regex", ["string", "pv"], optional, fixup);
  if (flags.includes("VAR")) {
    const p = param("var", ["pv"], optional, fixup);
    if (fixup && AVP_OUTPUT_FIXUPS.has(fixup)) return { ...p, kind: "var-out", avpOnly: true };
    if (fixup && WRITABLE_OUTPUT_FIXUPS.has(fixup)) return { ...p, kind: "var-out" };
    return p;
  }
  if (flags.includes("STATIC")) return param("str-static", ["string"], optional, fixup);
  if (flags.includes("NO_EXPAND")) return param("str-noexpand", ["string", "pv"], optional, fixup);
  return param("str", ["string", "pv"], optional, fixup);
}

/**
 * One 2.4 parameter cell of a module function. `fixup` is the function's single fixup, when the
 * notes name exactly one (its meaning applies to a one-parameter function).
 */
export function param24Module(cell: string, fixup: string | null): ParamDescriptor {
  const flags = cell.split("|");
  const optional = flags.includes("OPT");
  const base = flags.filter((f) => f !== "OPT").join("|");
  const kind: ParamKind =
    base === "STR(fmt)" ? "str"
    : base === "INT" || base === "INT|VAR" ? "int"
    : base === "VAR" ? "var"
    : base === "REGEX" ? "regex"
    : base === "STR" || base === "STR|VAR" || base === "-" ? "str-noexpand"
    : "any";
  return param(kind, ["string"], optional, fixup);
}

/** One 2.4 parameter cell of a cfg.y core statement: its kinds are grammar tokens. */
export function param24Core(cell: string): ParamDescriptor {
  const flags = cell.split("|");
  const optional = flags.includes("OPT");
  const base = flags.filter((f) => f !== "OPT");
  if (base.some((f) => GRAMMAR_PLACEHOLDERS.has(f))) return param("any", ALL_FORMS, optional, null);
  const has = (f: string) => base.includes(f);
  if (has("ID")) return param("any", ["number", "word"], optional, null);
  if (has("STR") && has("VAR")) return param("var-out", ["string", "pv"], optional, null);
  if (has("INT") && has("VAR")) return param("int", ["number", "pv"], optional, null);
  if (has("INT") && has("STR")) return param("str-noexpand", ["string", "number"], optional, null);
  if (has("VAR")) return param("var", ["pv"], optional, null);
  if (has("INT")) return param("int", ["number"], optional, null);
  return param("str-noexpand", ["string"], optional, null);
}

/**
 * Hand-maintained facts the export tables do not carry: which plain `VAR` parameters are outputs,
 * which AVP-typed parameters are inputs, which 2.4 strings are format strings, and how
 * pseudo-variables are typed (spec §7.6). The generator applies them; the test that compares the
 * committed data with a fresh generation keeps them in effect.
 */
import type { CatalogueVersion, ParamDescriptor } from "../types.ts";

export interface ParamOverride {
  module: string;
  name: string;
  versions: readonly CatalogueVersion[];
  /** 0-based parameter index → fields to replace. */
  params: Readonly<Record<number, Partial<Pick<ParamDescriptor, "kind" | "accepts" | "avpOnly" | "meaning">>>>;
}

const V3: readonly CatalogueVersion[] = ["3.4", "3.6"];
const V24: readonly CatalogueVersion[] = ["2.4"];
const ALL: readonly CatalogueVersion[] = ["2.4", "3.4", "3.6"];
const OUT = { kind: "var-out" } as const;
const AVP_INPUT = { kind: "var", avpOnly: true } as const;
const FORMAT = { kind: "str" } as const;

export const PARAM_OVERRIDES: readonly ParamOverride[] = [
  // Outputs declared as plain VAR (no checking fixup) in 3.x.
  { module: "rest_client", name: "rest_get", versions: ALL, params: { 1: OUT, 2: OUT, 3: OUT } },
  { module: "rest_client", name: "rest_post", versions: ALL, params: { 3: OUT, 4: OUT, 5: OUT } },
  { module: "rest_client", name: "rest_put", versions: ALL, params: { 3: OUT, 4: OUT, 5: OUT } },
  { module: "mi_script", name: "mi", versions: V3, params: { 1: OUT, 2: AVP_INPUT, 3: AVP_INPUT } },
  { module: "aaa_diameter", name: "dm_send_request", versions: V3, params: { 3: OUT } },
  { module: "core", name: "pv_printf", versions: ALL, params: { 0: OUT } },
  { module: "core", name: "avp_printf", versions: V24, params: { 0: OUT, 1: FORMAT } },
  // log([level,] "text") prints its text as written: no PV expansion (spec §5.11).
  { module: "core", name: "log", versions: ALL, params: { 0: { kind: "str-noexpand" }, 1: { kind: "str-noexpand" } } },
  // script_trace keeps its format and renders it at every traced action.
  { module: "core", name: "script_trace", versions: ALL, params: { 1: { meaning: "format" } } },
  // raise_event's attribute names/values are AVPs read by the call, not written.
  { module: "core", name: "raise_event", versions: V3, params: { 1: AVP_INPUT, 2: AVP_INPUT } },
  // event_routing's AVP filters are matched against event attributes, not written.
  { module: "event_routing", name: "wait_for_event", versions: V3, params: { 1: AVP_INPUT } },
  { module: "event_routing", name: "notify_on_event", versions: V3, params: { 1: AVP_INPUT } },
  // 2.4: exec(cmd, stdin, stdout, stderr, env) writes the PVs named in its 3rd/4th strings.
  { module: "exec", name: "exec", versions: V24, params: { 2: OUT, 3: OUT } },
  // 2.4 avp_db_query(query, "$avp(a);$avp(b)", db_id): the kinds were not read from its fixup.
  { module: "avpops", name: "avp_db_query", versions: V24, params: { 0: FORMAT, 1: { kind: "str-noexpand", meaning: "output-list" } } },
  // 2.4 core statements: xlog/xdbg/pv_printf formats; outputs of cache_* and friends.
  { module: "core", name: "xlog", versions: V24, params: { 0: FORMAT, 1: FORMAT } },
  { module: "core", name: "xdbg", versions: V24, params: { 0: FORMAT } },
  { module: "core", name: "pv_printf", versions: V24, params: { 1: FORMAT } },
  { module: "core", name: "cache_fetch", versions: V24, params: { 2: OUT } },
  { module: "core", name: "cache_counter_fetch", versions: V24, params: { 2: OUT } },
  { module: "core", name: "cache_add", versions: V24, params: { 4: OUT } },
  { module: "core", name: "cache_sub", versions: V24, params: { 4: OUT } },
  { module: "core", name: "get_timestamp", versions: V24, params: { 0: OUT, 1: OUT } },
  { module: "core", name: "construct_uri", versions: V24, params: { 5: OUT } },
  { module: "core", name: "setflag", versions: V24, params: { 0: { meaning: "flag" } } },
  { module: "core", name: "resetflag", versions: V24, params: { 0: { meaning: "flag" } } },
  { module: "core", name: "isflagset", versions: V24, params: { 0: { meaning: "flag" } } },
];

/** Integer-typed pseudo-variables (spec §7.6): their values compare numerically. */
export const INT_TYPED_PVS: ReadonlySet<string> = new Set([
  "rs", "sp", "rp", "cl", "ml", "Ts", "Tsm", "TS", "pp", "rc", "retcode", "hdrcnt",
  "T_reply_code", "T_branch_idx", "T_branch_last_reply_code",
  "DLG_count", "DLG_status", "DLG_lifetime", "DLG_flags", "DLG_timeout", "DLG_del_delay",
  "msg.branch.last_idx", "RANDOM",
]);

/**
 * Pseudo-variables that always hold strings (spec §6.2, §7.6): `$cs == 1` is an error at run time
 * and always false. Containers whose type depends on what was stored ($var, $avp …) are not here.
 */
export const STRING_TYPED_PVS: ReadonlySet<string> = new Set([
  "ru", "ruri", "rU", "ruri.user", "rd", "ruri.domain", "rm", "ci", "cs", "ua", "hdr", "si", "src_ip",
  "fu", "from", "fU", "from.user", "fd", "from.domain", "fn", "ft",
  "tu", "to", "tU", "to.user", "td", "to.domain", "tn", "tt",
  "du", "duri", "dd", "ou", "ouri", "oU", "od", "rr", "rP", "oP", "dP",
  "ct", "cT", "ai", "pu", "pU", "pd", "pn", "re", "di", "rt", "mb", "rb", "path",
  "au", "ad", "ar", "aU", "adu", "an", "Au", "Tf", "ds", "route", "route.name", "route.type",
]);

/**
 * Pseudo-variables written inside dispatcher's module parameters, parsed when the module starts:
 * `hash_pvar` is a format (`"hash the $fU@$ci"`), `setid_pvar` one writable PV, the `*_avp`
 * parameters name AVPs (`$avp(ds_dst_failover)`), and `pvar_algo_pattern` is a PV spec built per
 * destination. Supported: `$avp(…)`, `$var(…)`, `$shv(…)`, the message PVs, and the PVs of the
 * engine's modules.
 */
import { format, type Format } from "../format.ts";
import type { ModuleImpl } from "../functions.ts";
import { avpPv } from "../pv-avp.ts";
import { MESSAGE_PVS } from "../pv-message.ts";
import { shvPv, varPv } from "../pv-script.ts";
import type { Pv } from "../pv-types.ts";

const PV_REFERENCE = /\$([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(?:\(([^()]*)\))?/g;
const AVP_SPEC = /^\$avp\(([^()]+)\)$/;

/** The accessor of `$name` / `$name(arg)`, or an error text. */
function accessor(modules: readonly ModuleImpl[], name: string, arg: string | undefined, written: string): Pv | string {
  if (name === "avp" || name === "var" || name === "shv") {
    if (arg === undefined || arg === "") return `"${written}" needs a name`;
    return name === "avp" ? avpPv(arg) : name === "var" ? varPv(arg) : shvPv(arg);
  }
  const factory = modules.find((m) => m.pvs?.has(name))?.pvs?.get(name) ?? MESSAGE_PVS.get(name);
  return factory === undefined ? `unknown pseudo-variable "${written}"` : factory(arg ?? null);
}

/** A text holding exactly one PV. */
export function pvFromSpec(modules: readonly ModuleImpl[], spec: string): Pv | string {
  const text = spec.trim();
  const match = new RegExp(`^${PV_REFERENCE.source}$`).exec(text);
  if (match === null) return `malformed pseudo-variable "${spec}"`;
  return accessor(modules, match[1]!, match[2], text);
}

/** A format string: literal text with PVs. */
export function formatFromText(modules: readonly ModuleImpl[], text: string): Format | string {
  const parts: (string | Pv)[] = [];
  let last = 0;
  for (const match of text.matchAll(PV_REFERENCE)) {
    const pv = accessor(modules, match[1]!, match[2], match[0]);
    if (typeof pv === "string") return pv;
    parts.push(text.slice(last, match.index), pv);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return format(parts);
}

/** The name of the AVP a parameter such as `dst_avp` names; null when it is not an `$avp(…)`. */
export function avpNameOf(spec: string): string | null {
  return AVP_SPEC.exec(spec.trim())?.[1]?.trim() ?? null;
}

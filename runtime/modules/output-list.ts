/**
 * The output lists of sqlops/avpops/cachedb functions, written as one string:
 * `"$avp(name);$avp(credit)"` (sql_query, avp_db_query: AVPs only) or `"$var(a);$avp(b);$du"`
 * (sql_query_one: any writable variable). Parsed once per text.
 */
import { MESSAGE_PVS } from "../pv-message.ts";
import { avpPv } from "../pv-avp.ts";
import { varPv } from "../pv-script.ts";
import type { Pv } from "../pv-types.ts";

const SPEC = /^\$([A-Za-z_][\w.]*)(?:\(([^()]*)\))?$/;
const cache = new Map<string, Pv[] | string>();

/** The accessors of the list, or an error message. */
export function outputList(text: string, avpOnly: boolean): Pv[] | string {
  const key = `${avpOnly ? "avp" : "any"}:${text}`;
  let parsed = cache.get(key);
  if (parsed === undefined) {
    parsed = parse(text, avpOnly);
    cache.set(key, parsed);
  }
  return parsed;
}

function parse(text: string, avpOnly: boolean): Pv[] | string {
  const accessors: Pv[] = [];
  for (const item of text.split(";").map((s) => s.trim())) {
    const match = SPEC.exec(item);
    if (match === null) return `bad output variable "${item}" in "${text}"`;
    const [, name, arg] = match as unknown as [string, string, string | undefined];
    if (name === "avp" && arg !== undefined) accessors.push(avpPv(arg));
    else if (avpOnly) return `only AVPs can receive the result, not "${item}"`;
    else if (name === "var" && arg !== undefined) accessors.push(varPv(arg));
    else {
      const factory = MESSAGE_PVS.get(name);
      if (factory === undefined) return `unknown output variable "${item}"`;
      accessors.push(factory(arg ?? null));
    }
  }
  return accessors;
}

/** `$avp(1)`, `$avp(2)`…: where a query without an output list puts its columns. */
export function numberedAvp(column: number): Pv {
  return avpPv(String(column + 1));
}

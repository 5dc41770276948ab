/**
 * The parameters of the user-preference AVP functions (avpops avp_db_load/store/delete up to
 * OpenSIPS 3.4, sqlops sql_avp_load/store/delete since 3.5), as their fixups read them:
 * - source: `(pvar|text)['/'('username'|'domain'|'uri'|'uuid')]`; `$ru`, `$fu`, `$tu` and `$ou`
 *   default to `uri`, any other variable or a text to `uuid`;
 * - name: `($avp(name)|s|i|a)['/'(table|'$'scheme)]`; `s`, `i`, `a` mean every attribute;
 * - the table's column names come from the module parameters (defaults as in OpenSIPS) and
 *   `db_scheme` describes other tables (`name:uuid_col=…;value_col=…;value_type=integer;table=…`).
 */
import type { Script } from "../script.ts";
import type { Pv } from "../pv-types.ts";
import { modParam, modParamValues } from "./modparams.ts";
import { outputList } from "./output-list.ts";

export type SourceKind = "uuid" | "uri" | "username" | "domain";

export interface AvpSource {
  /** The variable to read, or the text itself. */
  readonly value: Pv | string;
  readonly kind: SourceKind;
}

export interface DbScheme {
  readonly name: string;
  readonly table: string | null;
  readonly uuidColumn: string | null;
  readonly usernameColumn: string | null;
  readonly domainColumn: string | null;
  readonly valueColumn: string | null;
  readonly integerValues: boolean;
}

export interface AvpDbParam {
  /** The AVP name; null for every attribute (`s`, `i`, `a`). */
  readonly avp: string | null;
  /** `/table`; null for the module's table. */
  readonly table: string | null;
  /** `/$scheme` (load only). */
  readonly scheme: DbScheme | null;
}

export interface PreferenceColumns {
  readonly table: string;
  readonly uuid: string;
  readonly username: string;
  readonly domain: string;
  readonly attribute: string;
  readonly value: string;
  readonly type: string;
  readonly useDomain: boolean;
}

const URI_PVS = new Set(["$ru", "$fu", "$tu", "$ou"]);
const SOURCE_FLAGS: ReadonlySet<string> = new Set(["uuid", "uri", "username", "domain"]);

/** The source parameter, or an error message. */
export function parseSource(text: string): AvpSource | string {
  const slash = text.indexOf("/");
  const spec = slash < 0 ? text : text.slice(0, slash);
  const flag = slash < 0 ? null : text.slice(slash + 1).toLowerCase();
  if (flag !== null && !SOURCE_FLAGS.has(flag)) return `unknown flag <${text.slice(slash + 1)}>`;
  if (!spec.startsWith("$")) return { value: spec, kind: (flag as SourceKind | null) ?? "uuid" };
  const pv = outputList(spec, false);
  if (typeof pv === "string" || pv.length !== 1) return `bad param 1 <${spec}>; expected : $pseudo-variable or int/str value`;
  return { value: pv[0]!, kind: (flag as SourceKind | null) ?? (URI_PVS.has(spec) ? "uri" : "uuid") };
}

/** The name parameter, or an error message; `allowScheme` for the load function only. */
export function parseDbParam(text: string, script: Script, module: string, allowScheme: boolean): AvpDbParam | string {
  const slash = text.indexOf("/");
  const spec = slash < 0 ? text : text.slice(0, slash);
  const where = slash < 0 ? "" : text.slice(slash + 1);
  let avp: string | null = null;
  if (/^[sia]$/i.test(spec)) avp = null;
  else {
    const match = /^\$avp\(([^()]+)\)$/.exec(spec);
    if (match === null) return `bad param - expected : $avp(name), s, i or a, not <${spec}>`;
    avp = match[1]!;
  }
  if (!where.startsWith("$")) return { avp, table: where === "" ? null : where, scheme: null };
  if (!allowScheme) return "db scheme not allowed here";
  const scheme = dbSchemes(script, module).get(where.slice(1).toLowerCase());
  if (scheme === undefined) return `scheme <${where.slice(1)}> not found`;
  if (avp === null) return "a db scheme needs a named AVP";
  return { avp, table: null, scheme };
}

const SCHEME_KEYS: Readonly<Record<string, keyof Omit<DbScheme, "name" | "integerValues">>> = {
  uuid_col: "uuidColumn",
  username_col: "usernameColumn",
  domain_col: "domainColumn",
  value_col: "valueColumn",
  table: "table",
};

function parseScheme(definition: string): DbScheme | null {
  const colon = definition.indexOf(":");
  if (colon <= 0) return null;
  const scheme: { -readonly [K in keyof DbScheme]: DbScheme[K] } = {
    name: definition.slice(0, colon).trim().toLowerCase(),
    table: null,
    uuidColumn: null,
    usernameColumn: null,
    domainColumn: null,
    valueColumn: null,
    integerValues: false,
  };
  for (const element of definition.slice(colon + 1).split(";")) {
    const [key, value] = element.split("=").map((s) => s.trim());
    if (key === undefined || value === undefined || value === "") return null;
    if (key === "value_type" && (value === "integer" || value === "string")) scheme.integerValues = value === "integer";
    else if (SCHEME_KEYS[key] !== undefined) scheme[SCHEME_KEYS[key]] = value;
    else return null;
  }
  return scheme;
}

function dbSchemes(script: Script, module: string): Map<string, DbScheme> {
  const schemes = new Map<string, DbScheme>();
  for (const value of modParamValues(script, module, "db_scheme")) {
    const scheme = parseScheme(String(value));
    if (scheme !== null) schemes.set(scheme.name, scheme);
  }
  return schemes;
}

/** The user-preference table and its columns; `tableParam` is `avp_table` (avpops) or `usr_table` (sqlops). */
export function preferenceColumns(script: Script, module: string, tableParam: string): PreferenceColumns {
  const text = (name: string, fallback: string): string => String(modParam(script, module, name) ?? fallback);
  return {
    table: text(tableParam, "usr_preferences"),
    uuid: text("uuid_column", "uuid"),
    username: text("username_column", "username"),
    domain: text("domain_column", "domain"),
    attribute: text("attribute_column", "attribute"),
    value: text("value_column", "value"),
    type: text("type_column", "type"),
    useDomain: Number(modParam(script, module, "use_domain") ?? 0) !== 0,
  };
}

/**
 * User preferences as AVPs (avpops avp_db_load/store/delete; sqlops sql_avp_load/store/delete),
 * as sqlops_impl.c does them on the module's `db_url` database:
 * - load: the rows of the owner (uuid, or username [and domain]) — of one attribute, or all — each
 *   become an AVP (the `type` column's bit 1 marks an integer value; a db scheme names the value
 *   column and its type), pushed in row order, names preceded by the optional prefix;
 *   1 when something was loaded, else -1;
 * - store: every value of the AVP (of every AVP for `s`/`i`/`a`) not loaded from or stored to the
 *   database already becomes a row; 1 when one was stored, else -1;
 * - delete: removes the owner's rows (of that attribute); 1, even when the database refused it,
 *   as OpenSIPS's sql_avp_delete.
 * Bad parameters are logged and give -1.
 */
import { intArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, FunctionImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import type { SqlCell } from "../backends/sql-types.ts";
import { parseUri } from "../sip/uri.ts";
import { textOf } from "../transformations/value-text.ts";
import type { Value } from "../value.ts";
import { markInDatabase, valuesNotInDatabase } from "./avpops-db-marks.ts";
import { parseDbParam, parseSource, preferenceColumns, type AvpDbParam, type AvpSource, type DbScheme, type PreferenceColumns } from "./avpops-db-params.ts";
import { sqlDatabase, type SqlHandle } from "./sql-databases.ts";
import { sqlString } from "../backends/sql-literal.ts";

/** Whose preferences: a uuid, or a username and maybe a domain. */
interface Owner {
  readonly uuid: string | null;
  readonly username: string | null;
  readonly domain: string | null;
}

interface Call {
  readonly ctx: Ctx;
  readonly columns: PreferenceColumns;
  readonly param: AvpDbParam;
  readonly owner: Owner;
  readonly db: SqlHandle;
  readonly fail: (message: string) => number;
}

/** The `type` column's bit for an integer value (SQLOPS_DB_VAL_INT). */
const INTEGER_VALUE = 1;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function ownerOf(ctx: Ctx, source: AvpSource, useDomain: boolean): Owner | string {
  const raw = typeof source.value === "string" ? source.value : textOf(source.value.get(ctx));
  if (raw === null || raw === "") return "no value for first param";
  if (source.kind === "uuid") return { uuid: raw, username: null, domain: null };
  const uri = parseUri(raw);
  if (uri === null) return "failed to parse uri";
  const user = source.kind === "uri" || source.kind === "username";
  const host = source.kind === "uri" || source.kind === "domain";
  if (user && (uri.user === null || uri.user === "")) return `incomplete uri <${raw}> missing user`;
  if (host && uri.host === "") return `incomplete uri <${raw}> missing host`;
  return { uuid: null, username: user ? uri.user : null, domain: host && (useDomain || source.kind === "domain") ? uri.host : null };
}

/** Everything a call needs, or why its parameters are refused. */
function prepare(ctx: Ctx, module: string, tableParam: string, args: readonly Arg[], allowScheme: boolean, fail: Call["fail"]): Call | string {
  const [sourceArg, paramArg, dbId] = args;
  const source = parseSource(textArg(sourceArg) ?? "");
  if (typeof source === "string") return source;
  const param = parseDbParam(textArg(paramArg) ?? "", ctx.engine.script, module, allowScheme);
  if (typeof param === "string") return param;
  const columns = preferenceColumns(ctx.engine.script, module, tableParam);
  const { scheme } = param;
  const names = [param.table, columns.table, columns.uuid, columns.username, columns.domain, columns.attribute, columns.value, columns.type];
  if (scheme !== null) names.push(scheme.table, scheme.uuidColumn, scheme.usernameColumn, scheme.domainColumn, scheme.valueColumn);
  const bad = names.find((n) => n !== null && !IDENTIFIER.test(n));
  if (bad !== undefined) return `bad table or column name <${bad}>`;
  const owner = ownerOf(ctx, source, columns.useDomain);
  if (typeof owner === "string") return owner;
  return { ctx, columns, param, owner, db: sqlDatabase(ctx.engine, module, intArg(dbId)), fail };
}

/** The WHERE clause selecting the owner's rows (prepare_selection). */
function selection(call: Call, scheme: DbScheme | null): string {
  const { columns, owner, param } = call;
  const keys: [string, string][] = [];
  if (owner.uuid !== null) keys.push([scheme?.uuidColumn ?? columns.uuid, owner.uuid]);
  else {
    if (owner.username !== null) keys.push([scheme?.usernameColumn ?? columns.username, owner.username]);
    if (owner.domain !== null) keys.push([scheme?.domainColumn ?? columns.domain, owner.domain]);
  }
  if (param.avp !== null && scheme === null) keys.push([columns.attribute, param.avp]);
  return keys.length === 0 ? "" : ` WHERE ${keys.map(([column, value]) => `${column}=${sqlString(value)}`).join(" AND ")}`;
}

/** One row as an AVP, or why it is skipped. */
function rowToAvp(row: readonly SqlCell[], param: AvpDbParam, scheme: DbScheme | null, prefix: string): { name: string; value: Exclude<Value, null> } | string {
  const [value, attribute, type] = row;
  if (value === null || value === undefined) return "empty value in db row";
  if (scheme === null && (attribute === null || attribute === undefined || typeof type !== "number")) return "dbrow contains NULL fields or wrong field types";
  const integer = scheme === null ? ((type as number) & INTEGER_VALUE) !== 0 : scheme.integerValues;
  const name = prefix + (param.avp ?? String(attribute));
  if (!integer) return { name, value: String(value) };
  if (typeof value === "number") return { name, value };
  return /^[0-9]+$/.test(value) ? { name, value: Number(value) } : `value is not int as flags say <${value}>`;
}

function load(call: Call, prefix: string): number {
  const { ctx, columns, param } = call;
  const scheme = param.scheme;
  const table = scheme?.table ?? param.table ?? columns.table;
  const selected = scheme === null ? `${columns.value}, ${columns.attribute}, ${columns.type}` : (scheme.valueColumn ?? columns.value);
  const result = call.db.querySync(`SELECT ${selected} FROM ${table}${selection(call, scheme)}`);
  if (!result.ok) return call.fail(`db_load failed: ${result.error}`);
  let loaded = 0;
  for (const row of result.rows) {
    const avp = rowToAvp(row, param, scheme, prefix);
    if (typeof avp === "string") {
      call.fail(avp);
      continue;
    }
    ctx.state.avps.push(avp.name, avp.value);
    markInDatabase(ctx.state.avps, avp.name, avp.value);
    loaded++;
  }
  return loaded > 0 ? 1 : -1;
}

function isIntegerValue(value: Value): boolean {
  return typeof value === "number" || (typeof value === "object" && value !== null);
}

function store(call: Call): number {
  const { ctx, columns, owner, param } = call;
  const avps = ctx.state.avps;
  const names = param.avp !== null ? [param.avp] : avps.entries().map(([name]) => name);
  const into = `INSERT INTO ${param.table ?? columns.table} (${[columns.uuid, columns.attribute, columns.value, columns.type, columns.username, columns.domain].join(", ")})`;
  let stored = 0;
  for (const name of names) {
    for (const value of valuesNotInDatabase(avps, name)) {
      const type = isIntegerValue(value) ? INTEGER_VALUE : 0;
      const cells = [owner.uuid ?? "", name, textOf(value) ?? "", owner.username ?? "", owner.domain ?? ""].map(sqlString);
      cells.splice(3, 0, String(type));
      const result = call.db.querySync(`${into} VALUES (${cells.join(", ")})`);
      if (!result.ok) {
        call.fail(`insert failed: ${result.error}`);
        continue;
      }
      markInDatabase(avps, name, value);
      stored++;
    }
  }
  return stored > 0 ? 1 : -1;
}

function remove(call: Call): number {
  const table = call.param.table ?? call.columns.table;
  const result = call.db.querySync(`DELETE FROM ${table}${selection(call, null)}`);
  if (!result.ok) call.fail(`db_delete failed: ${result.error}`);
  return 1;
}

export interface PreferenceFunctionNames {
  readonly load: string;
  readonly store: string;
  readonly delete: string;
}

/** The three functions of `module`; `tableParam` names its table parameter (`avp_table`, `usr_table`). */
export function userPreferenceFunctions(module: string, names: PreferenceFunctionNames, tableParam: string): ReadonlyMap<string, FunctionImpl> {
  const run = (name: string, allowScheme: boolean, action: (call: Call, args: readonly Arg[]) => number): FunctionImpl => ({
    call: (ctx, args) => {
      const fail = (message: string): number => {
        ctx.log(L_ERR, `ERROR:${module}:${name}: ${message}`);
        return -1;
      };
      const call = prepare(ctx, module, tableParam, args, allowScheme, fail);
      return typeof call === "string" ? fail(call) : action(call, args);
    },
  });
  return new Map([
    [names.load, run(names.load, true, (call, args) => load(call, textArg(args[3]) ?? ""))],
    [names.store, run(names.store, false, store)],
    [names.delete, run(names.delete, false, remove)],
  ]);
}

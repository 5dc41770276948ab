/**
 * sql_query / avp_db_query and sql_query_one (spec §10.4): run one statement on the module's
 * database and store the result. sql_query adds one value per row to one AVP per column (row 0
 * on top; `$avp(1)`, `$avp(2)`… without a list; DB NULL as "<null>"); sql_query_one sets any
 * variables from the first row (DB NULL as NULL). Codes: 1 rows, -2 no rows, -1 error.
 */
import { intArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, AsyncDone, FunctionImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import type { Pv } from "../pv-types.ts";
import { avpQueryOutputs, oneRowOutputs } from "../backends/sql-outputs.ts";
import type { SqlResult } from "../backends/sql-types.ts";
import { numberedAvp, outputList } from "./output-list.ts";
import { sqlDatabase, type SqlHandle } from "./sql-databases.ts";

interface Query {
  readonly sql: string;
  /** null: no list given (sql_query's numbered AVPs). */
  readonly outputs: Pv[] | null;
  readonly db: SqlHandle;
}

type Storing = (ctx: Ctx, result: SqlResult, outputs: Pv[] | null) => AsyncDone;

function prepare(ctx: Ctx, module: string, name: string, avpOnly: boolean, [sql, list, dbId]: readonly Arg[]): Query | null {
  const statement = textArg(sql);
  const listText = textArg(list);
  const outputs = listText === null ? null : outputList(listText, avpOnly);
  if (statement === null || typeof outputs === "string") {
    ctx.log(L_ERR, `ERROR:${module}:${name}: ${typeof outputs === "string" ? outputs : "empty query"}`);
    return null;
  }
  return { sql: statement, outputs, db: sqlDatabase(ctx.engine, module, intArg(dbId)) };
}

/** sql_query's storing: every row, into AVPs. */
const storeRows: Storing = (ctx, result, outputs) => {
  const { code, pushes } = avpQueryOutputs(result, outputs === null ? null : outputs.length);
  return {
    code,
    write: (target) => {
      for (const push of pushes) (outputs?.[push.column] ?? numberedAvp(push.column)).assign(target, "=", push.value);
    },
  };
};

/** sql_query_one's storing: the first row, into the listed variables. */
const storeFirstRow: Storing = (_ctx, result, outputs) => {
  const { code, values } = oneRowOutputs(result, outputs?.length ?? 0);
  return {
    code,
    write: (target) => values.forEach((value, i) => outputs?.[i]?.assign(target, "=", value)),
  };
};

function reportFailure(ctx: Ctx, module: string, name: string, result: SqlResult): void {
  if (!result.ok) ctx.log(L_ERR, `ERROR:${module}:${name}: query failed: ${result.error}`);
}

/** The blocking and async forms of one query function. */
export function queryFunction(module: string, name: string, oneRow: boolean): FunctionImpl {
  const store = oneRow ? storeFirstRow : storeRows;
  const avpOnly = !oneRow;
  const finish = (ctx: Ctx, result: SqlResult, outputs: Pv[] | null): AsyncDone => {
    reportFailure(ctx, module, name, result);
    return store(ctx, result, outputs);
  };
  return {
    call: (ctx, args) => {
      const query = prepare(ctx, module, name, avpOnly, args);
      if (query === null) return -1;
      const done = finish(ctx, query.db.querySync(query.sql), query.outputs);
      done.write?.(ctx);
      return done.code;
    },
    start: (ctx, args) => {
      const query = prepare(ctx, module, name, avpOnly, args);
      if (query === null) return -1;
      const pending = query.db.queryAsync(query.sql);
      if (!(pending instanceof Promise)) return finish(ctx, pending, query.outputs);
      return pending.then((result) => finish(ctx, result, query.outputs));
    },
  };
}

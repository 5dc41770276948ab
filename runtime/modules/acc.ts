/**
 * acc: accounting of transactions. do_accounting("log|db", "missed|failed") arms the transaction:
 * when its final reply goes upstream, a 2xx is reported as "transaction answered"; a negative one
 * as "call missed" (INVITEs, with `missed`; table missed_calls) and "transaction failed" (with
 * `failed`). acc_log_request / acc_db_request report the current request at once. Only the
 * `log` and `db` backends are served (`aaa`, `evi` are refused with -1).
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { EngineCore } from "../engine-core.ts";
import type { FunctionImpl, ModuleImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import type { MessageState } from "../message-state.ts";
import { parseSipMessage } from "../sip/parse.ts";
import { tmOf } from "../tm/state.ts";
import type { Transaction } from "../transaction.ts";
import { logRecord, recordOf, storeRecord, type AccRecord } from "./acc-record.ts";
import { modParam } from "./modparams.ts";

interface Accounting {
  readonly log: boolean;
  readonly db: boolean;
  readonly missed: boolean;
  readonly failed: boolean;
}

/** Accounting armed before the transaction existed. */
const pending = new WeakMap<MessageState, Accounting>();

function parseAccounting(ctx: Ctx, types: string | null, flags: string | null): Accounting | null {
  const typeList = (types ?? "").split("|").map((t) => t.trim().toLowerCase());
  const flagList = (flags ?? "").split("|").map((f) => f.trim().toLowerCase());
  const unsupported = typeList.filter((t) => t !== "log" && t !== "db");
  if (unsupported.length > 0 || typeList.length === 0) {
    ctx.log(L_ERR, `ERROR:acc:do_accounting: accounting type "${types ?? ""}" is not served (log and db are)`);
    return null;
  }
  return { log: typeList.includes("log"), db: typeList.includes("db"), missed: flagList.includes("missed"), failed: flagList.includes("failed") };
}

function doAccounting(ctx: Ctx, types: string | null, flags: string | null): number {
  const accounting = parseAccounting(ctx, types, flags);
  if (accounting === null) return -1;
  if (ctx.transaction !== null) attach(ctx.engine, ctx.transaction, accounting);
  else pending.set(ctx.state, accounting);
  return 1;
}

function attach(engine: EngineCore, tx: Transaction, accounting: Accounting): void {
  tmOf(tx)?.onReply((reply, final) => {
    if (!final) return;
    const parsed = parseSipMessage(reply.text);
    const record = recordOf(engine, tx.state.msg, reply.code, reply.reason, parsed.ok ? parsed.msg.toTag : null);
    if (reply.code < 300) report(engine, tx.msgId, accounting, "transaction answered", "acc", record);
    else {
      if (accounting.missed && record.method === "INVITE") report(engine, tx.msgId, accounting, "call missed", "missed_calls", record);
      if (accounting.failed) report(engine, tx.msgId, accounting, "transaction failed", "acc", record);
    }
  });
}

function report(engine: EngineCore, msg: number, accounting: Accounting, event: string, defaultTable: string, record: AccRecord): void {
  if (accounting.log) logRecord(engine, msg, event, record);
  if (accounting.db) storeRecord(engine, msg, tableName(engine, defaultTable), record);
}

function tableName(engine: EngineCore, table: string): string {
  const param = table === "acc" ? "db_table_acc" : "db_table_missed_calls";
  return String(modParam(engine.script, "acc", param) ?? table);
}

/** The code and reason a request report carries: a leading status code in the comment, else 0. */
function requestRecord(ctx: Ctx, comment: string | null): AccRecord {
  const match = /^([0-9]{3})\s*(.*)$/.exec(comment ?? "");
  return recordOf(ctx.engine, ctx.msg, match === null ? 0 : Number(match[1]), match === null ? (comment ?? "") : match[2]!, null);
}

export const acc: ModuleImpl = {
  name: "acc",
  functions: new Map<string, FunctionImpl>([
    ["do_accounting", { call: (ctx, [types, flags]) => doAccounting(ctx, textArg(types), textArg(flags)) }],
    [
      "acc_log_request",
      {
        call: (ctx, [comment]) => {
          logRecord(ctx.engine, ctx.msgId, "request acknowledged", requestRecord(ctx, textArg(comment)));
          return 1;
        },
      },
    ],
    [
      "acc_db_request",
      {
        call: (ctx, [comment, table]) => {
          const name = textArg(table);
          if (name === null) return -1;
          storeRecord(ctx.engine, ctx.msgId, name, requestRecord(ctx, textArg(comment)));
          return 1;
        },
      },
    ],
  ]),
  init(engine) {
    engine.transactionListeners.push((tx, ctx) => {
      const accounting = pending.get(ctx.state);
      if (accounting !== undefined) attach(engine, tx, accounting);
    });
  },
};

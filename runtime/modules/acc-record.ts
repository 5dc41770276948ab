/**
 * One accounting record (acc): what OpenSIPS's acc module reports about a request and its final
 * reply — method, From-tag, To-tag, Call-ID, status code and reason, time — as a log line
 * (`ACC: <event>: timestamp=…;method=…;…`) or a row of the `acc`/`missed_calls` table.
 */
import type { EngineCore } from "../engine-core.ts";
import { clampLogLevel, levelName, L_NOTICE } from "../log-level.ts";
import type { MessageView } from "../sip/message-view.ts";
import { intModParam, modParam } from "./modparams.ts";
import { sqlDatabase } from "./sql-databases.ts";
import { sqlString } from "../backends/sql-literal.ts";

export interface AccRecord {
  readonly method: string;
  readonly fromTag: string;
  readonly toTag: string;
  readonly callId: string;
  readonly code: number;
  readonly reason: string;
  /** Seconds since the epoch. */
  readonly time: number;
}

export function recordOf(engine: EngineCore, request: MessageView, code: number, reason: string, toTag: string | null): AccRecord {
  return {
    method: request.method ?? "",
    fromTag: request.fromTag ?? "",
    toTag: toTag ?? request.toTag ?? "",
    callId: request.callId ?? "",
    code,
    reason,
    time: Math.floor(engine.env.now() / 1000),
  };
}

/** Writes the record to the log at acc's `log_level` (default NOTICE). */
export function logRecord(engine: EngineCore, msg: number, event: string, r: AccRecord): void {
  const level = clampLogLevel(intModParam(engine.script, "acc", "log_level", L_NOTICE)) ?? L_NOTICE;
  if (level > engine.logLevel) return;
  const text = `ACC: ${event}: timestamp=${r.time};method=${r.method};from_tag=${r.fromTag};to_tag=${r.toTag};call_id=${r.callId};code=${r.code};reason=${r.reason}`;
  engine.env.log({ msg, level: levelName(level), text });
}

/** Inserts the record into `table` of acc's db_url (column names from the acc_*_column parameters). */
export function storeRecord(engine: EngineCore, msg: number, table: string, r: AccRecord): void {
  const column = (name: string, fallback: string): string => String(modParam(engine.script, "acc", `acc_${name}_column`) ?? fallback);
  const columns = [column("method", "method"), column("from_tag", "from_tag"), column("to_tag", "to_tag"), column("callid", "callid"), column("sip_code", "sip_code"), column("sip_reason", "sip_reason"), column("time", "time")];
  const time = new Date(r.time * 1000).toISOString().slice(0, 19).replace("T", " ");
  const values = [r.method, r.fromTag, r.toTag, r.callId, String(r.code), r.reason, time].map(sqlString);
  const sql = `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${values.join(", ")})`;
  const done = Promise.resolve(sqlDatabase(engine, "acc", null).queryAsync(sql)).then((result) => {
    if (!result.ok) engine.env.log({ msg, level: "ERROR", text: `ERROR:acc:acc_db_request: failed to insert into ${table}: ${result.error}` });
  });
  engine.track(done);
}

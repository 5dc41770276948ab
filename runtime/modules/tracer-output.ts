/**
 * Writing a traced message to the destinations of a trace id: a row of the `sip_trace` table
 * (column names from the `*_column` parameters, `time_stamp` as the database's DATETIME text in
 * local time, trace_attrs '' when trace() gave none) or a syslog line (the row as JSON, at the
 * destination's level, else `syslog_default_level`, else `log_level`).
 */
import type { EngineCore } from "../engine-core.ts";
import { clampLogLevel, levelName, L_ERR, type LogLevel } from "../log-level.ts";
import { strftime } from "../strftime.ts";
import { modParam } from "./modparams.ts";
import { insertRow } from "./sql-table.ts";
import type { TraceDestination } from "./tracer-ids.ts";
import type { TraceRow } from "./tracer-rows.ts";

/** The sip_trace columns by their parameter name (`date_column` …) and OpenSIPS's default name. */
const COLUMNS = [
  ["date_column", "time_stamp"],
  ["callid_column", "callid"],
  ["trace_attrs_column", "trace_attrs"],
  ["msg_column", "msg"],
  ["method_column", "method"],
  ["status_column", "status"],
  ["fromproto_column", "from_proto"],
  ["fromip_column", "from_ip"],
  ["fromport_column", "from_port"],
  ["toproto_column", "to_proto"],
  ["toip_column", "to_ip"],
  ["toport_column", "to_port"],
  ["fromtag_column", "fromtag"],
  ["direction_column", "direction"],
] as const;

export type ColumnNames = ReadonlyMap<(typeof COLUMNS)[number][1], string>;

export function columnNames(engine: EngineCore): ColumnNames {
  return new Map(COLUMNS.map(([param, fallback]) => [fallback, String(modParam(engine.script, "tracer", param) ?? fallback)]));
}

export interface TraceOutput {
  readonly columns: ColumnNames;
  /** `syslog_default_level`, else `log_level`. */
  readonly syslogLevel: LogLevel;
}

export function traceOutput(engine: EngineCore): TraceOutput {
  const level = modParam(engine.script, "tracer", "syslog_default_level");
  const parsed = level === undefined ? null : clampLogLevel(Number(level));
  return { columns: columnNames(engine), syslogLevel: parsed ?? clampLogLevel(engine.logLevel) ?? L_ERR };
}

function rowValues(row: TraceRow, attrs: string): Record<(typeof COLUMNS)[number][1], string | number> {
  return {
    time_stamp: strftime("%Y-%m-%d %H:%M:%S", new Date(row.time * 1000)),
    callid: row.callid,
    trace_attrs: attrs,
    msg: row.msg,
    method: row.method,
    status: row.status,
    from_proto: row.from.proto,
    from_ip: row.from.ip,
    from_port: row.from.port,
    to_proto: row.to.proto,
    to_ip: row.to.ip,
    to_port: row.to.port,
    fromtag: row.fromtag,
    direction: row.direction,
  };
}

/** Writes `row` to every destination; false (and an error logged) when one of them failed. */
export function writeRow(
  engine: EngineCore,
  output: TraceOutput,
  destinations: readonly TraceDestination[],
  row: TraceRow,
  attrs: string,
  msgId: number,
): boolean {
  const values = rowValues(row, attrs);
  let ok = true;
  for (const destination of destinations) {
    if (destination.kind === "db") {
      const cells = COLUMNS.map(([, column]) => [output.columns.get(column)!, values[column]] as const);
      const written = insertRow(engine, destination.url, destination.table, cells);
      if (!written.ok) {
        engine.env.log({ msg: msgId, level: levelName(L_ERR), text: `ERROR:tracer:insert_siptrace: error storing trace: ${written.error}` });
        ok = false;
      }
    } else if (destination.kind === "syslog") {
      engine.env.log({ msg: msgId, level: levelName(destination.level ?? output.syslogLevel), text: `tracer: ${JSON.stringify(values)}` });
    }
  }
  return ok;
}

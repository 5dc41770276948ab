/**
 * sipcapture's module parameters as OpenSIPS 3.6 reads them: `capture_on` (0 by default: nothing
 * is stored until it is set), `hep_capture_on`, `table_name` (a strftime suffix after its first
 * `%`, rendered in UTC), `capture_node` ("homer01"), `db_url` (else `db_default_url`) and the
 * `*_column` names. The columns without a parameter (correlation_id, the domains, the custom
 * fields) keep their fixed names, as in sipcapture.c.
 */
import type { EngineCore } from "../engine-core.ts";
import { strftime } from "../strftime.ts";
import { modParam } from "./modparams.ts";
import { moduleDbUrl, nameParam } from "./sql-table.ts";

const MODULE = "sipcapture";

/** The sip_capture columns in insert order: [default name, its `*_column` parameter or null]. */
export const CAPTURE_COLUMNS = [
  ["date", "date_column"],
  ["micro_ts", "micro_ts_column"],
  ["method", "method_column"],
  ["reply_reason", "reply_reason_column"],
  ["ruri", "ruri_column"],
  ["ruri_user", "ruri_user_column"],
  ["from_user", "from_user_column"],
  ["from_tag", "from_tag_column"],
  ["to_user", "to_user_column"],
  ["to_tag", "to_tag_column"],
  ["pid_user", "pid_user_column"],
  ["contact_user", "contact_user_column"],
  ["auth_user", "auth_user_column"],
  ["callid", "callid_column"],
  ["callid_aleg", "callid_aleg_column"],
  ["via_1", "via_1_column"],
  ["via_1_branch", "via_1_branch_column"],
  ["cseq", "cseq_column"],
  ["reason", "reason_column"],
  ["content_type", "content_type_column"],
  ["auth", "authorization_column"],
  ["user_agent", "user_agent_column"],
  ["source_ip", "source_ip_column"],
  ["source_port", "source_port_column"],
  ["destination_ip", "destination_ip_column"],
  ["destination_port", "destination_port_column"],
  ["contact_ip", "contact_ip_column"],
  ["contact_port", "contact_port_column"],
  ["originator_ip", "originator_ip_column"],
  ["originator_port", "originator_port_column"],
  ["proto", "proto_column"],
  ["family", "family_column"],
  ["rtp_stat", "rtp_stat_column"],
  ["type", "type_column"],
  ["node", "node_column"],
  ["correlation_id", null],
  ["from_domain", null],
  ["to_domain", null],
  ["ruri_domain", null],
  ["msg", "msg_column"],
  ["custom_field1", null],
  ["custom_field2", null],
  ["custom_field3", null],
] as const;

export type CaptureColumn = (typeof CAPTURE_COLUMNS)[number][0];

export interface CaptureSettings {
  /** The `sipcapture:capture` MI switch, initialised from `capture_on`. */
  captureOn: boolean;
  readonly hepCaptureOn: boolean;
  readonly table: string;
  readonly node: string;
  readonly dbUrl: string | null;
  /** The column name of each column. */
  readonly columns: ReadonlyMap<CaptureColumn, string>;
}

function flag(engine: EngineCore, name: string): boolean {
  return Number(modParam(engine.script, MODULE, name) ?? 0) !== 0;
}

export function captureSettings(engine: EngineCore): CaptureSettings {
  return {
    captureOn: flag(engine, "capture_on"),
    hepCaptureOn: flag(engine, "hep_capture_on"),
    table: nameParam(engine, MODULE, "table_name", "sip_capture"),
    node: nameParam(engine, MODULE, "capture_node", "homer01"),
    dbUrl: moduleDbUrl(engine, MODULE),
    columns: new Map(CAPTURE_COLUMNS.map(([column, param]) => [column, param === null ? column : nameParam(engine, MODULE, param, column)])),
  };
}

/**
 * The table a capture goes to at `nowMs`: the name up to its first `%`, then the rest as an
 * strftime format of the UTC time (build_table_name uses gmtime).
 */
export function tableName(format: string, nowMs: number): string {
  const percent = format.indexOf("%");
  if (percent < 0) return format;
  // strftime renders local time: shift the instant so that its local fields are the UTC ones.
  const asUtc = new Date(nowMs + new Date(nowMs).getTimezoneOffset() * 60_000);
  return format.slice(0, percent) + strftime(format.slice(percent), asUtc);
}

/**
 * msilo's module parameters (OpenSIPS 3.6 defaults): the `silo` table and its `sc_*` column
 * names, `expire_time` (259200 s), `add_date` (1), `max_messages` (0: no limit), `use_contact`
 * (1), `outbound_proxy`, and the offline notification m_store() sends back to the sender when
 * `from_address` and `offline_message` are set (`contact_hdr`, `content_type_hdr`).
 */
import type { EngineCore } from "../engine-core.ts";
import type { Format } from "../format.ts";
import { levelName, L_ERR } from "../log-level.ts";
import { formatFromText } from "./dispatcher-pv-text.ts";
import { modParam } from "./modparams.ts";
import { moduleDbUrl, nameParam } from "./sql-table.ts";

const MODULE = "msilo";

/** The silo columns: [default name, its parameter]. */
const COLUMNS = [
  ["id", "sc_mid"],
  ["src_addr", "sc_from"],
  ["dst_addr", "sc_to"],
  ["username", "sc_uri_user"],
  ["domain", "sc_uri_host"],
  ["body", "sc_body"],
  ["ctype", "sc_ctype"],
  ["exp_time", "sc_exp_time"],
  ["inc_time", "sc_inc_time"],
  ["snd_time", "sc_snd_time"],
] as const;

export type SiloColumn = (typeof COLUMNS)[number][0];

export interface SiloSettings {
  readonly dbUrl: string | null;
  readonly table: string;
  readonly columns: ReadonlyMap<SiloColumn, string>;
  readonly expireTime: number;
  readonly addDate: boolean;
  readonly maxMessages: number;
  readonly useContact: boolean;
  readonly outboundProxy: string | null;
  /** The offline notification's format strings; null when not configured. */
  readonly notification: Notification | null;
}

export interface Notification {
  readonly from: Format;
  readonly body: Format;
  /** `content_type_hdr`: a whole header line. */
  readonly contentType: Format;
  /** `contact_hdr`: a whole header line, or null. */
  readonly contact: Format | null;
}

function text(engine: EngineCore, name: string): string | null {
  const value = modParam(engine.script, MODULE, name);
  return value === undefined ? null : String(value);
}

function int(engine: EngineCore, name: string, fallback: number): number {
  const value = Number(modParam(engine.script, MODULE, name) ?? fallback);
  return Number.isFinite(value) ? value : fallback;
}

export function siloSettings(engine: EngineCore): SiloSettings {
  return {
    dbUrl: moduleDbUrl(engine, MODULE),
    table: nameParam(engine, MODULE, "db_table", "silo"),
    columns: new Map(COLUMNS.map(([column, param]) => [column, nameParam(engine, MODULE, param, column)])),
    expireTime: int(engine, "expire_time", 259200),
    addDate: int(engine, "add_date", 1) !== 0,
    maxMessages: int(engine, "max_messages", 0),
    useContact: int(engine, "use_contact", 1) !== 0,
    outboundProxy: text(engine, "outbound_proxy"),
    notification: notification(engine),
  };
}

function failed(engine: EngineCore, text: string): null {
  engine.env.log({ msg: 0, level: levelName(L_ERR), text: `ERROR:msilo:mod_init: ${text}` });
  return null;
}

/** The notification parameters parsed as format strings (fixup_spve); null (logged) when unusable. */
function notification(engine: EngineCore): Notification | null {
  const [from, body, contentType, contact] = ["from_address", "offline_message", "content_type_hdr", "contact_hdr"].map((name) => text(engine, name));
  if (from === null || body === null) return null;
  if (contentType === null) return failed(engine, "content_type parameter must be set");
  const formats = [from, body, contentType, contact ?? ""].map((value) => formatFromText(engine.modules, value!));
  const error = formats.find((f): f is string => typeof f === "string");
  if (error !== undefined) return failed(engine, `bad notification parameter: ${error}`);
  const [fromFormat, bodyFormat, typeFormat, contactFormat] = formats as Format[];
  return { from: fromFormat!, body: bodyFormat!, contentType: typeFormat!, contact: contact === null ? null : contactFormat! };
}

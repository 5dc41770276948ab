/**
 * sipcapture: sip_capture([table[, custom_field1[, custom_field2[, custom_field3]]]]) stores the
 * message being processed (request or reply) as a row of the Homer `sip_capture` table
 * (sipcapture-row.ts) through the module's `db_url`; it returns 1, -1 when capturing is off
 * (`capture_on` is 0 by default), the message cannot be read or the insert failed. The async
 * form inserts at once (the runtime's database access is blocking).
 *
 * The runtime receives plain SIP, never HEP: as OpenSIPS does for a message without a HEP
 * context, report_capture() and the hep_* functions log "not a hep message!" and return -1, and
 * with `hep_capture_on` set so does sip_capture(). Raw-socket capture (raw_*) is not available.
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, FunctionImpl, ModuleImpl } from "../functions.ts";
import { L_DBG, L_ERR, L_WARN, levelName } from "../log-level.ts";
import { captureFields } from "./sipcapture-row.ts";
import { CAPTURE_COLUMNS, captureSettings, tableName, type CaptureSettings } from "./sipcapture-settings.ts";
import { insertRow } from "./sql-table.ts";

const STATE_KEY = "sipcapture:settings";

function settingsOf(ctx: Ctx): CaptureSettings | null {
  return (ctx.engine.moduleData.get(STATE_KEY) as CaptureSettings | undefined) ?? null;
}

function notHep(ctx: Ctx, fn: string): -1 {
  ctx.log(L_WARN, `WARNING:sipcapture:${fn}: not a hep message!`);
  return -1;
}

function failure(ctx: Ctx, text: string): -1 {
  ctx.log(L_ERR, `ERROR:sipcapture:w_sip_capture: ${text}`);
  return -1;
}

function sipCapture(ctx: Ctx, [tableArg, ...custom]: readonly Arg[]): number {
  const settings = settingsOf(ctx);
  if (settings === null) return failure(ctx, "the sipcapture module is not initialised");
  if (settings.hepCaptureOn) return notHep(ctx, "w_sip_capture");
  if (!settings.captureOn) {
    ctx.log(L_DBG, "DBG:sipcapture:w_sip_capture: capture off...");
    return -1;
  }
  if (settings.dbUrl === null) return failure(ctx, "no db_url set: cannot store the message");
  const now = ctx.engine.env.now();
  const fields = captureFields(ctx, now, settings.node, custom.map((arg) => textArg(arg) ?? ""));
  if (!fields.ok) return failure(ctx, fields.error);
  const table = tableName(textArg(tableArg) ?? settings.table, now);
  const cells = CAPTURE_COLUMNS.map(([column]) => [settings.columns.get(column)!, fields.row[column]] as const);
  const written = insertRow(ctx.engine, settings.dbUrl, table, cells);
  if (!written.ok) return failure(ctx, `failed to insert into database: ${written.error}`);
  return 1;
}

const SIP_CAPTURE: FunctionImpl = { call: sipCapture, start: (ctx, args) => sipCapture(ctx, args) };

const REPORT_CAPTURE: FunctionImpl = {
  call: (ctx) => notHep(ctx, "report_capture"),
  start: (ctx) => notHep(ctx, "report_capture"),
};

/** The functions that only act on a HEP message's chunks. */
const HEP_FUNCTIONS = ["hep_set", "hep_get", "hep_del", "hep_relay", "hep_resume_sip"] as const;

export const sipcapture: ModuleImpl = {
  name: "sipcapture",
  functions: new Map<string, FunctionImpl>([
    ["sip_capture", SIP_CAPTURE],
    ["report_capture", REPORT_CAPTURE],
    ...HEP_FUNCTIONS.map((name) => [name, { call: (ctx: Ctx) => notHep(ctx, name) }] as const),
  ]),
  init(engine) {
    const settings = captureSettings(engine);
    engine.moduleData.set(STATE_KEY, settings);
    if (settings.hepCaptureOn) {
      const text = "WARNING:sipcapture:mod_init: hep_capture_on is set, but the runtime receives no HEP: sip_capture() will refuse every message";
      engine.env.log({ msg: 0, level: levelName(L_WARN), text });
    }
  },
};

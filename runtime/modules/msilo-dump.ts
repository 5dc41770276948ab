/**
 * m_dump([owner[, maxmsg]]) (msilo.c): sends the messages stored for the owner (the `owner`
 * URI, else the To URI) as MESSAGE requests of the proxy's own, oldest first, at most `maxmsg`
 * when given: Request-URI and To the stored To, From the stored sender, the Date it came in, a
 * Contact naming the sender, the body prefixed per `add_date` (msilo-text.ts); through
 * `outbound_proxy` when set. On a REGISTER with Expires 0, or whose Allow lacks MESSAGE, nothing
 * is sent (-1). A message answered 2xx is deleted from the silo; one answered otherwise (or not
 * in time) stays for the next m_dump(). OpenSIPS deletes the answered ones on its next clean
 * timer tick (`check_time`); here they go as soon as the reply comes.
 */
import { intArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg } from "../functions.ts";
import { L_DBG, L_ERR } from "../log-level.ts";
import type { SqlCell } from "../backends/sql-types.ts";
import { parseUri, type SipUri } from "../sip/uri.ts";
import { sendNewRequest } from "../tm/new-request.ts";
import type { SiloColumn } from "./msilo-settings.ts";
import { siloFailure, usableSilo, type SiloState } from "./msilo-state.ts";
import { dumpBody, dumpHeaders } from "./msilo-text.ts";
import { deleteRows, selectRows } from "./sql-table.ts";

const FN = "m_dump";
const DUMPED: readonly SiloColumn[] = ["id", "src_addr", "dst_addr", "body", "ctype", "inc_time"];

function ownerUri(ctx: Ctx, owner: Arg): SipUri | null {
  const given = textArg(owner);
  return parseUri(given ?? ctx.msg.to?.uri ?? "");
}

/** Why a REGISTER gets no messages: the user goes offline, or its UA does not take MESSAGE; null otherwise. */
function registerRefusal(ctx: Ctx): string | null {
  if (ctx.msg.method !== "REGISTER") return null;
  const expires = ctx.msg.header("expires");
  if (expires !== null && expires.trim() !== "" && Number.parseInt(expires, 10) <= 0) return "user goes offline";
  const allow = ctx.msg.headerListValues("allow");
  if (allow.length > 0 && !allow.some((method) => method.trim().toUpperCase() === "MESSAGE")) return "MESSAGE method not supported";
  return null;
}

function cellText(cell: SqlCell | undefined): string {
  return cell === null || cell === undefined ? "" : String(cell);
}

/** Sends one stored message; its row goes once it is answered 2xx. */
function dumpOne(ctx: Ctx, state: SiloState, url: string, row: readonly SqlCell[]): void {
  const [id, from, to, body, ctype, incoming] = row.map(cellText) as [string, string, string, string, string, string];
  const { settings, inFlight } = state;
  const engine = ctx.engine;
  inFlight.add(id);
  const onFinal = (code: number): void => {
    inFlight.delete(id);
    if (code >= 300) return;
    const deleted = deleteRows(engine, url, settings.table, [[settings.columns.get("id")!, id]]);
    if (!deleted.ok) engine.env.log({ msg: 0, level: "ERROR", text: `ERROR:msilo:m_clean_silo: failed to clean message ${id}: ${deleted.error}` });
  };
  const sent = sendNewRequest(ctx, {
    method: "MESSAGE",
    ruri: to,
    to,
    from,
    body: `${ctype} ${dumpBody(body, Number(incoming), settings.addDate)}`,
    context: null,
    headers: dumpHeaders(Number(incoming), from),
    onFinal,
    ...(settings.outboundProxy === null ? {} : { outboundProxy: settings.outboundProxy }),
  });
  if (sent < 0) inFlight.delete(id);
}

export function mDump(ctx: Ctx, [owner, maxArg]: readonly Arg[]): number {
  const silo = usableSilo(ctx, FN);
  if (silo === null) return -1;
  const { state, url } = silo;
  const { settings } = state;
  const uri = ownerUri(ctx, owner);
  if (uri === null) return siloFailure(ctx, FN, textArg(owner) === null ? "bad owner To URI!" : "bad owner SIP address!");
  if (uri.user === null || uri.user === "" || uri.host === "") return siloFailure(ctx, FN, "bad owner URI!");
  const refusal = registerRefusal(ctx);
  if (refusal !== null) {
    ctx.log(L_DBG, `DBG:msilo:${FN}: ${refusal}`);
    return -1;
  }
  const column = (name: SiloColumn): string => settings.columns.get(name)!;
  const stored = selectRows(ctx.engine, url, settings.table, DUMPED.map(column), [
    [column("username"), uri.user],
    [column("domain"), uri.host],
    [column("snd_time"), "0"],
  ]);
  if (!stored.ok) {
    ctx.log(L_ERR, `ERROR:msilo:${FN}: failed to query the database: ${stored.error}`);
    return 1;
  }
  const limit = intArg(maxArg) ?? 0;
  const waiting = [...stored.rows].sort((a, b) => Number(a[0]) - Number(b[0])).filter((row) => !state.inFlight.has(cellText(row[0])));
  for (const row of limit > 0 ? waiting.slice(0, limit) : waiting) dumpOne(ctx, state, url, row);
  return 1;
}

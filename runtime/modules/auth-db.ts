/**
 * auth_db (OpenSIPS 3.6): www_authorize / proxy_authorize check digest credentials against a
 * subscriber table (auth_db's authorize.c) and, once authorized, load the `load_credentials`
 * columns into AVPs; the URI checks live in auth-db-checks.ts. Codes: 1 authorized, -1 unknown
 * user, -2 wrong password, -3 stale nonce, -4 no credentials, -5 error without a reply; 0 after an
 * error reply (400 malformed credentials, 500 database failure), which stops the script.
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { FunctionImpl, ModuleImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import type { SqlCell, SqlResult } from "../backends/sql-types.ts";
import { ha1FromPassword } from "./auth-digest.ts";
import type { CredentialsHeader } from "./auth-marks.ts";
import {
  AUTH_ERROR,
  AUTHORIZED,
  INVALID_PASSWORD,
  preAuth,
  REPLIED,
  responseMatches,
  sendAuthReply,
  SERVER_ERROR_REASON,
  USER_UNKNOWN,
  type Verifiable,
} from "./auth-verify.ts";
import { URI_CHECK_FUNCTIONS } from "./auth-db-checks.ts";
import { selectWhere } from "./auth-db-lookup.ts";
import { authDbSettings, passwordColumnFor, type AuthDbSettings, type LoadedCredential } from "./auth-db-settings.ts";

function serverError(ctx: Ctx, functionName: string, problem: string): number {
  ctx.log(L_ERR, `ERROR:auth_db:${functionName}: ${problem}`);
  sendAuthReply(ctx, 500, SERVER_ERROR_REASON);
  return REPLIED;
}

/** generate_avps: non-empty strings and integers of the row go into their AVPs. */
function loadCredentials(ctx: Ctx, credentials: readonly LoadedCredential[], cells: readonly SqlCell[]): void {
  credentials.forEach((credential, i) => {
    const cell = cells[i];
    if (cell !== null && cell !== undefined && cell !== "") ctx.state.avps.push(credential.avp, cell);
  });
}

/** get_ha1's query: the password (or HA1) column and the load_credentials columns of the subscriber. */
function subscriberRow(ctx: Ctx, settings: AuthDbSettings, table: string, credentials: readonly LoadedCredential[], pre: Verifiable): SqlResult {
  const digest = pre.marked.credentials;
  const where: [string, string][] = [[settings.userColumn, digest.user]];
  if (settings.useDomain) where.push([settings.domainColumn, digest.domain !== "" ? digest.domain : pre.realm]);
  return selectWhere(ctx, table, [passwordColumnFor(settings, pre.algorithm), ...credentials.map((c) => c.column)], where);
}

/** The HA1 to check with: computed from a plaintext password, or the stored hash; a string is why it cannot be. */
function storedHa1(settings: AuthDbSettings, pre: Verifiable, cell: SqlCell | undefined): { ha1: string } | string {
  const stored = cell === null || cell === undefined ? "" : String(cell);
  const { algorithm } = pre;
  if (settings.calculateHa1) return { ha1: ha1FromPassword(algorithm, pre.marked.credentials.username ?? "", pre.realm, stored) };
  if (stored.length === algorithm.hexLength) return { ha1: stored };
  return `Incorrect length of pre-hashed credentials for the algorithm "${algorithm.name}": ${algorithm.hexLength} expected, ${stored.length} provided`;
}

function authorize(header: CredentialsHeader, functionName: string): FunctionImpl {
  return {
    call: (ctx, [realmArg, tableArg]) => {
      const table = textArg(tableArg);
      const settings = authDbSettings(ctx.engine.script);
      const credentials = settings.credentials;
      if (table === null || table === "" || typeof credentials === "string") {
        ctx.log(L_ERR, `ERROR:auth_db:${functionName}: ${typeof credentials === "string" ? credentials : "invalid table parameter"}`);
        return AUTH_ERROR;
      }
      const pre = preAuth(ctx, textArg(realmArg), header);
      if (pre.code !== null) return pre.code;
      const result = subscriberRow(ctx, settings, table, credentials, pre);
      if (!result.ok) return serverError(ctx, functionName, `failed to query database: ${result.error}`);
      const [row] = result.rows;
      if (row === undefined) return USER_UNKNOWN;
      const ha1 = storedHa1(settings, pre, row[0]);
      if (typeof ha1 === "string") return serverError(ctx, functionName, ha1);
      if (!responseMatches(ctx, pre.marked.credentials, pre.algorithm, ha1.ha1)) return INVALID_PASSWORD;
      loadCredentials(ctx, credentials, row.slice(1));
      return AUTHORIZED;
    },
  };
}

export const authDb: ModuleImpl = {
  name: "auth_db",
  functions: new Map([
    ["www_authorize", authorize("authorization", "www_authorize")],
    ["proxy_authorize", authorize("proxy-authorization", "proxy_authorize")],
    ...URI_CHECK_FUNCTIONS,
  ]),
};

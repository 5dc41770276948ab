/**
 * uac_auth([algorithms]) (uac/auth.c): answers the 401 / 407 challenge of the transaction's picked
 * reply (the winning one in a failure route). With credentials for the challenge's realm
 * (uac-auth-credentials.ts) it sets the Request-URI to the challenged branch's, appends the
 * Authorization / Proxy-Authorization header (uac-auth-header.ts) and increments the CSeq
 * (uac-auth-cseq.ts), sending nothing: the script's next t_relay() carries them. 1 on success, -1
 * otherwise (no transaction or picked reply, a reply tm built itself, no usable challenge, no
 * credentials). `algorithms` (MD5, MD5-sess, SHA-256, SHA-256-sess, SHA-512-256, SHA-512-256-sess)
 * limits the challenges answered; a challenge naming no algorithm only matches without the list.
 *
 * Not done: the `;aci=1` Record-Route parameter (and loose_route's CSeq shift of later in-dialog
 * requests) that OpenSIPS adds without the dialog module.
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { FunctionImpl } from "../functions.ts";
import { L_CRIT, L_DBG, L_ERR, L_WARN, levelName, type LogLevel } from "../log-level.ts";
import { tmOf } from "../tm/state.ts";
import { algorithmNamed } from "./auth-digest.ts";
import { pickChallenge } from "./uac-auth-challenge.ts";
import { credentialFor } from "./uac-auth-credentials.ts";
import { incrementCseq } from "./uac-auth-cseq.ts";
import { authorizationHeader } from "./uac-auth-header.ts";

type AlgorithmFilter = (algorithmId: number) => boolean;

const ANY_ALGORITHM: AlgorithmFilter = () => true;

/** dauth_fixup_algorithms: the listed algorithms' ids; an error text for an unknown one. */
function algorithmFilter(list: string | null): AlgorithmFilter | string {
  if (list === null) return ANY_ALGORITHM;
  const ids = new Set<number>();
  for (const name of list.split(",").map((item) => item.trim())) {
    const algorithm = algorithmNamed(name);
    if (algorithm === null) return `Unsupported algorithm type: "${name}"`;
    ids.add(algorithm.id);
  }
  return (id) => ids.has(id);
}

function uacAuth(ctx: Ctx, algorithms: string | null): number {
  const fail = (level: LogLevel, message: string): number => {
    ctx.log(level, `${levelName(level)}:uac:uac_auth: ${message}`);
    return -1;
  };
  const accepts = algorithmFilter(algorithms);
  if (typeof accepts === "string") return fail(L_ERR, accepts);
  const tx = ctx.transaction;
  const tm = tx === null ? null : tmOf(tx);
  if (tx === null || tm === null) return fail(L_CRIT, "no current transaction found");
  const branch = tm.branches[tm.pickedBranch];
  if (branch === undefined) return fail(L_CRIT, `no picked branch (${tm.pickedBranch})`);
  const reply = branch.finalReply;
  if (reply === null) return fail(L_CRIT, "empty reply on picked branch");
  if (branch.finalReplyFaked) return fail(L_ERR, "cannot process a FAKED reply");
  const code = branch.lastReceived;
  const picked = code === 401 || code === 407 ? pickChallenge(reply.msg, accepts) : { challenge: null, error: null };
  if (picked.error !== null) ctx.log(L_ERR, `ERROR:core:parse_authenticate_body: ${picked.error}`);
  const challenge = picked.challenge;
  if (challenge === null) return fail(L_ERR, "Unable to extract authentication info");
  const credential = credentialFor(ctx, challenge.realm);
  if (credential === null) {
    ctx.log(L_DBG, `DBG:uac:uac_auth: no credential for realm "${challenge.realm}"`);
    return -1;
  }
  const uri = branch.request.ruri ?? "";
  const built = authorizationHeader({ code, method: ctx.msg.method ?? "", uri, body: ctx.msg.body, challenge, credential });
  if ("error" in built) return fail(L_ERR, built.error);
  ctx.msg.setRuri(uri);
  ctx.msg.appendHeader(built.header);
  if (!incrementCseq(ctx, tx)) return fail(L_WARN, "Failure to increment the CSEQ header - continue");
  return 1;
}

export const UAC_AUTH: FunctionImpl = { call: (ctx, [algorithms]) => uacAuth(ctx, textArg(algorithms)) };

/**
 * The digest challenge of a 401 / 407 reply, as uac_auth picks it (parse_authenticate.c): the
 * WWW-Authenticate (401) or Proxy-Authenticate (407) headers in order, each `Digest` with `name=value`
 * pairs; realm and nonce are required, and an unknown algorithm or stale value fails that header and
 * ends the search. The first well-formed header whose algorithm the caller accepts is the challenge.
 */
import type { MessageView } from "../sip/message-view.ts";
import { headerKey } from "../sip/header-names.ts";
import { parseParams } from "./auth-credentials.ts";
import { algorithmNamed, type DigestAlgorithm } from "./auth-digest.ts";

/** OpenSIPS's ALG_UNSPEC: a challenge without `algorithm=` (answered with MD5). */
export const UNSPECIFIED_ALGORITHM = 0;

export interface Challenge {
  readonly realm: string;
  readonly nonce: string;
  /** null when absent or empty. */
  readonly opaque: string | null;
  /** The algorithm named; null when the challenge names none. */
  readonly algorithm: DigestAlgorithm | null;
  /** The qop the answer uses: `auth` when offered, else `auth-int` when offered, else none (null). */
  readonly qop: "auth" | "auth-int" | null;
}

export interface PickedChallenge {
  /** The challenge picked before the search ended; null when none. */
  readonly challenge: Challenge | null;
  /** Why a header failed to parse (the search stopped there); null when every header parsed. */
  readonly error: string | null;
}

/** The qop to answer with, from the offered list: `auth` is preferred over `auth-int`. */
function chosenQop(offered: string | undefined): Challenge["qop"] {
  const items = (offered ?? "").split(",").map((item) => item.trim().toLowerCase());
  if (items.includes("auth")) return "auth";
  return items.includes("auth-int") ? "auth-int" : null;
}

/** One header's challenge, or why it does not parse. */
function parseChallenge(value: string): Challenge | string {
  const scheme = /^\s*digest\s+/i.exec(value);
  const params = scheme === null ? null : parseParams(value.slice(scheme[0].length));
  if (params === null) return `parse error in <${value}>`;
  const algorithmText = params.get("algorithm");
  const algorithm = algorithmText === undefined ? null : algorithmNamed(algorithmText);
  if (algorithmText !== undefined && algorithm === null) return `bad algorithm "${algorithmText}"`;
  const stale = params.get("stale");
  if (stale !== undefined && !/^(true|false)$/i.test(stale)) return `unsupported stale value "${stale}"`;
  const realm = params.get("realm") ?? "";
  const nonce = params.get("nonce") ?? "";
  if (realm === "" || nonce === "") return "realm or nonce missing";
  const opaque = params.get("opaque") ?? "";
  return { realm, nonce, opaque: opaque === "" ? null : opaque, algorithm, qop: chosenQop(params.get("qop")) };
}

/** The challenge of `reply` for its status (401: WWW-Authenticate, else Proxy-Authenticate); `accepts` takes an algorithm id (0: unspecified). */
export function pickChallenge(reply: MessageView, accepts: (algorithmId: number) => boolean): PickedChallenge {
  const key = headerKey(reply.statusCode === 401 ? "www-authenticate" : "proxy-authenticate");
  let picked: Challenge | null = null;
  for (const field of reply.headerFields) {
    if (!field.is(key)) continue;
    const parsed = parseChallenge(field.value);
    if (typeof parsed === "string") return { challenge: picked, error: parsed };
    if (picked === null && accepts(parsed.algorithm?.id ?? UNSPECIFIED_ALGORITHM)) picked = parsed;
  }
  return { challenge: picked, error: null };
}

/**
 * The credentials pre_auth accepted for checking, per message and header kind
 * (get_authorized_cred / mark_authorized_cred in OpenSIPS): consume_credentials removes that
 * header, the challenge adds `stale=true` when its nonce was stale, db_is_to_authorized and `$Au`
 * read its username.
 */
import type { MessageState } from "../message-state.ts";
import type { HeaderField } from "../sip/header-field.ts";
import type { DigestCredentials } from "./auth-credentials.ts";

export type CredentialsHeader = "authorization" | "proxy-authorization";

export interface MarkedCredentials {
  readonly field: HeaderField;
  readonly credentials: DigestCredentials;
  /** Its nonce was stale (expired, replayed or not ours): the next challenge says `stale=true`. */
  stale: boolean;
}

const marks = new WeakMap<MessageState, Map<CredentialsHeader, MarkedCredentials>>();

export function markCredentials(state: MessageState, header: CredentialsHeader, marked: MarkedCredentials): void {
  let found = marks.get(state);
  if (found === undefined) {
    found = new Map();
    marks.set(state, found);
  }
  found.set(header, marked);
}

export function markedCredentials(state: MessageState, header: CredentialsHeader): MarkedCredentials | null {
  return marks.get(state)?.get(header) ?? null;
}

/** The authorized credentials, looking at `first` then the other kind. */
export function anyMarkedCredentials(state: MessageState, first: CredentialsHeader): MarkedCredentials | null {
  const other: CredentialsHeader = first === "authorization" ? "proxy-authorization" : "authorization";
  return markedCredentials(state, first) ?? markedCredentials(state, other);
}

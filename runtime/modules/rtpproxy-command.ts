/**
 * The text of rtpproxy control commands (the cookie is added by rtpproxy-control.ts):
 * `U`/`L` create or look up a session's stream — `<U|L><modifiers> <call-id> <address> <port>
 * <from-tag>;<medium>[ <to-tag>;<medium>]`; `D <call-id> <from-tag>[ <to-tag>]` deletes a session;
 * `P<count> <call-id> <prompt> session <from-tag>;1[ <to-tag>;1]` plays a prompt and
 * `S <call-id> <from-tag>;1[ <to-tag>;1]` stops it.
 */
export interface StreamCommand {
  readonly create: boolean;
  /** Modifiers after the command letter (flags, `6`, repacketization, codecs, TTL). */
  readonly modifiers: string;
  readonly callId: string;
  readonly address: string;
  readonly port: string;
  readonly fromTag: string;
  /** "" when the session has no to-tag yet. */
  readonly toTag: string;
  /** The medium's number in the body, from 1. */
  readonly medium: number;
}

export function streamCommand(c: StreamCommand): string {
  const to = c.toTag === "" ? "" : ` ${c.toTag};${c.medium}`;
  return `${c.create ? "U" : "L"}${c.modifiers} ${c.callId} ${c.address} ${c.port} ${c.fromTag};${c.medium}${to}`;
}

/** The `c<pt>,<pt>` codecs modifier from an m= line's payload types ("0 8 101" → "c0,8,101"). */
export function codecsModifier(payloadTypes: string): string {
  const list = payloadTypes.split(/[^0-9]+/).filter((pt) => pt !== "");
  return list.length === 0 ? "" : `c${list.join(",")}`;
}

export function deleteCommand(callId: string, fromTag: string, toTag: string): string {
  return `D ${callId} ${fromTag}${toTag === "" ? "" : ` ${toTag}`}`;
}

/** The `<from-tag>;1[ <to-tag>;1]` end of the prompt commands. */
function promptTags(firstTag: string, secondTag: string): string {
  return `${firstTag};1${secondTag === "" ? "" : ` ${secondTag};1`}`;
}

export function playCommand(count: number, callId: string, prompt: string, firstTag: string, secondTag: string): string {
  return `P${count} ${callId} ${prompt} session ${promptTags(firstTag, secondTag)}`;
}

export function stopPlayCommand(callId: string, firstTag: string, secondTag: string): string {
  return `S ${callId} ${promptTags(firstTag, secondTag)}`;
}

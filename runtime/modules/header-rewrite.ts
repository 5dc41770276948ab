/**
 * Rewriting the value of the first header of a name as a pending change (like an OpenSIPS lump):
 * the field is removed and the new one inserted at its place.
 */
import type { SipMessage } from "../sip/message.ts";
import { headerKey } from "../sip/header-names.ts";

/** false when the message has no such header. */
export function replaceFirstHeader(msg: SipMessage, name: string, value: string): boolean {
  const key = headerKey(name);
  const field = msg.headerFields.find((f) => f.key === key);
  if (field === undefined) return false;
  msg.insertHeaderBefore(`${field.name}: ${value}\r\n`, name);
  let removed = false;
  msg.removeHeadersWhere((f) => {
    if (removed || f !== field) return false;
    removed = true;
    return true;
  });
  return true;
}

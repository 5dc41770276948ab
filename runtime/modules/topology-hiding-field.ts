/** Replacing a header field, whatever change the script or another module queued for it (OpenSIPS discards their lumps). */
import type { HeaderField } from "../sip/header-field.ts";
import type { SipMessage } from "../sip/message.ts";

/** Sends `value` as the value of `field` of `msg`, keeping its name as written and its line break. */
export function replaceFieldValue(msg: SipMessage, field: HeaderField, value: string): void {
  msg.replaceField(msg.headerFields.indexOf(field), `${field.name}: ${value}${field.raw.endsWith("\r\n") ? "\r\n" : "\n"}`);
}

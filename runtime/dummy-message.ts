/**
 * The message of runs that have none (startup, timer and event routes, launch report routes):
 * OpenSIPS's dummy request, `DUMMY sip:user@dummy.com SIP/2.0` (spec §10.3).
 */
import { parseSipMessage } from "./sip/parse.ts";
import type { SipMessage } from "./sip/message.ts";

const DUMMY_TEXT =
  "DUMMY sip:user@dummy.com SIP/2.0\r\n" +
  "Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKdummy\r\n" +
  "From: <sip:dummy@dummy.com>;tag=dummy\r\n" +
  "To: <sip:dummy@dummy.com>\r\n" +
  "Call-ID: dummy\r\n" +
  "CSeq: 1 DUMMY\r\n" +
  "Content-Length: 0\r\n\r\n";

/** A fresh dummy message (each run may change its own). */
export function dummyMessage(): SipMessage {
  const parsed = parseSipMessage(DUMMY_TEXT);
  if (!parsed.ok) throw new Error(`the dummy message does not parse: ${parsed.error}`);
  return parsed.msg;
}

/**
 * Requests a proxy builds on its own for a branch it relayed: the ACK for a non-2xx final reply
 * to an INVITE (RFC 3261 §17.1.1.3) and the CANCEL of a pending branch (§9.1). Both reuse the
 * branch's top Via (same branch parameter), Request-URI, Call-ID, From, CSeq number and Route set.
 */
import type { MessageView } from "./message-view.ts";
import { SipMessage } from "./message.ts";

/**
 * The ACK for `reply`, a 300–699 final reply to `invite`, the INVITE as sent on the branch: a
 * parsed copy of what was sent, or the SipMessage it was serialised from (its pending changes,
 * such as the proxy's Via and a new Request-URI, are taken into account).
 */
export function buildAck(invite: MessageView, reply: MessageView): string {
  return buildBranchRequest(invite, "ACK", reply.header("to") ?? invite.header("to"), "");
}

/** The CANCEL of the branch on which `invite` (as sent) went out; `headers` (raw lines) e.g. a Reason. */
export function buildCancel(invite: MessageView, headers = ""): string {
  return buildBranchRequest(invite, "CANCEL", invite.header("to"), headers);
}

function buildBranchRequest(request: MessageView, method: string, to: string | null, headers: string): string {
  const invite = asSent(request);
  const line = invite.startLine;
  const uri = line.kind === "request" ? line.uri : "";
  const topVia = invite.topViaText;
  let out = `${method} ${uri} SIP/2.0\r\n`;
  if (topVia !== null) out += `Via: ${topVia}\r\n`;
  for (const route of invite.allHeaderValues("route")) out += `Route: ${route}\r\n`;
  out += optionalLine("From", invite.header("from"));
  out += optionalLine("To", to);
  out += optionalLine("Call-ID", invite.callId);
  const cseq = invite.cseq;
  if (cseq !== null) out += `CSeq: ${cseq.number} ${method}\r\n`;
  out += "Max-Forwards: 70\r\n";
  return `${out}${headers}Content-Length: 0\r\n\r\n`;
}

function asSent(request: MessageView): MessageView {
  if (!(request instanceof SipMessage) || !request.hasPendingChanges) return request;
  const sent = request.clone();
  return sent.applyChanges() ? sent : request;
}

function optionalLine(name: string, value: string | null): string {
  return value === null ? "" : `${name}: ${value}\r\n`;
}

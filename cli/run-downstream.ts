/**
 * The element downstream of the proxy in `opensips-ts run`: it answers each request the script
 * relays with the next group of `--upstream-reply` codes (`486`, or `180,200` for a provisional
 * then a final reply), or not at all once they are used up. Like a real UAS, it answers a CANCEL
 * with 200 and the INVITE it cancels, still unanswered, with 487; it never answers an ACK.
 */
import type { OutgoingRequest, Peer } from "../runtime/index.ts";
import { requestDestination } from "../runtime/env/udp-destination.ts";
import { parseSipMessage } from "../runtime/sip/parse.ts";
import { buildReply } from "../runtime/sip/reply.ts";
import type { SipMessage } from "../runtime/sip/message.ts";
import { topBranch } from "../runtime/tm/keys.ts";
import { reasonPhrase } from "../runtime/tm/reason-phrases.ts";

/** Hands a reply to the engine as received from `from`; `forMsg` is the trace number of the request it answers. */
export type Deliver = (text: string, from: Peer, forMsg: number) => Promise<void>;

interface Unanswered {
  readonly request: SipMessage;
  readonly from: Peer;
  readonly msg: number;
}

export class Downstream {
  /** INVITEs without a final answer, by Via branch: a CANCEL ends them with 487. */
  private readonly unanswered = new Map<string, Unanswered>();
  private readonly work = new Set<Promise<void>>();

  constructor(
    private readonly replies: number[][],
    private readonly deliver: Deliver,
  ) {}

  onRelay(sent: OutgoingRequest): void {
    const parsed = parseSipMessage(sent.text);
    if (!parsed.ok) return;
    const request = parsed.msg;
    const from = peerOf(sent.dst);
    const branch = topBranch(request) ?? "";
    if (request.method === "ACK") return;
    if (request.method === "CANCEL") {
      const cancelled = this.unanswered.get(branch);
      this.unanswered.delete(branch);
      this.answer(request, [200], from, sent.msg, cancelled);
      return;
    }
    const codes = this.replies.shift() ?? [];
    if (request.method === "INVITE" && !codes.some((code) => code >= 200)) this.unanswered.set(branch, { request, from, msg: sent.msg });
    this.answer(request, codes, from, sent.msg, undefined);
  }

  /** Answers are scheduled or being delivered. */
  get busy(): boolean {
    return this.work.size > 0;
  }

  /** Resolves once every answer scheduled so far (and those it led to) has been delivered. */
  async idle(): Promise<void> {
    while (this.work.size > 0) await Promise.all(this.work);
  }

  private answer(request: SipMessage, codes: readonly number[], from: Peer, msg: number, cancelled: Unanswered | undefined): void {
    if (codes.length === 0 && cancelled === undefined) return;
    const work = (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      for (const code of codes) await this.deliver(buildReply(request, code, reasonPhrase(code)), from, msg);
      if (cancelled !== undefined) await this.deliver(buildReply(cancelled.request, 487, reasonPhrase(487)), cancelled.from, cancelled.msg);
    })();
    this.work.add(work);
    void work.finally(() => this.work.delete(work));
  }
}

/** The address a request was sent to, as the source of its replies. */
function peerOf(dst: string): Peer {
  const resolved = requestDestination(dst, "udp4");
  return resolved.ok ? { proto: "udp", ip: resolved.address.ip, port: resolved.address.port } : { proto: "udp", ip: "0.0.0.0", port: 5060 };
}

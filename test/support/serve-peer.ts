/**
 * For the serve tests: a SIP endpoint on a UDP socket of 127.0.0.1 (a phone, a downstream
 * server) that sends raw messages and waits, with a deadline, for the ones it expects.
 */
import { createSocket, type Socket } from "node:dgram";
import { parseSipMessage } from "../../runtime/sip/parse.ts";
import type { SipMessage } from "../../runtime/sip/message.ts";

export interface Received {
  readonly msg: SipMessage;
  readonly text: string;
  readonly port: number;
}

const WAIT_MS = 3000;

export class SipPeer {
  /** Everything received and not yet taken by `next`. */
  private readonly inbox: Received[] = [];
  private waiter: (() => void) | null = null;

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
  ) {
    socket.on("message", (data, rinfo) => {
      const parsed = parseSipMessage(data);
      if (!parsed.ok) return;
      this.inbox.push({ msg: parsed.msg, text: data.toString("utf8"), port: rinfo.port });
      this.waiter?.();
    });
  }

  static open(): Promise<SipPeer> {
    const socket = createSocket("udp4");
    return new Promise((resolve) => socket.bind(0, "127.0.0.1", () => resolve(new SipPeer(socket, socket.address().port))));
  }

  send(text: string, port: number): void {
    this.socket.send(text, port, "127.0.0.1");
  }

  /** The first message received (or arriving within `ms`) that `accept` takes; rejects after `ms`. */
  async next(accept: (msg: SipMessage) => boolean = () => true, ms = WAIT_MS): Promise<Received> {
    const deadline = Date.now() + ms;
    for (;;) {
      const index = this.inbox.findIndex((r) => accept(r.msg));
      if (index >= 0) return this.inbox.splice(index, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`peer ${this.port}: nothing expected arrived within ${ms} ms; got ${this.summary()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = null;
    }
  }

  /** How many messages `accept` takes among those received within `ms` from now (the inbox included). */
  async countWithin(ms: number, accept: (msg: SipMessage) => boolean): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.inbox.filter((r) => accept(r.msg)).length;
  }

  /** Forgets everything received so far. */
  clear(): void {
    this.inbox.length = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private summary(): string {
    return this.inbox.length === 0 ? "nothing" : this.inbox.map((r) => r.text.split("\r\n")[0]).join("; ");
  }
}

export interface RequestOptions {
  readonly ruri: string;
  /** The sender's port (sent-by of its Via). */
  readonly port: number;
  readonly branch: string;
  readonly callId: string;
  readonly cseq?: number;
  /** Extra Via parameters (`;rport`). */
  readonly viaParams?: string;
  readonly toTag?: string;
}

/** A request as a phone at 127.0.0.1:`port` sends it. */
export function sipRequest(method: string, o: RequestOptions): string {
  return (
    `${method} ${o.ruri} SIP/2.0\r\n` +
    `Via: SIP/2.0/UDP 127.0.0.1:${o.port};branch=${o.branch}${o.viaParams ?? ""}\r\n` +
    "Max-Forwards: 70\r\n" +
    `From: <sip:alice@127.0.0.1>;tag=alice-${o.callId}\r\n` +
    `To: <${o.ruri}>${o.toTag === undefined ? "" : `;tag=${o.toTag}`}\r\n` +
    `Call-ID: ${o.callId}\r\n` +
    `CSeq: ${o.cseq ?? 1} ${method}\r\n` +
    `Contact: <sip:alice@127.0.0.1:${o.port}>\r\n` +
    "Content-Length: 0\r\n\r\n"
  );
}

/** The reply a downstream server sends to `request` (every Via copied, a To-tag added). */
export function sipReply(request: SipMessage, code: number, reason: string): string {
  const vias = request.allHeaderValues("via").map((v) => `Via: ${v}\r\n`).join("");
  const to = request.header("to") ?? "";
  return (
    `SIP/2.0 ${code} ${reason}\r\n${vias}` +
    `From: ${request.header("from")}\r\n` +
    `To: ${to}${code > 100 && !to.includes("tag=") ? ";tag=downstream" : ""}\r\n` +
    `Call-ID: ${request.callId}\r\n` +
    `CSeq: ${request.header("cseq")}\r\n` +
    "Content-Length: 0\r\n\r\n"
  );
}

/**
 * One bound UDP socket: datagrams in, datagrams out. Socket and send errors are reported to the
 * log sink and never thrown, so a bad destination or an ICMP error cannot stop the server.
 */
import type { Buffer } from "node:buffer";
import { createSocket, type Socket } from "node:dgram";
import type { UdpAddress } from "./udp-destination.ts";
import type { ListenAddress } from "./udp-listen.ts";
import type { LogSink } from "./udp-log.ts";

export type DatagramHandler = (data: Buffer, from: UdpAddress) => void;

export type BindResult = { readonly ok: true; readonly transport: UdpTransport } | { readonly ok: false; readonly error: string };

export class UdpTransport {
  private closed = false;
  /** Datagrams handed to the socket and not sent yet; closing waits for them. */
  private inFlight = 0;
  private onFlushed: (() => void) | null = null;

  private constructor(
    private readonly socket: Socket,
    /** The address really bound (the system's choice when port 0 was asked for). */
    readonly address: ListenAddress,
    private readonly sink: LogSink,
  ) {
    socket.on("error", (error) => sink({ kind: "transport", level: "ERROR", text: `socket error: ${error.message}` }));
  }

  /** Binds `address`; resolves with the transport, or why binding failed. */
  static bind(address: ListenAddress, sink: LogSink): Promise<BindResult> {
    const socket = createSocket({ type: address.family });
    return new Promise((resolve) => {
      const failed = (error: Error): void => {
        socket.close();
        resolve({ ok: false, error: `cannot listen on ${address.ip}:${address.port}: ${error.message}` });
      };
      socket.once("error", failed);
      socket.bind(address.port, address.ip, () => {
        socket.off("error", failed);
        const bound = { ...address, port: socket.address().port };
        resolve({ ok: true, transport: new UdpTransport(socket, bound, sink) });
      });
    });
  }

  /** Calls `handler` for every datagram received. */
  onDatagram(handler: DatagramHandler): void {
    this.socket.on("message", (data, rinfo) => handler(data, { ip: rinfo.address, port: rinfo.port }));
  }

  send(data: Buffer, to: UdpAddress): void {
    if (this.closed) return;
    this.inFlight++;
    this.socket.send(data, to.port, to.ip, (error) => {
      if (error) this.sink({ kind: "transport", level: "WARNING", text: `cannot send ${data.length} bytes to ${formatAddress(to)}: ${error.message}` });
      if (--this.inFlight === 0) this.onFlushed?.();
    });
  }

  /** Stops sending, lets the datagrams already sent leave, closes the socket. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.onFlushed = resolve));
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}

/** `ip:port`, IPv6 in brackets. */
export function formatAddress(address: UdpAddress): string {
  return address.ip.includes(":") ? `[${address.ip}]:${address.port}` : `${address.ip}:${address.port}`;
}

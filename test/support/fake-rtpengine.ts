/**
 * A fake rtpengine for the rtpengine tests: a UDP ng server in a worker thread (the script's
 * thread sleeps while a command is in flight, so the server cannot share it). It records the
 * commands it decodes and answers as told: `answer` (offers and answers get their SDP back with
 * the media moved to `address`, port 30000; deletes and queries get statistics), `error` (every
 * command but ping fails with `reason`), `garbage` (replies that do not decode) or `silent`.
 */
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import type { BencodeDict } from "../../runtime/modules/rtpengine-bencode.ts";

export type FakeBehaviour =
  | { readonly kind: "answer"; readonly address: string }
  | { readonly kind: "error"; readonly reason: string }
  | { readonly kind: "garbage" }
  | { readonly kind: "silent" };

export type FakeControl =
  | { readonly type: "behave"; readonly id: number; readonly behaviour: FakeBehaviour }
  | { readonly type: "commands"; readonly id: number }
  | { readonly type: "close" };

export type FakeEvent =
  | { readonly type: "ready"; readonly port: number }
  | { readonly type: "done"; readonly id: number }
  | { readonly type: "commands"; readonly id: number; readonly commands: BencodeDict[] };

const WORKER_URL = new URL("./fake-rtpengine-worker.ts", import.meta.url).href;

export class FakeRtpengine {
  private lastId = 0;

  private constructor(
    private readonly worker: Worker,
    readonly port: number,
  ) {}

  /** A server on a free port of 127.0.0.1, answering offers with `203.0.113.7`. */
  static async start(): Promise<FakeRtpengine> {
    // The worker loads TypeScript through tsx, as the test process does.
    const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL)}); })`;
    const worker = new Worker(bootstrap, { eval: true });
    const [ready] = (await once(worker, "message")) as [FakeEvent];
    if (ready.type !== "ready") throw new Error("fake rtpengine did not start");
    return new FakeRtpengine(worker, ready.port);
  }

  /** `udp:127.0.0.1:<port>` */
  get url(): string {
    return `udp:127.0.0.1:${this.port}`;
  }

  private async request(control: FakeControl & { readonly id: number }): Promise<FakeEvent> {
    this.worker.postMessage(control);
    for (;;) {
      const [event] = (await once(this.worker, "message")) as [FakeEvent];
      if (event.type !== "ready" && event.id === control.id) return event;
    }
  }

  async behave(behaviour: FakeBehaviour): Promise<void> {
    await this.request({ type: "behave", id: ++this.lastId, behaviour });
  }

  /** The commands received since the last call, oldest first. */
  async commands(): Promise<BencodeDict[]> {
    const event = await this.request({ type: "commands", id: ++this.lastId });
    return event.type === "commands" ? event.commands : [];
  }

  /** The received commands' names, pings left out. */
  async commandNames(): Promise<string[]> {
    return (await this.commands()).map((c) => String(c.get("command"))).filter((name) => name !== "ping");
  }

  async close(): Promise<void> {
    this.worker.postMessage({ type: "close" } satisfies FakeControl);
    await once(this.worker, "exit");
  }
}

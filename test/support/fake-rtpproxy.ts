/**
 * A small rtpproxy for the tests, in its own thread (the script's thread blocks while it waits
 * for rtpproxy, as an OpenSIPS worker does). It speaks the control protocol on UDP (`<cookie>
 * <command>` → `<cookie> <reply>\n`) and, when given a path, on a unix stream socket (no cookie):
 * `V` → 20040107, `VF <version>` → 1 (0 for the versions listed as unsupported), `U`/`L` → `<port>
 * <address>` with a new even port each time, `D`/`P`/`S` → 0. It keeps every command it gets.
 */
import { once } from "node:events";
import { Worker } from "node:worker_threads";

export interface FakeRtpproxyOptions {
  /** The address in the U/L replies; default 192.0.2.10. */
  readonly address?: string;
  /** The first port handed out; default 40000. */
  readonly firstPort?: number;
  /** Replies (such as `E8`) sent instead, by command letter. */
  readonly errors?: Readonly<Record<string, string>>;
  /** Command letters left unanswered. */
  readonly silent?: readonly string[];
  /** `VF` versions answered 0. */
  readonly unsupported?: readonly string[];
  /** Also listen on this unix socket path. */
  readonly unixPath?: string;
}

export interface FakeRtpproxy {
  readonly port: number;
  /** Every command received so far, without its cookie. */
  commands(): Promise<string[]>;
  /** The commands other than the version queries (V, VF). */
  sessionCommands(): Promise<string[]>;
  close(): Promise<void>;
}

const SERVER = String.raw`
"use strict";
const { parentPort, workerData: options } = require("node:worker_threads");
const dgram = require("node:dgram");
const net = require("node:net");

const commands = [];
let nextPort = options.firstPort;

function answer(command) {
  commands.push(command);
  const letter = command[0];
  if (options.silent.includes(letter)) return null;
  if (options.errors[letter] !== undefined) return options.errors[letter];
  if (command === "V") return "20040107";
  if (command.startsWith("VF ")) return options.unsupported.includes(command.slice(3).trim()) ? "0" : "1";
  if (letter === "U" || letter === "L") {
    const port = nextPort;
    nextPort += 2;
    return port + " " + options.address;
  }
  return "0";
}

const udp = dgram.createSocket("udp4");
udp.on("message", (data, peer) => {
  const text = data.toString("latin1");
  const space = text.indexOf(" ");
  const cookie = text.slice(0, space);
  const reply = answer(text.slice(space + 1).trim());
  if (reply !== null) udp.send(cookie + " " + reply + "\n", peer.port, peer.address);
});

let unix = null;
if (options.unixPath !== null) {
  unix = net.createServer((socket) => {
    socket.setEncoding("latin1");
    socket.on("data", (text) => {
      const reply = answer(text.trim());
      if (reply === null) return;
      socket.end(reply + "\n");
    });
  });
  unix.listen(options.unixPath);
}

udp.bind(0, "127.0.0.1", () => parentPort.postMessage({ type: "ready", port: udp.address().port }));
parentPort.on("message", (message) => {
  if (message === "list") return parentPort.postMessage({ type: "list", commands: commands.slice() });
  udp.close();
  if (unix === null) return process.exit(0);
  unix.close(() => process.exit(0));
});
`;

export async function startFakeRtpproxy(options: FakeRtpproxyOptions = {}): Promise<FakeRtpproxy> {
  const workerData = {
    address: options.address ?? "192.0.2.10",
    firstPort: options.firstPort ?? 40000,
    errors: options.errors ?? {},
    silent: options.silent ?? [],
    unsupported: options.unsupported ?? [],
    unixPath: options.unixPath ?? null,
  };
  const worker = new Worker(SERVER, { eval: true, workerData });
  const [ready] = (await once(worker, "message")) as [{ port: number }];
  const commands = async (): Promise<string[]> => {
    worker.postMessage("list");
    const [list] = (await once(worker, "message")) as [{ commands: string[] }];
    return list.commands;
  };
  return {
    port: ready.port,
    commands,
    sessionCommands: async () => (await commands()).filter((c) => c !== "V" && !c.startsWith("VF ")),
    close: async () => {
      worker.postMessage("close");
      await once(worker, "exit");
    },
  };
}

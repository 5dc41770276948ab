/**
 * For the serve tests: SIPp (Debian/Ubuntu package `sip-tester`) placing calls through a served
 * proxy with the scenarios of fixtures/serve/: a UAS answering, a UAC calling it through the proxy.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createSocket } from "node:dgram";
import { accessSync, constants } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { REPO } from "./serve-process.ts";

/** SIPp's own overall limit, in seconds. */
const SIPP_TIMEOUT_S = 60;
/** Time the UAS gets to bind before the first INVITE (a late one is retransmitted anyway). */
const UAS_STARTUP_MS = 500;

export interface SippRun {
  readonly code: number | null;
  readonly output: string;
  /** The cumulative "Successful call" count of its last statistics screen. */
  readonly successfulCalls: number | null;
}

/** The sipp executable on PATH, or null. */
export function findSipp(): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    try {
      accessSync(join(dir, "sipp"), constants.X_OK);
      return join(dir, "sipp");
    } catch {
      // not in this directory
    }
  }
  return null;
}

/**
 * `calls` calls at `rate` per second from a SIPp UAC, sent to the proxy on `proxyPort`, to a SIPp
 * UAS; resolves with both runs once both have exited (each stops after `calls` calls).
 */
export async function sippCalls(sipp: string, proxyPort: number, calls: number, rate: number): Promise<{ uac: SippRun; uas: SippRun }> {
  const [uasPort, uacPort] = await freePorts(2);
  const common = ["-i", "127.0.0.1", "-m", String(calls), "-nostdin", "-timeout", `${SIPP_TIMEOUT_S}s`];
  const children: ChildProcess[] = [];
  try {
    const uas = run(sipp, ["-sf", join(REPO, "fixtures/serve/uas.xml"), "-p", String(uasPort), ...common], children);
    await new Promise((resolve) => setTimeout(resolve, UAS_STARTUP_MS));
    const uacArgs = ["-sf", join(REPO, "fixtures/serve/uac.xml"), "-rsa", `127.0.0.1:${proxyPort}`, "-p", String(uacPort), "-r", String(rate)];
    const uac = run(sipp, [`127.0.0.1:${uasPort}`, ...uacArgs, ...common], children);
    const [uacRun, uasRun] = await Promise.all([uac, uas]);
    return { uac: uacRun, uas: uasRun };
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}

/** Runs SIPp in a scratch directory (it may write logs there); resolves when it exits. */
function run(command: string, args: string[], children: ChildProcess[]): Promise<SippRun> {
  const child = spawn(command, args, { cwd: tmpdir(), stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, output, successfulCalls: successfulCalls(output) })));
}

function successfulCalls(output: string): number | null {
  const rows = [...output.matchAll(/Successful call\s*\|\s*[0-9]+\s*\|\s*([0-9]+)/g)];
  return rows.length === 0 ? null : Number(rows.at(-1)![1]);
}

/** Ports free on 127.0.0.1 right now (bound, read and released). */
async function freePorts(count: number): Promise<number[]> {
  const sockets = await Promise.all(
    Array.from({ length: count }, () => {
      const socket = createSocket("udp4");
      return new Promise<typeof socket>((resolve) => socket.bind(0, "127.0.0.1", () => resolve(socket)));
    }),
  );
  const ports = sockets.map((s) => s.address().port);
  await Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}

/**
 * For the serve tests: `opensips-ts serve` as a child process (the CLI from source, through tsx),
 * listening on a free port of 127.0.0.1, stopped with SIGTERM like an operator would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
const CLI = fileURLToPath(new URL("../../cli/main.ts", import.meta.url));
const START_MS = 60_000;
const STOP_MS = 10_000;

export interface ServeProcess {
  /** The UDP port it listens on. */
  readonly port: number;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, then its exit code (SIGKILL and null when it does not stop in time). */
  stop(): Promise<number | null>;
}

/** Starts `opensips-ts serve <args> --listen 127.0.0.1:0` and waits for its "listening" line. */
export function startServe(args: readonly string[]): Promise<ServeProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, "serve", ...args, "--listen", "127.0.0.1:0"], {
    cwd: REPO,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`serve did not start within ${START_MS} ms:\n${stderr}`));
    }, START_MS);
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => {
      stderr += chunk;
      const listening = /listening on udp:127\.0\.0\.1:([0-9]+)/.exec(stderr);
      if (listening === null) return;
      clearTimeout(timer);
      resolve({ port: Number(listening[1]), stderr: () => stderr, stop: () => stop(child, exited) });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening:\n${stderr}`));
    });
  });
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_MS);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

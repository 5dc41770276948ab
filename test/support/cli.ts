/**
 * For the CLI and plugin tests: the built `opensips-ts` binary (dist/cli.js, built by `node build.mjs`,
 * which `npm test` runs first) as a child process, and throw-away directories under the OS temp dir.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestContext } from "node:test";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
const DIST = join(REPO, "dist");
const CLI = join(DIST, "cli.js");
const RUN_TIMEOUT_MS = 60_000;

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` to completion (killed after a minute). */
export function runNode(args: readonly string[], cwd: string): Promise<Finished> {
  const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
  const output = collect(child);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: output.stdout(), stderr: output.stderr() });
    });
  });
}

/** Runs `opensips-ts <args>` in `cwd` to completion. */
export function runCli(args: readonly string[], cwd: string): Promise<Finished> {
  assertBuilt();
  return runNode([CLI, ...args], cwd);
}

export interface Running {
  stderr(): string;
  /** Resolves once `ready()` holds (checked every 100 ms); rejects after `ms`. */
  until(ready: () => boolean, ms: number): Promise<void>;
  /** SIGTERM, then SIGKILL if it is still running a few seconds later. */
  stop(): Promise<void>;
}

/** Starts `opensips-ts <args>` in `cwd` (for commands that keep running, like `compile --watch`). */
export function startCli(args: readonly string[], cwd: string): Running {
  assertBuilt();
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  const output = collect(child);
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  return {
    stderr: output.stderr,
    until: (ready, ms) => waitFor(ready, ms, output.stderr),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A fresh directory under the OS temp dir with `files` written into it, removed after the test. */
export function tempDirWith(t: TestContext, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "opensips-ts-cli-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/**
 * The source of a small app (ESM) that runs a compiled script on the runtime's offline engine with one
 * INVITE, then prints the HandleResult as JSON and one trace line per event.
 */
export function offlineApp(runtimeSpecifier: string, scriptSpecifier: string): string {
  const invite = [
    "INVITE sip:bob@example.org SIP/2.0",
    "Via: SIP/2.0/UDP 10.0.0.7:5062;branch=z9hG4bK776asdhds",
    "Max-Forwards: 70",
    "To: <sip:bob@example.org>",
    "From: <sip:alice@example.org>;tag=1",
    "Call-ID: c1",
    "CSeq: 1 INVITE",
    "Content-Length: 0",
    "",
    "",
  ].join("\r\n");
  return `import { createEngine, OfflineEnvironment, traceLine } from ${JSON.stringify(runtimeSpecifier)};
import script from ${JSON.stringify(scriptSpecifier)};
const env = new OfflineEnvironment();
const engine = await createEngine(script, env);
const result = await engine.handleRequest(${JSON.stringify(invite)}, { proto: "udp", ip: "10.0.0.7", port: 5062 });
engine.stop();
console.log(JSON.stringify(result));
for (const event of env.events) console.log(traceLine(event));
`;
}

function collect(child: ChildProcess): { stdout(): string; stderr(): string } {
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return { stdout: () => stdout, stderr: () => stderr };
}

function waitFor(ready: () => boolean, ms: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (ready()) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() > deadline) {
        clearInterval(poll);
        reject(new Error(`not ready within ${ms} ms; stderr so far:\n${describe()}`));
      }
    }, 100);
  });
}

function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`node build.mjs\` first (npm test does)`);
}

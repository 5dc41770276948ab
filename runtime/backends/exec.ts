import { spawn } from "node:child_process";
import { constants } from "node:os";
import type { Readable } from "node:stream";
import { errorMessage } from "./error-message.ts";
import { settleOnce } from "./settle-once.ts";

export type CommandResult =
  | { ok: true; stdout: string; stderr: string; status: number }
  | { ok: false; error: string; timedOut?: boolean };

export interface CommandOptions {
  /** Kill the command (its whole process group) after this many milliseconds. None by default, as in OpenSIPS. */
  timeoutMs?: number;
  /** Variables added to the inherited environment. */
  env?: Record<string, string>;
}

/** Output kept per stream; anything beyond is read and dropped so the child never blocks on a full pipe. */
const MAX_CAPTURE_BYTES = 8 * 1024 * 1024;

/**
 * Runs `/bin/sh -c cmd` as a child process, feeds it `stdin` (null: empty input), and resolves with its
 * output and exit status (128 + signal number when killed by a signal). The exit status is reported,
 * not judged: OpenSIPS's exec ignores it. Never rejects; on timeout the process group is killed and
 * the caller is answered at once.
 */
export function runCommand(cmd: string, stdin: string | null, opts: CommandOptions = {}): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = startShell(cmd, opts.env);
    if (child instanceof Error) {
      resolve({ ok: false, error: `cannot run command: ${child.message}` });
      return;
    }
    const { finish } = settleOnce<CommandResult>(resolve, opts.timeoutMs, (timeoutMs) => {
      killGroup(child.pid);
      return { ok: false, error: `command timed out after ${timeoutMs} ms`, timedOut: true };
    });

    const stdout = capture(child.stdout);
    const stderr = capture(child.stderr);
    child.on("error", (err) => finish({ ok: false, error: `cannot run command: ${err.message}` }));
    child.on("close", (code, signal) => {
      const status = code ?? 128 + (signal ? constants.signals[signal] : 0);
      finish({ ok: true, stdout: stdout.text(), stderr: stderr.text(), status });
    });

    // A command that exits without reading its input makes the write fail with EPIPE: not an error.
    child.stdin.on("error", () => {});
    if (stdin === null) child.stdin.end();
    else child.stdin.end(stdin);
  });
}

function startShell(cmd: string, env: Record<string, string> | undefined) {
  try {
    return spawn("/bin/sh", ["-c", cmd], {
      env: { ...process.env, ...env },
      stdio: "pipe",
      // Its own process group, so a timeout also kills what the shell started.
      detached: true,
    });
  } catch (err) {
    return new Error(errorMessage(err));
  }
}

function capture(stream: Readable): { text(): string } {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on("data", (chunk: Buffer) => {
    if (size >= MAX_CAPTURE_BYTES) return;
    chunks.push(chunk.subarray(0, MAX_CAPTURE_BYTES - size));
    size += chunk.length;
  });
  return { text: () => Buffer.concat(chunks).toString("utf8") };
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

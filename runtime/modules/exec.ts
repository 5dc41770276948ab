/**
 * exec: runs `/bin/sh -c cmd`. Blocking, the whole stdout (trailing newline kept) is one value of
 * `$out` and stderr one value of `$err`; under async() each output line is assigned in turn (an
 * AVP gets one value per line, a `$var` keeps the last). The exit status is ignored: 1 unless
 * the command could not be started. async()'s timeout is not supported, as in OpenSIPS.
 */
import { spawnSync } from "node:child_process";
import { pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, AsyncDone, FunctionImpl, ModuleImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import type { Pv } from "../pv-types.ts";
import { runCommand } from "../backends/exec.ts";
import { asyncExecLines, blockingExecValue, execEnvironment } from "../backends/exec-outputs.ts";
import { textOf } from "../transformations/value-text.ts";

interface ExecCall {
  readonly cmd: string;
  readonly stdin: string | null;
  readonly out: Pv | null;
  readonly err: Pv | null;
  readonly env: Record<string, string>;
}

function execCall(ctx: Ctx, [cmd, stdin, out, err, envAvp]: readonly Arg[]): ExecCall | null {
  const command = textArg(cmd);
  if (command === null) return null;
  const envValues = pvArg(envAvp)?.all?.(ctx).map((v) => textOf(v) ?? "") ?? [];
  return { cmd: command, stdin: textArg(stdin), out: pvArg(out), err: pvArg(err), env: execEnvironment(envValues) };
}

function runBlocking(ctx: Ctx, args: readonly Arg[]): number {
  const call = execCall(ctx, args);
  if (call === null) return -1;
  const result = spawnSync("/bin/sh", ["-c", call.cmd], { input: call.stdin ?? "", env: { ...process.env, ...call.env }, encoding: "utf8" });
  if (result.error !== undefined) {
    ctx.log(L_ERR, `ERROR:exec:exec: cannot run "${call.cmd}": ${result.error.message}`);
    return -1;
  }
  assignWhole(ctx, call.out, result.stdout);
  assignWhole(ctx, call.err, result.stderr);
  return 1;
}

function assignWhole(ctx: Ctx, target: Pv | null, output: string): void {
  const value = blockingExecValue(output);
  if (target !== null && value !== null) target.assign(ctx, "=", value);
}

async function runAsync(ctx: Ctx, args: readonly Arg[]): Promise<number | AsyncDone> {
  const call = execCall(ctx, args);
  if (call === null) return -1;
  const result = await runCommand(call.cmd, call.stdin, { env: call.env });
  if (!result.ok) return -1;
  return {
    code: 1,
    write: (resumed) => {
      for (const line of asyncExecLines(result.stdout)) call.out?.assign(resumed, "=", line);
      for (const line of asyncExecLines(result.stderr)) call.err?.assign(resumed, "=", line);
    },
  };
}

const EXEC: FunctionImpl = { call: runBlocking, start: runAsync, timeouts: false };

export const exec: ModuleImpl = {
  name: "exec",
  functions: new Map([["exec", EXEC]]),
};

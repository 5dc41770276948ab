/**
 * `async(f(args), resume[, timeout])` compiles to `yield rt.suspend(ctx, fn, [args], resume,
 * timeout)`: the request travels up through every `yield*` to the driver, which starts the I/O
 * and ends the run; it never resumes the generator (the resume route is the continuation).
 */
import type { Ctx } from "./ctx.ts";
import type { Arg, FunctionBinding } from "./functions.ts";
import type { RouteFn } from "./script.ts";

export interface AsyncRequest {
  readonly ctx: Ctx;
  readonly binding: FunctionBinding;
  readonly args: readonly Arg[];
  readonly resume: RouteFn;
  /** Seconds; null when async() gave none. */
  readonly timeout: number | null;
}

export function suspend(ctx: Ctx, binding: FunctionBinding, args: readonly Arg[], resume: RouteFn, timeout?: number): AsyncRequest {
  return { ctx, binding, args, resume, timeout: timeout ?? null };
}

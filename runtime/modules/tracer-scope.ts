/**
 * trace()'s scope and flags (st_parse_flags, trace_w). The scope letters m / t / d (any case) keep
 * the topmost one given; without a scope trace() takes the dialog of an INVITE when the dialog
 * module is loaded, else the transaction. A dialog can only start on an initial INVITE (else the
 * transaction is traced) and a transaction on a request other than ACK (else only the message).
 * The flags C and c trace only the caller or only the callee side (both without them).
 */
import type { Ctx } from "../ctx.ts";
import type { Side } from "./tracer-sessions.ts";

export type Scope = "message" | "transaction" | "dialog";

const RANK: Readonly<Record<Scope, number>> = { message: 1, transaction: 2, dialog: 3 };
const LETTERS: Readonly<Record<string, Scope>> = { m: "message", t: "transaction", d: "dialog" };

/** The scope `text` asks for; null when it asks for none; an error for a bad letter. */
export function parseScope(text: string | null): Scope | null | { readonly error: string } {
  let scope: Scope | null = null;
  for (const ch of text ?? "") {
    if (ch === " ") continue;
    const named = LETTERS[ch.toLowerCase()];
    if (named === undefined) {
      const reason = ch.toLowerCase() === "b" ? "B2B session tracing needs b2b_logic, which the runtime does not provide" : `invalid character <${ch}>`;
      return { error: reason };
    }
    if (scope === null || RANK[named] > RANK[scope]) scope = named;
  }
  return scope;
}

const BOTH: ReadonlySet<Side> = new Set(["caller", "callee"]);

/** The sides the flags select; an error for an unknown flag. */
export function parseSides(text: string | null): ReadonlySet<Side> | { readonly error: string } {
  const sides = new Set<Side>();
  for (const ch of text ?? "") {
    if (ch === "C") sides.add("caller");
    else if (ch === "c") sides.add("callee");
    else return { error: `invalid flag <${ch}>` };
  }
  return sides.size === 0 ? BOTH : sides;
}

export function dialogModuleLoaded(ctx: Ctx): boolean {
  return ctx.engine.script.modules.includes("dialog");
}

/** What trace() really follows for the message of `ctx`. */
export function effectiveScope(ctx: Ctx, requested: Scope | null): Scope {
  const msg = ctx.msg;
  const invite = msg.isRequest && msg.method === "INVITE";
  let scope = requested ?? (dialogModuleLoaded(ctx) && invite ? "dialog" : "transaction");
  if (scope === "dialog" && !(dialogModuleLoaded(ctx) && invite && msg.toTag === null)) scope = "transaction";
  if (scope === "transaction" && !(msg.isRequest && msg.method !== "ACK")) scope = "message";
  return scope;
}

/**
 * The failed result of a value expression (spec §7.2): an operator given operands it does not
 * support logs a warning and yields `ERROR` instead of a value. It travels through enclosing
 * operators unchanged; an assignment receiving it leaves its target alone and gives -1, and a
 * comparison or `[ … ]` test receiving it gives -1.
 */
import type { Value } from "./value.ts";

export const ERROR: unique symbol = Symbol("opensips-ts script error");
export type ScriptError = typeof ERROR;

/** What a value expression evaluates to. */
export type Operand = Value | ScriptError;

/**
 * Thrown when a script uses something the runtime does not implement (a function, a
 * pseudo-variable, a transformation). The message names it and the `.cfg` location.
 */
export class NotSupported extends Error {
  constructor(what: string, location?: string) {
    super(`not supported by the runtime: ${what}${location === undefined ? "" : ` at ${location}`}`);
    this.name = "NotSupported";
  }
}

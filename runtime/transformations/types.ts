/**
 * Shapes shared by every transformation implementation.
 */
import type { Value } from "../value.ts";

/**
 * What a few transformations need from the message being processed. The runtime passes one per
 * call; without it those transformations return NULL, as a failing PV lookup does in OpenSIPS.
 */
export interface TransformEnv {
  /** `{s.eval}`: expands the pseudo-variables of a format string against the current message. */
  expandFormat?(text: string): Value;
  /**
   * `{re.subst}` replacements that name a pseudo-variable (`/(IP4 )[0-9.]+/\1$var(ip)/`): parses the PV
   * spec starting at `text[pos]` (a `$`) and returns where it ends and its current value, or null
   * when no PV spec parses there.
   */
  pvAt?(text: string, pos: number): { readonly end: number; readonly value: Value } | null;
  /** `{re.subst}` `\u` in a replacement: the current request URI; null when processing a reply. */
  requestUri?(): string | null;
}

/**
 * One resolved transformation, applied per value. `params` are the evaluated parameters in
 * script order (literal text, or the value of the PV written there). Never throws: failures and
 * NULL input give NULL, unless OpenSIPS passes the input through (noted per method).
 */
export type TransformFn = (input: Value, params: readonly Value[], env?: TransformEnv) => Value;

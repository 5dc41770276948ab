/**
 * REGEX parameters of module functions (`t_check_status("3[0-9][0-9]")`, `search("^From:")`): a
 * literal or a variable's value, compiled as a POSIX ERE. Texts are compiled once and kept.
 */
import type { Arg } from "../functions.ts";
import { textArg } from "../args.ts";
import { compileEre } from "../regex.ts";

export interface RegexFlags {
  readonly ignoreCase?: boolean;
  /** REG_NEWLINE: `.` stops at line ends and `^`/`$` match at them (textops searches). */
  readonly newlineSensitive?: boolean;
}

const CACHE_LIMIT = 512;
const cache = new Map<string, RegExp | null>();

/** The compiled expression, or null when the argument is empty or not a valid ERE. */
export function regexArg(arg: Arg, flags: RegexFlags = {}): RegExp | null {
  const source = textArg(arg);
  if (source === null) return null;
  const key = `${flags.ignoreCase === true ? "i" : ""}${flags.newlineSensitive === true ? "m" : ""}/${source}`;
  let re = cache.get(key);
  if (re === undefined) {
    re = compileEre(source, flags).re;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** Whether `re` matches somewhere in `text` (a null expression never matches). */
export function regexMatches(re: RegExp | null, text: string): boolean {
  if (re === null) return false;
  re.lastIndex = 0;
  return re.test(text);
}

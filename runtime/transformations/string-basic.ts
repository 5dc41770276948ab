/**
 * `{s.len}`, `{s.int}`, case mapping, `{s.reverse}` and the trims.
 */
import type { TransformFn } from "./types.ts";
import { bytesOf } from "./bytes.ts";
import { onText } from "./on-text.ts";
import { intValue, isIntTyped, toInt32, withNewText } from "./value-text.ts";

/** Int-typed byte length of the string form. */
export const len: TransformFn = onText((text) => bytesOf(text).length);

/**
 * Int-typed; the integer is the leading signed digits (0 if none) and the string form stays the
 * original text (spec §9, verified). An int-typed input is returned as it is.
 */
export const int: TransformFn = (input) => {
  if (input === null || isIntTyped(input)) return input;
  return intValue(leadingInt(input), input);
};

/** OpenSIPS `str2sint` without its error: sign, then digits up to the first non-digit. */
function leadingInt(text: string): number {
  let i = 0;
  let sign = 1;
  if (text[0] === "-") {
    sign = -1;
    i = 1;
  } else if (text[0] === "+") {
    i = 1;
  }
  let n = 0;
  for (; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    n = toInt32(n * 10 + digit);
  }
  return toInt32(n * sign);
}

/** ASCII only, like OpenSIPS. */
export const tolower: TransformFn = onText((text) => text.replace(/[A-Z]+/g, (s) => s.toLowerCase()));
export const toupper: TransformFn = onText((text) => text.replace(/[a-z]+/g, (s) => s.toUpperCase()));

export const reverse: TransformFn = onText((text) => {
  let out = "";
  for (let i = text.length - 1; i >= 0; i--) out += text[i];
  return out;
});

/** OpenSIPS trims SP, HT, CR and LF; the value keeps its int typing. */
export const trim: TransformFn = onText((text, _p, input) => withNewText(input, text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "")));
export const trimr: TransformFn = onText((text, _p, input) => withNewText(input, text.replace(/[ \t\r\n]+$/, "")));
export const triml: TransformFn = onText((text, _p, input) => withNewText(input, text.replace(/^[ \t\r\n]+/, "")));

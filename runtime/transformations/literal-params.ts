/**
 * Literal parameters as OpenSIPS reads them when it loads the script: in a numeric position
 * (`{s.substr,4,-1}`) the text is a number; everywhere else it stays text. The runtime converts
 * each literal once with literalParam() and passes PV parameters as their current values.
 */
import type { Value } from "../value.ts";
import { literalNumberParam } from "./param-values.ts";

/** Zero-based positions of the numeric parameters, by `class.method`. */
const NUMERIC_POSITIONS: Readonly<Record<string, readonly number[]>> = {
  "s.substr": [0, 1],
  "s.select": [0],
  "s.index": [1],
  "s.rindex": [1],
  "s.fill.left": [1],
  "s.fill.right": [1],
  "s.width": [0],
  "param.valueat": [0],
  "param.name": [0],
  "csv.value": [0],
  "sdp.line": [1],
  // Taken as an index when it reads as a number, else as a media type (`audio`).
  "sdp.stream": [0],
  "sdp.stream-delete": [0],
};

/**
 * The value of literal parameter `position` of `{cls.method,...}`. A numeric position holding
 * text that is not a number keeps the text, which the transformation then rejects (NULL), where
 * OpenSIPS would refuse to start.
 */
export function literalParam(cls: string, method: string, position: number, text: string): Value {
  const key = `${cls.trim().toLowerCase()}.${method.trim().toLowerCase()}`;
  const numeric = Object.hasOwn(NUMERIC_POSITIONS, key) && NUMERIC_POSITIONS[key]!.includes(position);
  return numeric ? (literalNumberParam(text) ?? text) : text;
}

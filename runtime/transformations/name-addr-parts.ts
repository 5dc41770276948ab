/**
 * One element of a name-addr list (`"Bob" <sip:b@x>;tag=1, <sip:c@y>`) the way OpenSIPS's
 * `parse_to` exposes it to `{nameaddr.*}`, on top of the SIP layer's parser
 * (runtime/sip/name-addr.ts).
 */
import { parseNameAddr, type NameAddr } from "../sip/name-addr.ts";
import { findUnnested, splitHeaderList, trimSip } from "../sip/scan.ts";
import { memoLast } from "./memo.ts";

export interface NameAddrParts {
  readonly parsed: NameAddr;
  /** Display name and address, without the header parameters: what `{nameaddr.len}` measures. */
  readonly body: string;
  /** Header parameter text without the leading `;` ("" when none). */
  readonly params: string;
}

/** Where the address ends: after the `>` of `<...>`, or at the `;` that starts header parameters. */
function bodyEnd(element: string): number {
  const open = findUnnested(element, 60 /* < */);
  if (open >= 0) return element.indexOf(">", open) + 1;
  const semi = element.indexOf(";");
  return semi < 0 ? element.length : semi;
}

function split(element: string, parsed: NameAddr): NameAddrParts {
  const end = bodyEnd(element);
  const rest = trimSip(element.slice(end));
  return { parsed, body: trimSip(element.slice(0, end)), params: trimSip(rest.replace(/^;/, "")) };
}

const parseList = memoLast((text: string): string[] => splitHeaderList(text));

/** The element at `index` (negative counts from the end), or null when absent or malformed. */
export function nameAddrAt(text: string, index: number): NameAddrParts | null {
  const elements = parseList(text);
  const element = elements[index < 0 ? elements.length + index : index];
  if (element === undefined) return null;
  const parsed = parseNameAddr(element);
  return parsed === null ? null : split(element, parsed);
}

/**
 * The `nameaddr` class: `{nameaddr.name}`, `{nameaddr.uri}`, `{nameaddr.len}`,
 * `{nameaddr.param,name}`, `{nameaddr.params}`, each with an optional element index for comma
 * lists (`{nameaddr.1.uri}`, `{nameaddr.-1.name}`). The index is passed as the first parameter
 * (absent or NULL means 0); the method's own parameters follow it.
 */
import type { Value } from "../value.ts";
import type { TransformFn } from "./types.ts";
import { onNonEmptyText } from "./on-text.ts";
import { nullIfEmpty } from "./value-text.ts";
import { numberParam, stringParam } from "./param-values.ts";
import { nameAddrAt, type NameAddrParts } from "./name-addr-parts.ts";


function onElement(apply: (element: NameAddrParts, params: readonly Value[]) => Value): TransformFn {
  return onNonEmptyText((text, params) => {
    const index = params[0] === undefined || params[0] === null ? 0 : numberParam(params[0]);
    const element = index === null ? null : nameAddrAt(text, index);
    return element === null ? null : apply(element, params.slice(1));
  });
}

/** The display name as written, quotes included (as OpenSIPS's `parse_to` keeps them). */
export const name = onElement((e) => nullIfEmpty(e.parsed.display));
export const uri = onElement((e) => nullIfEmpty(e.parsed.uri));
/** Int-typed length of the display name and address (header parameters excluded). */
export const len = onElement((e) => e.body.length);
export const params = onElement((e) => nullIfEmpty(e.params));

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}

/**
 * `{nameaddr.param,name}`: the header parameter's value, quotes removed. Names are compared
 * case-sensitively, as OpenSIPS does here (unlike `{uri.param}`). NULL when absent or valueless.
 */
export const param = onElement((e, p) => {
  const wanted = stringParam(p[0]);
  const value = wanted === null ? null : e.parsed.params.find((x) => x.name === wanted)?.value;
  return nullIfEmpty(value === null || value === undefined ? null : unquote(value));
});

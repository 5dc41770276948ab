/**
 * The `uri` class. Every part that is absent or empty gives NULL (OpenSIPS 3.x), and so does a
 * value that is not a sip/sips/tel/tels URI.
 */
import type { Value } from "../value.ts";
import type { TransformFn } from "./types.ts";
import { onNonEmptyText } from "./on-text.ts";
import { nullIfEmpty } from "./value-text.ts";
import { stringParam } from "./param-values.ts";
import { findParam, parseParamList } from "./param-list.ts";
import { parseUriParts, type UriParts } from "./uri-parts.ts";


function onUri(apply: (uri: UriParts, params: readonly Value[]) => Value): TransformFn {
  return onNonEmptyText((text, params) => {
    const uri = parseUriParts(text);
    return uri === null ? null : apply(uri, params);
  });
}

function part(read: (uri: UriParts) => string): TransformFn {
  return onUri((uri) => nullIfEmpty(read(uri)));
}

export const user = part((u) => u.user);
/** Also `{uri.domain}`. */
export const host = part((u) => u.host);
export const passwd = part((u) => u.passwd);
export const params = part((u) => u.params);
export const headers = part((u) => u.headers);
export const schema = part((u) => u.schema);
export const transport = part((u) => u.special("transport"));
export const ttl = part((u) => u.special("ttl"));
/** The value of the `user=` parameter. */
export const uparam = part((u) => u.special("user"));
export const maddr = part((u) => u.special("maddr"));
export const method = part((u) => u.special("method"));
/** The value of `lr=...`; a bare `;lr` has none, so it gives NULL as in OpenSIPS. */
export const lr = part((u) => u.special("lr"));
export const r2 = part((u) => u.special("r2"));

/** Int-typed port; NULL when the URI has no explicit port. */
export const port: TransformFn = onUri((uri) => uri.port);

/**
 * `{uri.param,name}`: the value (quotes removed) of the first parameter with that name, compared
 * case-insensitively; "" for a parameter without a value; NULL when absent.
 */
export const param: TransformFn = onUri((uri, p) => {
  const name = stringParam(p[0]);
  const list = uri.params === "" ? null : parseParamList(uri.params);
  if (name === null || list === null) return null;
  return findParam(list, name)?.value ?? null;
});

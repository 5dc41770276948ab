/**
 * The `via` class over one Via value (the first of a comma list): `{via.name}` (`SIP`),
 * `{via.version}`, `{via.transport}`, `{via.host}` (alias `domain`), `{via.port}`,
 * `{via.comment}`, `{via.params}`, `{via.param,name}`, `{via.branch}`, `{via.received}`,
 * `{via.rport}`. Absent or empty parts give NULL, as does a value that is not a Via.
 */
import type { Value } from "../value.ts";
import { formatParams, paramValue } from "../sip/params.ts";
import { parseViaList, type Via } from "../sip/via.ts";
import type { TransformFn } from "./types.ts";
import { memoLast } from "./memo.ts";
import { onNonEmptyText } from "./on-text.ts";
import { nullIfEmpty } from "./value-text.ts";
import { stringParam } from "./param-values.ts";

const firstVia = memoLast((text: string): Via | null => parseViaList(text)?.[0] ?? null);


function onVia(apply: (via: Via, params: readonly Value[]) => Value): TransformFn {
  // OpenSIPS refuses values of 2 characters or fewer before parsing.
  return onNonEmptyText((text, params) => {
    const via = text.length > 2 ? firstVia(text) : null;
    return via === null ? null : apply(via, params);
  });
}

export const name = onVia((v) => nullIfEmpty(v.protocol));
export const version = onVia((v) => nullIfEmpty(v.version));
export const transport = onVia((v) => nullIfEmpty(v.transport));
export const host = onVia((v) => nullIfEmpty(v.host));
/** Int-typed; NULL when the Via has no explicit port. */
export const port = onVia((v) => v.port);
export const comment = onVia((v) => nullIfEmpty(v.comment));
export const params = onVia((v) => nullIfEmpty(formatParams(v.params).slice(1)));

/** Parameter names are compared case-insensitively; a valueless parameter gives NULL. */
export const param = onVia((v, p) => {
  const wanted = stringParam(p[0]);
  return wanted === null ? null : nullIfEmpty(paramValue(v.params, wanted));
});

export const branch = onVia((v) => nullIfEmpty(paramValue(v.params, "branch")));
export const received = onVia((v) => nullIfEmpty(paramValue(v.params, "received")));
/** The `rport` value; a bare `;rport` (no value yet) gives NULL. */
export const rport = onVia((v) => nullIfEmpty(paramValue(v.params, "rport")));

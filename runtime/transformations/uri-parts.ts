/**
 * A URI split the way OpenSIPS's `parse_uri` exposes it to `{uri.*}`: raw texts of each part, on
 * top of the SIP layer's parser (runtime/sip/uri.ts).
 */
import { parseUri, uriHeadersText, uriParamsText } from "../sip/uri.ts";
import type { Param } from "../sip/params.ts";
import { memoLast } from "./memo.ts";

export interface UriParts {
  /** The scheme as written (`sip`, `SIPS`, `tel`). */
  readonly schema: string;
  readonly user: string;
  readonly passwd: string;
  readonly host: string;
  readonly port: number | null;
  /** Parameter text after the first `;`, without it. */
  readonly params: string;
  readonly headers: string;
  /** Value of the last parameter with that (lower-case) name: transport, ttl, user, maddr, method, lr, r2. */
  special(name: string): string;
}

/**
 * `sip:+1234;npdi@host;user=phone` is a telephone number in disguise: OpenSIPS cuts the user at
 * its first `;` and then reports the user part's parameters (`npdi`) as the URI parameters.
 */
function phoneUserSplit(user: string): { user: string; params: string } | null {
  const semi = user.indexOf(";");
  return semi < 0 ? { user, params: "" } : { user: user.slice(0, semi), params: user.slice(semi + 1) };
}

function lastParamValue(params: readonly Param[], name: string): string {
  for (let i = params.length - 1; i >= 0; i--) {
    if (params[i]!.name.toLowerCase() === name) return params[i]!.value ?? "";
  }
  return "";
}

export const parseUriParts = memoLast((text: string): UriParts | null => {
  const uri = parseUri(text);
  if (uri === null) return null;
  const special = (name: string): string => lastParamValue(uri.params, name);
  const isSip = uri.scheme === "sip" || uri.scheme === "sips";
  const phone = isSip && special("user") === "phone" ? phoneUserSplit(uri.user ?? "") : null;
  return {
    schema: text.slice(0, text.indexOf(":")),
    user: phone?.user ?? uri.user ?? "",
    passwd: uri.password ?? "",
    host: uri.host,
    port: uri.port,
    params: phone?.params ?? uriParamsText(uri),
    headers: uriHeadersText(uri),
    special,
  };
});

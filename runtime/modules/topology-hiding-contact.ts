/**
 * The Contact topology hiding advertises instead of the real one: `<sip:[user@]our-address;...>`
 * — the whole Contact value is replaced (display name and header parameters too), keeping only
 * the URI parameters named by th_passed_contact_uri_params (OpenSIPS passes only URI parameters it
 * does not know itself) and the header parameters named by th_passed_contact_params.
 */
import type { HeaderField } from "../sip/header-field.ts";
import type { SipMessage } from "../sip/message.ts";
import { parseNameAddr, type NameAddr } from "../sip/name-addr.ts";
import type { Param } from "../sip/params.ts";
import { splitHeaderList } from "../sip/scan.ts";
import { parseUri } from "../sip/uri.ts";
import type { TopologyHidingSettings } from "./topology-hiding-settings.ts";

/** URI parameters OpenSIPS's URI parser knows: they are never passed on. */
const KNOWN_URI_PARAMS: ReadonlySet<string> = new Set(["transport", "ttl", "user", "method", "maddr", "lr", "r2", "gr", "pn-provider", "pn-prid", "pn-param", "pn-purr"]);

export interface ContactField {
  readonly field: HeaderField;
  readonly contact: NameAddr;
}

/** The contact of the first Contact field; null when there is none; a reason when it is not a single contact. */
export function firstContact(msg: SipMessage): ContactField | null | string {
  const field = msg.headerFields.find((f) => f.is("contact"));
  if (field === undefined) return null;
  const values = splitHeaderList(field.value);
  const contact = values.length === 1 && values[0] !== "*" ? parseNameAddr(values[0]!) : null;
  return contact === null ? `bad Contact HDR <${field.value}>` : { field, contact };
}

/** The username of a contact's URI; null when it has none or the URI does not parse. */
export function contactUser(contact: NameAddr): string | null {
  return parseUri(contact.uri)?.user ?? null;
}

function paramText(param: Param): string {
  return param.value === null || param.value === "" ? `;${param.name}` : `;${param.name}=${param.value}`;
}

function passed(names: readonly string[], params: readonly Param[]): string {
  return names.flatMap((name) => params.filter((p) => p.name === name).map(paramText)).join("");
}

/**
 * The Contact value to advertise: `userPart` (null: none), our `address`, `ownParams` (the
 * hidden information, with its `;`) and the passed parameters of the `original` contact.
 */
export function advertisedContact(original: NameAddr, userPart: string | null, address: string, ownParams: string, settings: TopologyHidingSettings): string {
  const uriParams = (parseUri(original.uri)?.params ?? []).filter((p) => !KNOWN_URI_PARAMS.has(p.name.toLowerCase()));
  const user = userPart === null || userPart === "" ? "" : `${userPart}@`;
  return `<sip:${user}${address}${ownParams}${passed(settings.passedUriParams, uriParams)}>${passed(settings.passedHeaderParams, original.params)}`;
}

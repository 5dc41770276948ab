/**
 * The cached address table of permissions (one per partition) and how check_address,
 * check_source_address and get_source_group search it, as OpenSIPS's address.c/hash.c do.
 *
 * Rows with a full mask (/32, /128) go to the exact table, searched first and newest row first
 * (OpenSIPS's hash buckets are LIFO); the others to the subnet table, kept sorted by group.
 * Group 0, port 0 and proto `any` match anything, on either side. A row's `pattern` is a shell
 * wildcard matched against the caller's pattern argument when both are present. Codes: 1 match,
 * -1 no match, -2 the group is in neither table (check_address takes the better of the two
 * tables' codes).
 */
import type { SqlCell } from "../backends/sql-types.ts";
import { parseIp, samePrefix } from "../transformations/ip-address.ts";
import { fnmatch } from "./permissions-fnmatch.ts";

/** Transport protocols as parse_proto knows them; "any" is OpenSIPS's PROTO_NONE. */
const PROTOCOLS = new Set(["udp", "tcp", "tls", "sctp", "ws", "wss", "bin", "bins", "hep_udp", "hep_tcp", "smpp", "msrp", "msrps", "ipsec"]);

export interface AddressRule {
  readonly group: number;
  readonly ip: Uint8Array;
  readonly mask: number;
  readonly port: number;
  /** Lower-case protocol, or "any". */
  readonly proto: string;
  readonly pattern: string | null;
  readonly info: string | null;
}

export interface AddressTable {
  /** Full-mask rows, in the order they are searched. */
  readonly exact: readonly AddressRule[];
  /** Subnet rows, sorted by group (stable). */
  readonly subnets: readonly AddressRule[];
}

export interface AddressQuery {
  readonly group: number;
  readonly ip: Uint8Array;
  readonly port: number;
  readonly proto: string;
  readonly pattern: string | null;
}

export interface AddressMatch {
  readonly code: number;
  /** The matching row's context_info ("" when it has none). */
  readonly info: string;
}

/** A protocol argument or column as permissions reads it: lower-case name, "any" (also for ""), or null when unknown. */
export function protocolOf(text: string): string | null {
  const name = text.toLowerCase();
  if (name === "" || name === "any") return "any";
  return PROTOCOLS.has(name) ? name : null;
}

const isInt = (cell: SqlCell | undefined): cell is number => typeof cell === "number" && Number.isInteger(cell);

/** The rule of one row (ip, group, mask, port, proto, pattern, context_info), or why the row is skipped. */
function ruleOf([ipCell, group, mask, port, proto, pattern, info]: readonly SqlCell[]): AddressRule | string {
  if (typeof ipCell !== "string") return "invalid IP column";
  if (!isInt(group) || group < 0) return "invalid group column";
  if (!isInt(mask) || mask < 0) return "invalid mask column";
  if (!isInt(port)) return "invalid port column";
  if (typeof proto !== "string") return "invalid protocol column";
  if (typeof pattern === "number" || typeof info === "number") return "invalid pattern or context_info column";
  const ip = parseIp(ipCell);
  if (ip === null) return `invalid IP "${ipCell}"`;
  if (mask > ip.length * 8) return `mask ${mask} too large for ${ipCell}`;
  if (proto.toLowerCase() === "none") return 'protocol "none"';
  const protocol = protocolOf(proto);
  if (protocol === null) return `unknown protocol "${proto}"`;
  return { group, ip, mask, port, proto: protocol, pattern: pattern || null, info: info || null };
}

/** The table built from rows of (ip, group, mask, port, proto, pattern, context_info), with a note for each row left out. */
export function buildAddressTable(rows: readonly (readonly SqlCell[])[]): { table: AddressTable; skipped: string[] } {
  const exact: AddressRule[] = [];
  const subnets: AddressRule[] = [];
  const skipped: string[] = [];
  rows.forEach((row, index) => {
    const rule = ruleOf(row);
    if (typeof rule === "string") skipped.push(`row ${index}: ${rule}`);
    else if (rule.mask === rule.ip.length * 8) exact.unshift(rule);
    else subnets.push(rule);
  });
  subnets.sort((a, b) => a.group - b.group);
  return { table: { exact, subnets }, skipped };
}

function sameAddress(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && samePrefix(a, b, a.length * 8);
}

function inSubnet(ip: Uint8Array, rule: AddressRule): boolean {
  return ip.length === rule.ip.length && samePrefix(ip, rule.ip, rule.mask);
}

function selects(rule: AddressRule, query: AddressQuery): boolean {
  return (
    (rule.group === 0 || query.group === 0 || rule.group === query.group) &&
    (rule.proto === "any" || query.proto === "any" || rule.proto === query.proto) &&
    (rule.port === 0 || query.port === 0 || rule.port === query.port)
  );
}

function patternAllows(rule: AddressRule, pattern: string | null): boolean {
  return rule.pattern === null || pattern === null || fnmatch(rule.pattern, pattern);
}

const NO_MATCH: AddressMatch = { code: -1, info: "" };
const NO_GROUP: AddressMatch = { code: -2, info: "" };

function found(rule: AddressRule): AddressMatch {
  return { code: 1, info: rule.info ?? "" };
}

function matchExact(rules: readonly AddressRule[], query: AddressQuery): AddressMatch {
  if (query.group !== 0 && !rules.some((r) => r.group === query.group)) return NO_GROUP;
  const rule = rules.find((r) => selects(r, query) && sameAddress(r.ip, query.ip) && patternAllows(r, query.pattern));
  return rule === undefined ? NO_MATCH : found(rule);
}

function matchSubnets(rules: readonly AddressRule[], query: AddressQuery): AddressMatch {
  if (rules.length === 0 || (query.group !== 0 && !rules.some((r) => r.group === query.group))) return NO_GROUP;
  for (const rule of rules) {
    if (selects(rule, query)) {
      if (inSubnet(query.ip, rule) && patternAllows(rule, query.pattern)) return found(rule);
    } else if (query.group !== 0 && rule.group > query.group) {
      break;
    }
  }
  return NO_MATCH;
}

/** check_address's search: the exact table, then (when that fails) the subnet table. */
export function matchAddress(table: AddressTable, query: AddressQuery): AddressMatch {
  const exact = matchExact(table.exact, query);
  if (exact.code > 0) return exact;
  const subnet = matchSubnets(table.subnets, query);
  return subnet.code > exact.code ? subnet : exact;
}

/** get_source_group's search: the group of the first row holding the address and port (protocol and pattern ignored); null when none does. */
export function groupOf(table: AddressTable, ip: Uint8Array, port: number): number | null {
  const portMatches = (rule: AddressRule): boolean => rule.port === 0 || rule.port === port;
  const rule = table.exact.find((r) => portMatches(r) && sameAddress(r.ip, ip)) ?? table.subnets.find((r) => portMatches(r) && inSubnet(ip, r));
  return rule?.group ?? null;
}

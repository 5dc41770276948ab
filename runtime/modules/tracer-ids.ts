/**
 * The tracer's `trace_id` parameters (parse_siptrace_id): `[name]uri=<uri>;table=<table>;`, one
 * destination each, several destinations sharing a name. The uri's scheme picks the kind: `hep:`
 * (a proto_hep id), `sip:` (duplication), `file:`, `syslog[:FACILITY[:LEVEL]]`, else a database
 * URL (its table defaults to `sip_trace`). The runtime serves databases (SQLite, PostgreSQL) and
 * syslog (the log); the other kinds keep the reason they cannot be served.
 */
import { parseDatabaseUrl } from "../backends/sql-url.ts";
import { clampLogLevel, type LogLevel } from "../log-level.ts";

export type TraceDestination =
  | { readonly kind: "db"; readonly url: string; readonly table: string }
  | { readonly kind: "syslog"; readonly level: LogLevel | null }
  | { readonly kind: "unsupported"; readonly uri: string; readonly reason: string };

const DEFAULT_TABLE = "sip_trace";

/** The value of the `uri` key: to the first `;` — after the last `\` when there is one, as OpenSIPS reads it. */
function uriValue(rest: string): { value: string; rest: string } {
  const from = rest.lastIndexOf("\\");
  const end = rest.indexOf(";", from < 0 ? 0 : from);
  return end < 0 ? { value: rest, rest: "" } : { value: rest.slice(0, end), rest: rest.slice(end + 1) };
}

function plainValue(rest: string): { value: string; rest: string } {
  const end = rest.indexOf(";");
  return end < 0 ? { value: rest, rest: "" } : { value: rest.slice(0, end), rest: rest.slice(end + 1) };
}

/** The `uri` and `table` keys of a trace id's body; a string when it is malformed. */
function parseKeys(body: string): { uri: string | null; table: string | null } | string {
  let rest = body.trim();
  let uri: string | null = null;
  let table: string | null = null;
  while (rest.length > 0) {
    const eq = rest.indexOf("=");
    if (eq < 0) return `key delimiter '=' not found in <${rest}>`;
    const key = rest.slice(0, eq).trim();
    rest = rest.slice(eq + 1);
    if (key.startsWith("uri")) {
      const taken = uriValue(rest);
      uri = taken.value.trim();
      rest = taken.rest.trim();
    } else if (key.startsWith("table")) {
      const taken = plainValue(rest);
      table = taken.value.trim();
      rest = taken.rest.trim();
    } else {
      return `Invalid key <${key}> in trace id!`;
    }
  }
  return { uri, table };
}

function syslogDestination(uri: string): TraceDestination {
  const level = uri.split(":")[2];
  if (level === undefined || level.trim() === "") return { kind: "syslog", level: null };
  const parsed = /^-?[0-9]+$/.test(level.trim()) ? clampLogLevel(Number(level.trim())) : null;
  return parsed === null ? { kind: "unsupported", uri, reason: `bad syslog level <${level}>` } : { kind: "syslog", level: parsed };
}

function destinationOf(uri: string, table: string | null): TraceDestination {
  const lower = uri.toLowerCase();
  if (lower.startsWith("hep") && uri.length > 3) return { kind: "unsupported", uri, reason: "HEP tracing needs proto_hep, which the runtime does not provide" };
  if (lower.startsWith("sip") && uri.length > 3) return { kind: "unsupported", uri, reason: "duplicating to a SIP URI is not supported by the runtime" };
  if (lower.startsWith("file:")) return { kind: "unsupported", uri, reason: "file tracing is not supported by the runtime" };
  if (lower === "syslog" || lower.startsWith("syslog:")) return syslogDestination(uri);
  const target = parseDatabaseUrl(uri);
  if (target.kind === "invalid") return { kind: "unsupported", uri, reason: target.error };
  return { kind: "db", url: uri, table: table === null || table === "" ? DEFAULT_TABLE : table };
}

/** One `trace_id` value: its name and destination; a string when it is malformed. */
export function parseTraceId(text: string): { name: string; destination: TraceDestination } | string {
  const trimmed = text.trim();
  if (trimmed.length < 5) return "suri too short!";
  const match = /^\[\s*([^\] ]*)[^\]]*\](.*)$/s.exec(trimmed);
  if (match === null) return `bad format for uri {${trimmed}}`;
  const keys = parseKeys(match[2]!);
  if (typeof keys === "string") return keys;
  if (keys.uri === null || keys.uri === "") return `invalid uri <${match[2]!.trim()}>`;
  return { name: match[1]!, destination: destinationOf(keys.uri, keys.table) };
}

export interface LocalAddress {
  readonly proto: string;
  readonly ip: string;
  readonly port: number;
}

const SIP_PORT = 5060;

function portOf(text: string | undefined): number {
  const n = text !== undefined && /^[0-9]+$/.test(text) ? Number(text) : NaN;
  return n > 0 && n <= 65535 ? n : SIP_PORT;
}

/** `trace_local_ip`: `ip`, `ip:port`, `proto:ip` or `proto:ip:port` (udp and 5060 by default). */
export function parseLocalAddress(text: string): LocalAddress {
  const parts = text.trim().split(":");
  if (parts.length === 1) return { proto: "udp", ip: parts[0]!, port: SIP_PORT };
  if (parts.length === 2 && /^[0-9]+$/.test(parts[1]!)) return { proto: "udp", ip: parts[0]!, port: portOf(parts[1]) };
  return { proto: parts[0] === "" ? "udp" : parts[0]!, ip: parts[1]!, port: portOf(parts[2]) };
}

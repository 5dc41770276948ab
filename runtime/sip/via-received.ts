/**
 * What a server transport writes into the top Via of a request it receives (RFC 3261 §18.2.1,
 * RFC 3581): `received=<source ip>` when the sent-by host is not the source address (or rport was
 * asked for) and `rport=<source port>` when the Via has an rport parameter or rport is forced.
 * As OpenSIPS does, the new parameters come right after sent-by and an rport keeps its place.
 */
import type { Param } from "./params.ts";
import { splitHeaderList } from "./scan.ts";
import { formatVia, parseVia, type Via } from "./via.ts";

export interface Source {
  readonly ip: string;
  readonly port: number;
  /** force_rport(): add rport even when the Via did not ask for it. */
  readonly forceRport?: boolean;
}

export function withReceived(via: Via, source: Source): Via {
  const ip = unbracket(source.ip);
  const hasRport = via.params.some((p) => isNamed(p, "rport"));
  const wantsRport = hasRport || source.forceRport === true;
  if (!wantsRport && unbracket(via.host).toLowerCase() === ip.toLowerCase()) return via;
  const port = String(source.port);
  const kept = via.params
    .filter((p) => !isNamed(p, "received"))
    .map((p) => (isNamed(p, "rport") ? { name: p.name, value: port } : p));
  const added: Param[] = [{ name: "received", value: ip }];
  if (wantsRport && !hasRport) added.push({ name: "rport", value: port });
  return { ...via, params: [...added, ...kept] };
}

/**
 * A Via field value with its first Via stamped by `withReceived`; the value unchanged when that
 * Via does not parse.
 */
export function stampReceived(fieldValue: string, source: Source): string {
  const values = splitHeaderList(fieldValue);
  const top = values.length === 0 ? null : parseVia(values[0]!);
  if (top === null) return fieldValue;
  const stamped = withReceived(top, source);
  if (stamped === top) return fieldValue;
  values[0] = formatVia(stamped);
  return values.join(", ");
}

function isNamed(param: Param, name: string): boolean {
  return param.name.toLowerCase() === name;
}

function unbracket(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

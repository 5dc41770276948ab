/**
 * Gateway lists (routing.c `parse_destination_list`): the gwlist of rules and carriers and the
 * whitelist of do_routing. Entries are separated by `,` or `;`; `#id` names a carrier; `id=10`
 * gives a weight (default 0). Ids are letters, digits and the `extra_id_chars`. Ids that name
 * nothing are dropped with a warning.
 */
import type { Destination, RoutingData } from "./drouting-data.ts";

export interface ListEntry {
  readonly carrier: boolean;
  readonly id: string;
  readonly weight: number;
}

const isAlphanumeric = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);

/** The entries of a list; an error text when it is malformed. */
export function parseGatewayList(text: string, idChars: string): ListEntry[] | string {
  const entries: ListEntry[] = [];
  let i = 0;
  const skipSpaces = (): void => {
    while (text[i] === " " || text[i] === "\t" || text[i] === "\r" || text[i] === "\n") i++;
  };
  while (i < text.length) {
    skipSpaces();
    const carrier = text[i] === "#";
    if (carrier) i++;
    const start = i;
    while (i < text.length && (isAlphanumeric(text[i]!) || idChars.includes(text[i]!))) i++;
    if (i === start) return `bad id '${text[i] ?? ""}' (${i})[${text}]`;
    const id = text.slice(start, i);
    skipSpaces();
    let weight = 0;
    if (text[i] === "=") {
      const number = /^\s*[+-]?[0-9]+/.exec(text.slice(i + 1));
      if (number === null) return `bad weight value '${text[i + 1] ?? ""}' (${i + 1})[${text}]`;
      weight = Number(number[0].trim());
      i += 1 + number[0].length;
      skipSpaces();
    }
    entries.push({ carrier, id, weight });
    if (text[i] === "," || text[i] === ";") i++;
    else if (i < text.length) return `bad char ${text[i]} (${i}) [${text}]`;
  }
  return entries;
}

type Lookup = Pick<RoutingData, "gateways" | "carriers">;

function destinationOf({ carrier, id, weight }: ListEntry, data: Lookup): Destination | null {
  if (carrier) {
    const found = data.carriers.get(id);
    return found === undefined ? null : { kind: "carrier", carrier: found, weight };
  }
  const gateway = data.gateways.get(id);
  return gateway === undefined ? null : { kind: "gateway", gateway, weight };
}

/** The destinations the entries name; `warn` gets each id that names nothing. */
export function resolveEntries(entries: readonly ListEntry[], data: Lookup, warn: (id: string) => void): Destination[] {
  const destinations: Destination[] = [];
  for (const entry of entries) {
    const destination = destinationOf(entry, data);
    if (destination === null) warn(entry.id);
    else destinations.push(destination);
  }
  return destinations;
}

/**
 * What $rtpstat and $rtpquery read from the reply of a `query` (or of the message's `delete`):
 * the totals line, one statistic of the call's SSRCs — `mos|jitter|roundtrip|packetloss` with
 * `-average`, `-min`, `-max`, `-min-at`, `-max-at` (the `-at` ones in seconds since the call was
 * created) — and the whole reply as JSON.
 */
import { dictDict, dictInteger, isBencodeDict, type Bencoded, type BencodeDict } from "./rtpengine-bencode.ts";

type Aggregate = "average" | "min" | "max" | "min-at" | "max-at";

const MEASURES: ReadonlyMap<string, string> = new Map([
  ["mos", "MOS"],
  ["jitter", "jitter"],
  ["roundtrip", "round-trip time"],
  ["packetloss", "packet loss"],
]);

const SECTIONS: Readonly<Record<Aggregate, string>> = {
  average: "average MOS",
  min: "lowest MOS",
  "min-at": "lowest MOS",
  max: "highest MOS",
  "max-at": "highest MOS",
};

export interface StatName {
  /** The reply's key inside each MOS section. */
  readonly field: string;
  readonly aggregate: Aggregate;
}

/** `mos-average`, `jitter-max-at`… (case-insensitive); null for an unknown statistic. */
export function parseStatName(name: string): StatName | null {
  const match = /^(mos|jitter|roundtrip|packetloss)-(average|min|max|min-at|max-at)$/i.exec(name);
  if (match === null) return null;
  return { field: MEASURES.get(match[1]!.toLowerCase())!, aggregate: match[2]!.toLowerCase() as Aggregate };
}

/** `RTP: <bytes> bytes, <packets> packets, <errors> errors; RTCP: …` from `totals`; null without them. */
export function totalsLine(reply: BencodeDict): string | null {
  const totals = dictDict(reply, "totals");
  const rtp = totals === null ? null : dictDict(totals, "RTP");
  const rtcp = totals === null ? null : dictDict(totals, "RTCP");
  if (rtp === null || rtcp === null) return null;
  const part = (d: BencodeDict): string =>
    `${dictInteger(d, "bytes") ?? -1} bytes, ${dictInteger(d, "packets") ?? -1} packets, ${dictInteger(d, "errors") ?? -1} errors`;
  return `RTP: ${part(rtp)}; RTCP: ${part(rtcp)}`;
}

/** The statistic over every SSRC of the reply; null when the reply has none of it. */
export function statValue(reply: BencodeDict, stat: StatName): number | null {
  const timed = stat.aggregate === "min-at" || stat.aggregate === "max-at";
  const created = dictInteger(reply, "created");
  if (timed && created === null) return null;
  const ssrcs = dictDict(reply, "SSRC");
  if (ssrcs === null) return null;
  let sum = 0;
  let count = 0;
  let best: number | null = null;
  let at = -1;
  for (const entry of ssrcs.values()) {
    const section = isBencodeDict(entry) ? dictDict(entry, SECTIONS[stat.aggregate]) : null;
    const value = section === null ? null : dictInteger(section, stat.field);
    if (section === null || value === null) continue;
    if (stat.aggregate === "average") {
      sum += value;
      count++;
      continue;
    }
    const better = best === null || (stat.aggregate.startsWith("max") ? value > best : value < best);
    if (!better) continue;
    best = value;
    const reported = dictInteger(section, "reported at");
    at = reported === null ? -1 : reported - created!;
  }
  if (stat.aggregate === "average") return count === 0 ? null : Math.trunc(sum / count);
  if (timed) return at < 0 ? null : at;
  return best;
}

function json(value: Bencoded): string {
  if (typeof value === "string" || typeof value === "number") return JSON.stringify(value);
  if (isBencodeDict(value)) return `{${[...value].map(([k, v]) => `${JSON.stringify(k)}:${json(v)}`).join(",")}}`;
  return `[${value.map(json).join(",")}]`;
}

/** The reply as compact JSON, keys in the reply's order. */
export function replyJson(reply: BencodeDict): string {
  return json(reply);
}

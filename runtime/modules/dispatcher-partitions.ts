/**
 * dispatcher's partitions (3.6): each has its own database URL, table and AVP names. The plain
 * parameters (`db_url`, `table_name`, `dst_avp`, …) describe the "default" partition; the
 * repeatable `partition` parameter (`"name: db_url = URL; table_name = T; attrs_avp = $avp(a)"`)
 * defines others, and `"default: name"` makes another partition the default one (the plain
 * parameters' table is then not loaded). A property a partition leaves out comes from the default
 * partition's — AVP names get `_<partition>` appended (`$avp(ds_dst_failover_pstn)`). Without
 * `db_url`, the core `db_default_url` is the default partition's URL.
 */
import { globalValue, type Script } from "../script.ts";
import { avpNameOf } from "./dispatcher-pv-text.ts";
import { namesModule } from "./modparams.ts";

export const DEFAULT_PARTITION = "default";

export interface AvpNames {
  readonly dst: string;
  readonly grp: string;
  readonly cnt: string;
  readonly sock: string;
  readonly attrs: string | null;
  readonly scriptAttrs: string | null;
}

export interface PartitionConfig {
  readonly name: string;
  readonly dbUrl: string;
  readonly table: string;
  readonly persistentState: boolean;
  readonly avps: AvpNames;
}

export interface PartitionLayout {
  readonly partitions: readonly PartitionConfig[];
  /** The partition functions use when given none; null when no partition is the default. */
  readonly defaultName: string | null;
}

type Head = Map<string, string>;

const AVP_KEYS = ["dst_avp", "grp_avp", "cnt_avp", "sock_avp", "attrs_avp", "script_attrs_avp"] as const;
const HEAD_KEYS = new Set<string>(["db_url", "table_name", ...AVP_KEYS]);
/** Partition properties OpenSIPS accepts that only matter for probing and blacklists. */
const IGNORED_KEYS = new Set(["ds_define_blacklist", "ping_from", "ping_method"]);

const HEAD_DEFAULTS: Readonly<Record<string, string>> = {
  table_name: "dispatcher",
  dst_avp: "$avp(ds_dst_failover)",
  grp_avp: "$avp(ds_grp_failover)",
  cnt_avp: "$avp(ds_cnt_failover)",
  sock_avp: "$avp(ds_sock_failover)",
};

interface Heads {
  readonly heads: Map<string, Head>;
  override: string | null;
}

function headOf(heads: Heads, name: string): Head {
  let head = heads.heads.get(name);
  if (head === undefined) {
    head = new Map();
    heads.heads.set(name, head);
  }
  return head;
}

/** One `partition` parameter value; an error text when it is malformed. */
function applyPartitionParam(heads: Heads, text: string): string | null {
  const colon = text.indexOf(":");
  const named = colon >= 0 && text[colon + 1] !== "/";
  const name = named ? text.slice(0, colon).trim() || DEFAULT_PARTITION : DEFAULT_PARTITION;
  const body = named ? text.slice(colon + 1) : text;
  const pairs = body.split(";").filter((p) => p.trim() !== "");
  if (name === DEFAULT_PARTITION && pairs.length > 0 && pairs.every((p) => !p.includes("="))) {
    heads.override = body.trim();
    return null;
  }
  const head = headOf(heads, name);
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const key = eq < 0 ? "" : pair.slice(0, eq).trim();
    const value = eq < 0 ? "" : pair.slice(eq + 1).trim();
    if (key === "" || value === "") return `wrong format in partition arguments "${text}"`;
    if (HEAD_KEYS.has(key) || key === "persistent_state") head.set(key, value);
    else if (!IGNORED_KEYS.has(key)) return `no such partition parameter known: ${key}`;
  }
  return null;
}

function collectHeads(script: Script): Heads | string {
  const heads: Heads = { heads: new Map(), override: null };
  for (const p of script.modparams) {
    if (!namesModule(p.module, "dispatcher")) continue;
    const param = p.param.toLowerCase();
    if (HEAD_KEYS.has(param)) headOf(heads, DEFAULT_PARTITION).set(param, String(p.value));
    else if (param === "partition") {
      const error = applyPartitionParam(heads, String(p.value));
      if (error !== null) return error;
    }
  }
  return heads;
}

/** The default partition's properties with their defaults, as every other partition inherits them. */
function defaultHeadValues(script: Script, head: Head | undefined): Head {
  const values: Head = new Map(Object.entries(HEAD_DEFAULTS));
  const url = head?.get("db_url") ?? globalValue(script, "db_default_url");
  if (url !== undefined) values.set("db_url", String(url));
  for (const [key, value] of head ?? []) values.set(key, value);
  return values;
}

function inherited(name: string, key: string, value: string): string {
  if (!key.endsWith("_avp")) return value;
  const close = value.lastIndexOf(")");
  return close < 0 ? value : `${value.slice(0, close)}_${name}${value.slice(close)}`;
}

function avpName(key: string, head: Head): string | null {
  const spec = head.get(key) ?? "";
  return spec === "" ? null : avpNameOf(spec);
}

function partitionConfig(name: string, head: Head, persistentState: boolean): PartitionConfig | string {
  const dbUrl = head.get("db_url");
  if (dbUrl === undefined || dbUrl === "") return `[${name}] DB URL is not defined`;
  const names = AVP_KEYS.map((key) => avpName(key, head));
  const bad = AVP_KEYS.find((key, i) => names[i] === null && (head.get(key) ?? "") !== "");
  if (bad !== undefined) return `[${name}] malformed or non AVP ${bad} definition "${head.get(bad)}"`;
  const [dst, grp, cnt, sock, attrs, scriptAttrs] = names;
  if (dst === null || grp === null || cnt === null || sock === null) return `[${name}] missing failover AVP definitions`;
  const ownState = head.get("persistent_state");
  return {
    name,
    dbUrl,
    table: head.get("table_name") ?? HEAD_DEFAULTS.table_name!,
    persistentState: ownState === undefined ? persistentState : ownState.trim() !== "0",
    avps: { dst, grp, cnt, sock, attrs: attrs ?? null, scriptAttrs: scriptAttrs ?? null },
  };
}

/** The partitions the module loads, or why it cannot start. */
export function partitionLayout(script: Script, persistentState: boolean): PartitionLayout | string {
  const collected = collectHeads(script);
  if (typeof collected === "string") return collected;
  const defaults = defaultHeadValues(script, collected.heads.get(DEFAULT_PARTITION));
  if (defaults.has("db_url")) headOf(collected, DEFAULT_PARTITION);
  const partitions: PartitionConfig[] = [];
  for (const [name, own] of collected.heads) {
    if (name === DEFAULT_PARTITION && collected.override !== null) continue;
    const head: Head = name === DEFAULT_PARTITION ? defaults : new Map(own);
    if (name !== DEFAULT_PARTITION) for (const [key, value] of defaults) if (!head.has(key)) head.set(key, inherited(name, key, value));
    const config = partitionConfig(name, head, persistentState);
    if (typeof config === "string") return config;
    partitions.push(config);
  }
  if (partitions.length === 0) return "missing default partition, please specify the 'db_url' parameter";
  const defaultName = collected.override ?? (partitions.some((p) => p.name === DEFAULT_PARTITION) ? DEFAULT_PARTITION : null);
  if (defaultName !== null && !partitions.some((p) => p.name === defaultName)) return `partition '${defaultName}' is not defined`;
  return { partitions, defaultName };
}

/**
 * dialplan's partitions (dialplan.c dp_create_head / mod_init / init_data): each has a database URL
 * and a table. `modparam("dialplan", "partition", "name: db_url = URL; table_name = T")` defines
 * one (repeatable, merged by name); a property it leaves out is the module's `db_url` (else the
 * core `db_default_url`) and `table_name` as set *before* that modparam, as OpenSIPS reads them
 * while parsing. `"default: name"` makes another partition the default one. Without a partition
 * named "default", one is made from `db_url` (or `db_default_url`) and `table_name`; when the
 * default partition still has no data source, the first partition defined becomes the default.
 */
import { globalValue, type Script } from "../script.ts";
import { namesModule } from "./modparams.ts";

export const DEFAULT_PARTITION = "default";
const DEFAULT_TABLE = "dialplan";

export interface DialplanPartition {
  readonly name: string;
  readonly dbUrl: string;
  readonly table: string;
}

export interface PartitionLayout {
  readonly partitions: ReadonlyMap<string, DialplanPartition>;
  /** The partition dp_translate uses without a partition argument. */
  readonly defaultName: string;
  /** Notes OpenSIPS logs at start-up (INFO). */
  readonly notes: readonly string[];
}

interface Head {
  dbUrl: string | null;
  table: string | null;
}

/** What parsing the modparams builds, in order, as dialplan.c's globals do. */
class HeadList {
  readonly heads = new Map<string, Head>();
  moduleUrl: string | null = null;
  moduleTable = DEFAULT_TABLE;
  defaultName = DEFAULT_PARTITION;
  /** A head was created under the then-current default name (dp_df_head). */
  defaultHeadSeen = false;

  constructor(readonly coreUrl: string | null) {}

  insert(name: string, key: "dbUrl" | "table", value: string): void {
    let head = this.heads.get(name);
    if (head === undefined) {
      head = { dbUrl: null, table: null };
      this.heads.set(name, head);
      if (name === this.defaultName) this.defaultHeadSeen = true;
    }
    head[key] = value;
  }

  /** One `partition` value; an error text when it is refused. */
  define(text: string): string | null {
    const colon = text.indexOf(":");
    const name = (colon < 0 ? text : text.slice(0, colon)).trim();
    let hasUrl = false;
    let hasTable = false;
    const props = colon < 0 ? [] : text.slice(colon + 1).split(";");
    for (const prop of props) {
      const [key = "", value = ""] = prop.split("=").map((s) => s.trim());
      if (props.length === 1 && !prop.includes("=") && key !== "") {
        this.defaultName = key;
        return null;
      }
      if (key === "db_url") {
        hasUrl = true;
        this.insert(name, "dbUrl", value);
      } else if (key === "table_name") {
        hasTable = true;
        this.insert(name, "table", value);
      } else if (key !== "") {
        return `invalid token '${key}' in partition '${name}'`;
      }
    }
    if (!hasUrl) {
      const url = this.moduleUrl ?? this.coreUrl;
      if (url === null) return `partition '${name}' has no 'db_url'`;
      this.insert(name, "dbUrl", url);
    }
    if (!hasTable) this.insert(name, "table", this.moduleTable);
    return null;
  }
}

/** The partitions the module loads, or why it cannot start. */
export function partitionLayout(script: Script): PartitionLayout | string {
  const core = globalValue(script, "db_default_url");
  const list = new HeadList(core === undefined ? null : String(core));
  for (const p of script.modparams) {
    if (!namesModule(p.module, "dialplan")) continue;
    const param = p.param.toLowerCase();
    if (param === "db_url") list.moduleUrl = String(p.value);
    else if (param === "table_name") list.moduleTable = String(p.value);
    else if (param === "partition") {
      const error = list.define(String(p.value));
      if (error !== null) return `failed to parse partition: ${error}`;
    }
  }
  const defaultUrl = list.moduleUrl ?? list.coreUrl;
  if (!list.defaultHeadSeen && list.defaultName === DEFAULT_PARTITION && defaultUrl !== null) {
    list.insert(DEFAULT_PARTITION, "dbUrl", defaultUrl);
    list.insert(DEFAULT_PARTITION, "table", list.moduleTable);
  }
  const names = [...list.heads.keys()];
  if (names.length === 0) return "no partition defined, not even the default one!";
  if (list.defaultName !== DEFAULT_PARTITION && !list.heads.has(list.defaultName)) return `partition not found: '${list.defaultName}'`;
  const notes: string[] = [];
  let defaultName = list.defaultName;
  if (!list.defaultHeadSeen) {
    defaultName = names[0]!;
    notes.push(`no 'default' partition set, assuming '${defaultName}'`);
  }
  const partitions = new Map<string, DialplanPartition>();
  for (const [name, head] of list.heads) partitions.set(name, { name, dbUrl: head.dbUrl ?? "", table: head.table ?? DEFAULT_TABLE });
  return { partitions, defaultName, notes };
}

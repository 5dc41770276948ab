/** `--db URL` of `run` and `serve`: the database the script's SQL functions use instead of its own. */
import type { Script, ScriptModParam } from "../runtime/script.ts";

const DATABASE_MODULES = ["avpops", "sqlops"];

/**
 * `--db`: the script with the `db_url` parameters of its database modules (sqlops, avpops) set to
 * `url` (an `"ID url"` keeps its ID), and one added for each loaded one that sets none.
 */
export function withDatabase(script: Script, url: string): Script {
  const isDatabaseUrl = (p: ScriptModParam): boolean => DATABASE_MODULES.includes(p.module) && p.param.toLowerCase() === "db_url";
  const modparams: ScriptModParam[] = script.modparams.map((p) => {
    if (!isDatabaseUrl(p)) return p;
    const id = /^\s*([0-9]+)\s+\S/.exec(String(p.value));
    return { ...p, value: id === null ? url : `${id[1]} ${url}` };
  });
  for (const module of DATABASE_MODULES) {
    if (script.modules.includes(module) && !modparams.some((p) => p.module === module && isDatabaseUrl(p))) {
      modparams.push({ module, param: "db_url", value: url });
    }
  }
  return { ...script, modparams };
}

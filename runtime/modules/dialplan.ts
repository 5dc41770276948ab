/**
 * dialplan (OpenSIPS 3.6): dp_translate(dpid, input[, out_var[, attrs_var[, partition]]])
 * translates `input` with the rules of `dpid` in a partition (dialplan-partitions.ts), loaded from
 * the database by the first call of an engine (dialplan-rules.ts) and kept for its life. Returns
 * 1 on a translation — out_var gets the output when it is not empty, attrs_var the rule's
 * attributes when it has some — and -1 when nothing matches, the dpid has no rules, the input is
 * empty, the partition is unknown or the module could not start. Regular expressions are PCRE
 * (as OpenSIPS compiles them), translated to JavaScript (regex-module-pcre.ts).
 */
import { intArg, pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { ModuleImpl } from "../functions.ts";
import { L_DBG, L_ERR, L_INFO } from "../log-level.ts";
import type { Pv } from "../pv-types.ts";
import { partitionLayout, type PartitionLayout } from "./dialplan-partitions.ts";
import { loadRules, type DialplanRules } from "./dialplan-rules.ts";
import { translate } from "./dialplan-translate.ts";

const MODULE = "dialplan";

interface DialplanState {
  readonly layout: PartitionLayout;
  /** Each partition's rules, loaded on first use. */
  readonly rules: Map<string, DialplanRules>;
}

/** The engine's state; null (logged) when the configuration keeps the module from starting. */
function stateOf(ctx: Ctx): DialplanState | null {
  let state = ctx.engine.moduleData.get(MODULE) as DialplanState | string | undefined;
  if (state === undefined) {
    const layout = partitionLayout(ctx.engine.script);
    if (typeof layout === "string") ctx.log(L_ERR, `ERROR:dialplan:mod_init: ${layout}`);
    else for (const note of layout.notes) ctx.log(L_INFO, `INFO:dialplan:init_data: ${note}`);
    state = typeof layout === "string" ? layout : { layout, rules: new Map() };
    ctx.engine.moduleData.set(MODULE, state);
  }
  if (typeof state === "object") return state;
  ctx.log(L_ERR, `ERROR:dialplan:dp_translate: the dialplan module is not initialised: ${state}`);
  return null;
}

function partitionRules(ctx: Ctx, state: DialplanState, name: string): DialplanRules | null {
  const partition = state.layout.partitions.get(name);
  if (partition === undefined) {
    ctx.log(L_ERR, `ERROR:dialplan:fix_partition: partition <${name}> not found`);
    return null;
  }
  let rules = state.rules.get(name);
  if (rules === undefined) {
    rules = loadRules(ctx, partition);
    state.rules.set(name, rules);
  }
  return rules;
}

function dpTranslate(ctx: Ctx, dpid: number | null, input: string, out: Pv | null, attrsOut: Pv | null, partition: string | null): number {
  const state = stateOf(ctx);
  if (state === null) return -1;
  const rules = partitionRules(ctx, state, partition ?? state.layout.defaultName);
  if (rules === null) return -1;
  if (dpid === null) {
    ctx.log(L_ERR, "ERROR:dialplan:dp_translate: the dpid is not an integer");
    return -1;
  }
  const set = rules.get(dpid);
  if (set === undefined) {
    ctx.log(L_DBG, `DBG:dialplan:dp_translate_f: no information available for dpid ${dpid}`);
    return -1;
  }
  if (input === "") {
    ctx.log(L_ERR, "ERROR:dialplan:translate: invalid input string");
    return -1;
  }
  const result = translate(ctx, set, input, attrsOut !== null);
  if (result === null) return -1;
  if (out !== null && result.output !== "") out.assign(ctx, "=", result.output);
  if (attrsOut !== null && result.attrs !== "") attrsOut.assign(ctx, "=", result.attrs);
  return 1;
}

export const dialplan: ModuleImpl = {
  name: MODULE,
  functions: new Map([
    [
      "dp_translate",
      {
        call: (ctx, [dpid, input, out, attrs, partition]) =>
          dpTranslate(ctx, intArg(dpid), textArg(input) ?? "", pvArg(out), pvArg(attrs), textArg(partition)),
      },
    ],
  ]),
};

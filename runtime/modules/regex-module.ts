/**
 * regex (OpenSIPS 3.6): PCRE matching. pcre_match(string, regex) compiles its regex at each call
 * (remembering recent ones) and returns 1 on a match, -1 otherwise, -4 when the regex does not
 * compile. pcre_match_group(string[, group]) matches against group N (default 0) of the `file`
 * parameter's groups (regex-module-groups.ts), loaded when the engine starts: -2 without `file`,
 * -4 for a group the file does not have. As in OpenSIPS, the pcre_caseless / pcre_multiline /
 * pcre_dotall / pcre_extended parameters are only read when `file` is set, and then apply to
 * pcre_match too. PCRE is translated to JavaScript RegExps (regex-module-pcre.ts).
 */
import { readFileSync } from "node:fs";
import { intArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { EngineCore } from "../engine-core.ts";
import type { ModuleImpl } from "../functions.ts";
import { L_DBG, L_ERR, levelName } from "../log-level.ts";
import type { Script } from "../script.ts";
import { intModParam, modParam } from "./modparams.ts";
import { compileGroups } from "./regex-module-groups.ts";
import { compilePcre, type CompiledPcre, type PcreOptions } from "./regex-module-pcre.ts";

const MODULE = "regex";
const DEFAULT_MAX_GROUPS = 20;
const DEFAULT_GROUP_MAX_SIZE = 8192;
const COMPILE_ERROR = -4;
const GROUPS_DISABLED = -2;
const CACHE_LIMIT = 256;

interface RegexState {
  readonly options: PcreOptions;
  /** The groups of `file`; null without `file`; a string when they could not be loaded. */
  readonly groups: readonly RegExp[] | string | null;
  readonly compiled: Map<string, CompiledPcre>;
}

function readOptions(script: Script): PcreOptions {
  const flag = (name: string): boolean => intModParam(script, MODULE, name, 0) !== 0;
  return { caseless: flag("pcre_caseless"), multiline: flag("pcre_multiline"), dotall: flag("pcre_dotall"), extended: flag("pcre_extended") };
}

function loadGroups(script: Script, file: string, options: PcreOptions): readonly RegExp[] | string {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return `could not open file '${file}'`;
  }
  const limits = {
    maxGroups: intModParam(script, MODULE, "max_groups", DEFAULT_MAX_GROUPS),
    groupMaxSize: intModParam(script, MODULE, "group_max_size", DEFAULT_GROUP_MAX_SIZE),
  };
  return compileGroups(text, limits, options);
}

function startState(engine: EngineCore): RegexState {
  const file = modParam(engine.script, MODULE, "file");
  if (file === undefined) return { options: {}, groups: null, compiled: new Map() };
  const options = readOptions(engine.script);
  const groups = loadGroups(engine.script, String(file), options);
  if (typeof groups === "string" && L_ERR <= engine.logLevel) {
    engine.env.log({ msg: 0, level: levelName(L_ERR), text: `ERROR:regex:load_pcres: ${groups}` });
  }
  return { options, groups, compiled: new Map() };
}

function stateOf(ctx: Ctx): RegexState {
  let state = ctx.engine.moduleData.get(MODULE) as RegexState | undefined;
  if (state === undefined) {
    state = startState(ctx.engine);
    ctx.engine.moduleData.set(MODULE, state);
  }
  return state;
}

function compiled(state: RegexState, source: string): CompiledPcre {
  let found = state.compiled.get(source);
  if (found === undefined) {
    found = compilePcre(source, state.options);
    if (state.compiled.size >= CACHE_LIMIT) state.compiled.clear();
    state.compiled.set(source, found);
  }
  return found;
}

function pcreMatch(ctx: Ctx, subject: string, source: string): number {
  const regex = compiled(stateOf(ctx), source);
  if (!regex.ok) {
    ctx.log(L_ERR, `ERROR:regex:w_pcre_match: pcre_re compilation of '${source}' failed: ${regex.error}`);
    return COMPILE_ERROR;
  }
  if (regex.re.test(subject)) return 1;
  ctx.log(L_DBG, `DBG:regex:w_pcre_match: '${subject}' doesn't match '${source}'`);
  return -1;
}

function pcreMatchGroup(ctx: Ctx, subject: string, group: number | null): number {
  const { groups } = stateOf(ctx);
  if (groups === null) {
    ctx.log(L_ERR, "ERROR:regex:w_pcre_match_group: group matching is disabled");
    return GROUPS_DISABLED;
  }
  if (typeof groups === "string") {
    ctx.log(L_ERR, `ERROR:regex:w_pcre_match_group: the groups file could not be loaded: ${groups}`);
    return -1;
  }
  const re = group === null || group < 0 ? undefined : groups[group];
  if (re === undefined) {
    ctx.log(L_ERR, `ERROR:regex:w_pcre_match_group: invalid pcre index '${group ?? ""}', there are ${groups.length} pcres`);
    return COMPILE_ERROR;
  }
  if (re.test(subject)) return 1;
  ctx.log(L_DBG, `DBG:regex:w_pcre_match_group: '${subject}' doesn't match pcres[${group}]`);
  return -1;
}

export const regexModule: ModuleImpl = {
  name: MODULE,
  functions: new Map([
    ["pcre_match", { call: (ctx, [subject, regex]) => pcreMatch(ctx, textArg(subject) ?? "", textArg(regex) ?? "") }],
    ["pcre_match_group", { call: (ctx, [subject, group]) => pcreMatchGroup(ctx, textArg(subject) ?? "", group === undefined ? 0 : intArg(group)) }],
  ]),
  init(engine) {
    engine.moduleData.set(MODULE, startState(engine));
  },
};

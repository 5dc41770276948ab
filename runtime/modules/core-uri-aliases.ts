/**
 * The other 2.4 spellings of the Request-URI rewriting statements (cfg.y tokens SET_HOST,
 * SET_PORT…): rewritehost/seth, rewritehostport/sethp, rewriteport/setp, rewriteuri,
 * rewriteuser/setu, rewriteuserpass/setup, each the function core-uri.ts has under its 3.x name.
 * 3.x rejects these names at startup, so only 2.4 scripts reach them.
 */
import type { FunctionImpl } from "../functions.ts";
import { URI_FUNCTIONS } from "./core-uri.ts";

/** 2.4 spelling → the name core-uri.ts implements. */
const SPELLINGS: readonly (readonly [string, string])[] = [
  ["rewritehost", "sethost"],
  ["seth", "sethost"],
  ["rewritehostport", "sethostport"],
  ["sethp", "sethostport"],
  ["rewriteport", "setport"],
  ["setp", "setport"],
  ["rewriteuri", "seturi"],
  ["rewriteuser", "setuser"],
  ["setu", "setuser"],
  ["rewriteuserpass", "setuserpass"],
  ["setup", "setuserpass"],
];

const byName = new Map(URI_FUNCTIONS);

function implementation(name: string): FunctionImpl {
  const impl = byName.get(name);
  if (impl === undefined) throw new Error(`core-uri.ts has no ${name}`);
  return impl;
}

export const URI_ALIAS_FUNCTIONS: [string, FunctionImpl][] = SPELLINGS.map(([spelling, name]) => [spelling, implementation(name)]);

/**
 * textops: regular-expression searches over the message as received (search) or its body
 * (search_body), and substitutions (textops-subst.ts). Expressions are POSIX EREs, case-insensitive, with `^`/`$` matching at line
 * breaks (REG_EXTENDED|REG_ICASE|REG_NEWLINE, as textops compiles them).
 */
import type { FunctionImpl, ModuleImpl } from "../functions.ts";
import { regexArg, regexMatches } from "./regex-arg.ts";
import { SUBST_FUNCTIONS } from "./textops-subst.ts";

const SEARCH_FLAGS = { ignoreCase: true, newlineSensitive: true } as const;

const SEARCH_FUNCTIONS = new Map<string, FunctionImpl>([
  ["search", { call: (ctx, [pattern]) => (regexMatches(regexArg(pattern, SEARCH_FLAGS), ctx.msg.text) ? 1 : -1) }],
  ["search_body", { call: (ctx, [pattern]) => (regexMatches(regexArg(pattern, SEARCH_FLAGS), ctx.msg.body) ? 1 : -1) }],
]);

export const textops: ModuleImpl = {
  name: "textops",
  functions: new Map([...SEARCH_FUNCTIONS, ...SUBST_FUNCTIONS]),
};

/**
 * Format strings (spec §7.4): text with PVs expanded at call time (xlog, format parameters of
 * functions, launch's parameter, dynamic route names). Built once per string; NULL prints as
 * `<null>`.
 */
import type { Ctx } from "./ctx.ts";
import type { Pv } from "./pv-types.ts";
import { textOf } from "./transformations/value-text.ts";

export interface Format {
  render(ctx: Ctx): string;
}

export function format(parts: readonly (string | Pv)[]): Format {
  return {
    render(ctx) {
      let out = "";
      for (const part of parts) out += typeof part === "string" ? part : (textOf(part.get(ctx)) ?? "<null>");
      return out;
    },
  };
}

/**
 * How the proxy treats Vias: add_local_rport() (2.4 also `force_local_rport`) puts `;rport` on
 * the proxy's own Via of the requests it sends for this message; set_via_handling(flags) (3.6)
 * sets several of these at once, `flags` a comma list of `force-rport` (force_rport()),
 * `add-local-rport` and `force-tcp-alias` (force_tcp_alias(), nothing to do as the runtime keeps
 * no TCP connections). `reply-to-via` (replies to the top Via's address rather than the source)
 * is not supported: -1 and an error, with nothing set.
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { FunctionImpl } from "../functions.ts";
import { L_DBG, L_ERR } from "../log-level.ts";

const VIA_FLAGS: ReadonlyMap<string, (ctx: Ctx) => void> = new Map([
  ["force-rport", (ctx: Ctx) => void (ctx.state.forceRport = true)],
  ["add-local-rport", (ctx: Ctx) => void (ctx.state.addLocalRport = true)],
  ["force-tcp-alias", (ctx: Ctx) => ctx.log(L_DBG, "DBG:core:set_via_handling: force-tcp-alias: the runtime keeps no TCP connections to alias")],
]);

function setViaHandling(ctx: Ctx, text: string | null): number {
  const names = (text ?? "").split(",").map((name) => name.trim().toLowerCase()).filter((name) => name !== "");
  const unknown = names.find((name) => !VIA_FLAGS.has(name));
  if (unknown !== undefined) {
    const why = unknown === "reply-to-via" ? "is not supported by the runtime" : "is not a Via handling flag";
    ctx.log(L_ERR, `ERROR:core:set_via_handling: flag <${unknown}> ${why}`);
    return -1;
  }
  for (const name of names) VIA_FLAGS.get(name)!(ctx);
  return 1;
}

const ADD_LOCAL_RPORT: FunctionImpl = {
  call(ctx) {
    ctx.state.addLocalRport = true;
    return 1;
  },
};

export const VIA_HANDLING_FUNCTIONS: [string, FunctionImpl][] = [
  ["add_local_rport", ADD_LOCAL_RPORT],
  ["force_local_rport", ADD_LOCAL_RPORT],
  ["set_via_handling", { call: (ctx, [flags]) => setViaHandling(ctx, textArg(flags)) }],
];

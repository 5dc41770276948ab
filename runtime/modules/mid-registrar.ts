/**
 * mid_registrar: a registration front-end between the UAs and a main registrar. REGISTERs are
 * relayed upstream with the proxy in place of the UAs' contacts and their bindings saved when the
 * main registrar's 2xx comes back (mid-registrar-save.ts, -forward.ts, -upstream.ts); in the
 * throttling modes most re-REGISTERs are answered here without going upstream
 * (mid-registrar-throttle.ts). mid_registrar_lookup routes the main registrar's requests to the
 * UAs (mid-registrar-lookup.ts). Bindings live in the runtime's usrloc, shared with registrar.
 * Not supported: the De-REGISTERs OpenSIPS sends upstream when a throttled contact expires here,
 * push notifications, GRUUs, Path, ownership clustering (see mid-registrar-settings.ts).
 */
import { intArg, textArg } from "../args.ts";
import type { FunctionImpl, ModuleImpl } from "../functions.ts";
import { midRegistrarLookup } from "./mid-registrar-lookup.ts";
import { processPurr } from "./mid-registrar-purr.ts";
import { midRegistrarSave } from "./mid-registrar-save.ts";
import { midRegistrarState } from "./mid-registrar-store.ts";
import { onMainRegistrarReply } from "./mid-registrar-upstream.ts";

const purr: FunctionImpl = {
  call: (ctx, [table]) => processPurr(ctx, textArg(table)),
  start: (ctx, [table]) => processPurr(ctx, textArg(table)),
};

export const midRegistrar: ModuleImpl = {
  name: "mid_registrar",
  functions: new Map<string, FunctionImpl>([
    [
      "mid_registrar_save",
      {
        call: (ctx, [table, flags, aor, expires, tag]) =>
          midRegistrarSave(ctx, {
            table: textArg(table),
            flags: textArg(flags),
            aor: textArg(aor),
            expiresOut: expires === undefined ? undefined : intArg(expires),
            ownershipTag: textArg(tag),
          }),
      },
    ],
    ["mid_registrar_lookup", { call: (ctx, [table, flags, aor]) => midRegistrarLookup(ctx, textArg(table), textArg(flags), textArg(aor)) }],
    ["pn_process_purr", purr],
  ]),
  init(engine) {
    midRegistrarState(engine);
    engine.replyListeners.unshift(onMainRegistrarReply);
  },
};

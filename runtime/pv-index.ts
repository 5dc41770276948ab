/**
 * Accessors built around another one: an index (`$(avp(x)[1])`, `[*]`, `[append]`, `[$var(i)]`),
 * a transformation chain (`$(ru{uri.user}{s.len})`) and a message context
 * (`$(<request>ru)` in reply and failure routes).
 */
import type { Ctx } from "./ctx.ts";
import { joinedAll } from "./pv-avp.ts";
import { indexNumber, isPv, readOnlyAssign, type Pv, type PvIndex } from "./pv-types.ts";
import type { Transform } from "./transform.ts";
import type { Value } from "./value.ts";
import { L_ERR } from "./log-level.ts";

/** A keyword index that only some module PVs understand (`$(sdp.line(…)[insertAfter])`). */
export type PvIndexKeyword = string;

export class IndexedPv implements Pv {
  readonly spec: string;

  constructor(
    readonly base: Pv,
    readonly index: PvIndex | Pv | PvIndexKeyword,
  ) {
    this.spec = `$(${base.spec.slice(1)}[${isPv(index) ? index.spec : index}])`;
  }

  /** The index for this evaluation; null when a `[$pv]` index is not an integer. */
  private resolve(ctx: Ctx): PvIndex | null {
    if (isPv(this.index)) return indexNumber(this.index.get(ctx));
    if (typeof this.index === "number" || this.index === "*" || this.index === "append") return this.index;
    ctx.log(L_ERR, `ERROR:core:pv: index [${this.index}] of ${this.base.spec} is not supported by the runtime`);
    return null;
  }

  /** The base's value at `i`; a PV that is not indexable has its one value at 0. */
  valueAt(ctx: Ctx, i: number): Value {
    const base = this.base;
    if (base.at !== undefined) return base.at(ctx, i);
    return i === 0 || i === -1 ? base.get(ctx) : null;
  }

  get(ctx: Ctx): Value {
    const index = this.resolve(ctx);
    if (index === null || index === "append") return null;
    if (index === "*") return joinedAll(this.base.all?.(ctx) ?? [this.base.get(ctx)]);
    return this.valueAt(ctx, index);
  }

  assign(ctx: Ctx, op: Parameters<Pv["assign"]>[1], value: Parameters<Pv["assign"]>[2]): number {
    const index = this.resolve(ctx);
    if (index === null) return -1;
    if (this.base.assignAt === undefined) return readOnlyAssign(ctx, this.spec);
    return this.base.assignAt(ctx, index, op, value);
  }

  /** Values 0, 1, 2 … until one is NULL (what `for (x in $(coll[*]))` walks). */
  *each(ctx: Ctx): Generator<Value> {
    for (let i = 0; ; i++) {
      const value = this.valueAt(ctx, i);
      if (value === null) return;
      yield value;
    }
  }
}

export function indexed(base: Pv, index: PvIndex | Pv | PvIndexKeyword): IndexedPv {
  return new IndexedPv(base, index);
}

/** A PV read through a transformation chain; transformations cannot be assigned to. */
export function transformed(base: Pv, chain: readonly Transform[]): Pv {
  const spec = `$(${base.spec.replace(/^\$\(?|\)$/g, "")}${chain.map((t) => t.spec).join("")})`;
  return {
    spec,
    get: (ctx) => chain.reduce((value, t) => t.apply(ctx, value), base.get(ctx)),
    assign: (ctx) => readOnlyAssign(ctx, spec),
  };
}

/**
 * `$(<request>pv)`: the transaction's request; `$(<reply>pv)`: the reply tm recorded on the
 * transaction. Without a transaction (or reply) the PV reads NULL.
 */
export function inContext(which: "request" | "reply", base: Pv): Pv {
  const spec = `$(<${which}>${base.spec.replace(/^\$\(?|\)$/g, "")})`;
  return {
    spec,
    get(ctx) {
      const tx = ctx.transaction;
      const state = tx === null ? null : which === "request" ? tx.state : tx.replyState;
      return state === null ? null : base.get(ctx.withState(state));
    },
    assign: (ctx) => readOnlyAssign(ctx, spec),
  };
}

/** `rt.each(ctx, collection)`: the values of a `[*]`-indexed PV; anything else logs and yields nothing. */
export function* each(ctx: Ctx, collection: Pv): Generator<Value> {
  if (collection instanceof IndexedPv && collection.index === "*") {
    yield* collection.each(ctx);
    return;
  }
  ctx.log(L_ERR, `ERROR:core:for_each: ${collection.spec} must be written with the [*] index`);
}

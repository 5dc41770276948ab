/**
 * Pseudo-variable accessors (spec §8). The emitter builds each accessor once (a hoisted
 * constant) and per message only calls `get` / `assign`. Every accessor has `assign` so emitted
 * code type-checks; a read-only one logs an error and gives -1 (the compiler rejects such
 * assignments anyway). Indexable PVs also expose `at`/`all` (and `assignAt` when writable),
 * which `rt.pv.indexed` and `rt.each` use.
 */
import type { Ctx } from "./ctx.ts";
import { L_ERR } from "./log-level.ts";
import { compoundValue, type BinaryOperator } from "./ops.ts";
import { ERROR, type Operand } from "./script-error.ts";
import { intOf, textOf } from "./transformations/value-text.ts";
import type { Value } from "./value.ts";

export type AssignOp = "=" | ":=" | "+=" | "-=" | "*=" | "/=" | "%=" | "&=" | "|=" | "^=";

/** An index as written: `[n]`, `[*]`, `[append]` (a `[$pv]` index is resolved to a number). */
export type PvIndex = number | "*" | "append";

export interface Pv {
  /** The PV as a script writes it (`$avp(x)`), for messages. */
  readonly spec: string;
  get(ctx: Ctx): Value;
  assign(ctx: Ctx, op: AssignOp, value: Operand): number;
  /** Indexable PVs: the value at `index` (0 first, negative from the end), NULL when out of range. */
  at?(ctx: Ctx, index: number): Value;
  /** Indexable PVs: every value in index order. */
  all?(ctx: Ctx): Value[];
  /** Indexable writable PVs: `$(x[i]) op v`. */
  assignAt?(ctx: Ctx, index: PvIndex, op: AssignOp, value: Operand): number;
}

/** A name written as text (`$avp(uid)`) or as a PV whose value is the name (`$avp($var(n))`). */
export type PvName = string | Pv;

export function isPv(x: unknown): x is Pv {
  return typeof x === "object" && x !== null && typeof (x as Pv).get === "function" && typeof (x as Pv).assign === "function";
}

/** The text of a dynamic name; NULL when the PV naming it is NULL. */
export function resolveName(ctx: Ctx, name: PvName): string | null {
  return typeof name === "string" ? name : textOf(name.get(ctx));
}

/** How a name prints inside a spec: `uid`, or the naming PV's spec. */
export function nameSpec(name: PvName): string {
  return typeof name === "string" ? name : name.spec;
}

/** A dynamic index value as a number (`[$var(i)]`); null when it is not an integer. */
export function indexNumber(value: Value): number | null {
  const n = intOf(value);
  if (n !== null) return n;
  const text = textOf(value);
  return text !== null && /^-?[0-9]+$/.test(text) ? Number(text) : null;
}

export function readOnlyAssign(ctx: Ctx, spec: string): number {
  ctx.log(L_ERR, `ERROR:core:do_assign: ${spec} is read-only`);
  return -1;
}

/**
 * `x op v` for a single-valued PV: `=`/`:=` store v (NULL is the PV's reset), the compound
 * operators read x and store the result (§5.6). A failed right side leaves x unchanged: -1.
 */
export function assignScalar(
  ctx: Ctx,
  op: AssignOp,
  value: Operand,
  read: () => Value,
  write: (v: Value) => boolean,
): number {
  if (value === ERROR) return -1;
  if (op === "=" || op === ":=") return write(value) ? 1 : -1;
  const result = compoundValue(ctx, op.slice(0, -1) as BinaryOperator, read(), value);
  if (result === ERROR) return -1;
  return write(result) ? 1 : -1;
}

/** A read-only accessor from a getter (and, for indexable PVs, the list of values). */
export function readOnlyPv(spec: string, get: (ctx: Ctx) => Value, all?: (ctx: Ctx) => Value[]): Pv {
  const pv: Pv = { spec, get, assign: (ctx) => readOnlyAssign(ctx, spec) };
  if (all === undefined) return pv;
  return { ...pv, all, at: (ctx, index) => valueAt(all(ctx), index) };
}

/** A writable single-valued accessor: `write` receives the new value (NULL to reset) and says if it took it. */
export function writablePv(spec: string, get: (ctx: Ctx) => Value, write: (ctx: Ctx, v: Value) => boolean): Pv {
  return {
    spec,
    get,
    assign: (ctx, op, value) => assignScalar(ctx, op, value, () => get(ctx), (v) => write(ctx, v)),
  };
}

/** `list[index]` with negative indexes from the end; NULL when out of range. */
export function valueAt(list: readonly Value[], index: number): Value {
  const i = index < 0 ? list.length + index : index;
  return i >= 0 && i < list.length ? list[i]! : null;
}

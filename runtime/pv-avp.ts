/**
 * `$avp(name)` with OpenSIPS's stack semantics (spec §5.6, §8.5): `=` pushes (NULL removes the
 * top), `:=` replaces every value, compound operators push the result; indexed forms replace or
 * remove one value, `[*]` replaces all, `[append]` adds at the bottom.
 */
import type { Ctx } from "./ctx.ts";
import { compoundValue, type BinaryOperator } from "./ops.ts";
import { nameSpec, resolveName, type AssignOp, type Pv, type PvIndex, type PvName } from "./pv-types.ts";
import { ERROR, type Operand } from "./script-error.ts";
import type { Value } from "./value.ts";

/** The value a compound operator computes from `current`; ERROR when it fails. */
function computed(ctx: Ctx, op: AssignOp, current: Value, value: Value): Operand {
  return op === "=" || op === ":=" ? value : compoundValue(ctx, op.slice(0, -1) as BinaryOperator, current, value);
}

export function avpPv(name: PvName): Pv {
  const spec = `$avp(${nameSpec(name)})`;
  return {
    spec,
    get(ctx) {
      const n = resolveName(ctx, name);
      return n === null ? null : ctx.state.avps.top(n);
    },
    at(ctx, index) {
      const n = resolveName(ctx, name);
      return n === null ? null : ctx.state.avps.at(n, index);
    },
    all(ctx) {
      const n = resolveName(ctx, name);
      return n === null ? [] : ctx.state.avps.all(n);
    },
    assign(ctx, op, value) {
      const n = resolveName(ctx, name);
      if (n === null || value === ERROR) return -1;
      const avps = ctx.state.avps;
      if (op === ":=") avps.removeAll(n);
      const result = computed(ctx, op, avps.top(n), value);
      if (result === ERROR) return -1;
      if (result === null) {
        if (op === "=") avps.removeAt(n, 0);
      } else {
        avps.push(n, result);
      }
      return 1;
    },
    assignAt(ctx, index: PvIndex, op, value) {
      const n = resolveName(ctx, name);
      if (n === null || value === ERROR) return -1;
      const avps = ctx.state.avps;
      if (index === "*" || index === "append") {
        const current = index === "*" ? joinedAll(avps.all(n)) : null;
        const result = computed(ctx, op, current, value);
        if (result === ERROR) return -1;
        if (index === "*" || op === ":=") avps.removeAll(n);
        if (result === null) return 1;
        if (index === "append") avps.append(n, result);
        else avps.push(n, result);
        return 1;
      }
      if (op === ":=") {
        avps.removeAll(n);
        return value === null ? 1 : -1;
      }
      const result = computed(ctx, op, avps.at(n, index), value);
      if (result === ERROR) return -1;
      const done = result === null ? avps.removeAt(n, index) : avps.replaceAt(n, index, result);
      return done ? 1 : -1;
    },
  };
}

/** `[*]` read: every value joined with ", " (NULL when there is none). */
export function joinedAll(values: readonly Value[]): Value {
  if (values.length === 0) return null;
  if (values.length === 1) return values[0]!;
  return values.map((v) => (v === null ? "<null>" : typeof v === "object" ? v.text : String(v))).join(", ");
}

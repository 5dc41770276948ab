/**
 * Message and branch flags: setflag/resetflag/isflagset, setbflag/resetbflag/isbflagset. Flags
 * are named (`setflag("NAT")`) or numbered (`"3"`). Branch flags act on branch 0 (the R-URI
 * branch); other branches belong to tm.
 */
import { intArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import { clearBit, hasBit, setBit, type FlagNames } from "../flags.ts";
import type { Arg, FunctionImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { branchFlagsAt, setBranchFlagsAt } from "../dset.ts";

type FlagOp = "set" | "reset" | "test";

function flagBit(ctx: Ctx, names: FlagNames, arg: Arg): number | null {
  const name = textArg(arg);
  const bit = name === null ? null : names.bit(name);
  if (bit === null) ctx.log(L_ERR, `ERROR:core:flags: bad flag "${name ?? ""}"`);
  return bit;
}

function apply(op: FlagOp, mask: number, bit: number): { mask: number; code: number } {
  if (op === "test") return { mask, code: hasBit(mask, bit) ? 1 : -1 };
  return { mask: op === "set" ? setBit(mask, bit) : clearBit(mask, bit), code: 1 };
}

function messageFlag(op: FlagOp): FunctionImpl {
  return {
    call(ctx, args) {
      const bit = flagBit(ctx, ctx.engine.messageFlags, args[0]);
      if (bit === null) return -1;
      const result = apply(op, ctx.state.flags, bit);
      ctx.state.flags = result.mask;
      return result.code;
    },
  };
}

function branchFlag(op: FlagOp): FunctionImpl {
  return {
    call(ctx, args) {
      const bit = flagBit(ctx, ctx.engine.branchFlags, args[0]);
      if (bit === null) return -1;
      const branch = args[1] === undefined ? 0 : intArg(args[1]);
      const mask = branch === null ? null : branchFlagsAt(ctx.state, branch);
      if (branch === null || mask === null) {
        ctx.log(L_ERR, `ERROR:core:flags: branch ${branch ?? "?"} does not exist`);
        return -1;
      }
      const result = apply(op, mask, bit);
      setBranchFlagsAt(ctx.state, branch, result.mask);
      return result.code;
    },
  };
}

export const FLAG_FUNCTIONS: [string, FunctionImpl][] = [
  ["setflag", messageFlag("set")],
  ["resetflag", messageFlag("reset")],
  ["isflagset", messageFlag("test")],
  ["setbflag", branchFlag("set")],
  ["resetbflag", branchFlag("reset")],
  ["isbflagset", branchFlag("test")],
];

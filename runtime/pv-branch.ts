/**
 * The pseudo-variables of the destination set (dset.ts):
 * - 3.6 `$msg.branch.uri|duri|q|path|flags|socket`: index 0 is the Request-URI branch, k the
 *   k-th extra branch, negative from the last; no index is the last branch (branch 0 when there
 *   are no others); `flags` is the list of flag names. `$msg.branch` reads the last branch's URI
 *   and, assigned a URI, adds a branch; `$msg.branch.last_idx` is the last index.
 * - legacy `$branch(uri|duri|q|path|flags|socket)`: index 0 is the first extra branch; no index
 *   is the first one; `flags` is the mask. `$branch = uri` adds a branch, `$branch` reads the
 *   first one's URI.
 * Every field is writable on an existing branch; `q` reads as OpenSIPS prints it (`0.5`) and
 * takes a q text or 0…1000. The runtime keeps no Path or socket for the Request-URI branch.
 */
import type { Ctx } from "./ctx.ts";
import {
  branchFlagsAt,
  extraBranch,
  extraBranches,
  findListeningSocket,
  parseQ,
  Q_UNSPECIFIED,
  qText,
  ruriBranch,
  ruriQ,
  setBranchFlagsAt,
  setRuriQ,
  type DsetBranch,
} from "./dset.ts";
import { L_ERR } from "./log-level.ts";
import { addBranch } from "./modules/core-branches.ts";
import { assignScalar, readOnlyAssign, readOnlyPv, type AssignOp, type Pv, type PvIndex, type PvName } from "./pv-types.ts";
import { ERROR, type Operand } from "./script-error.ts";
import { parseUri } from "./sip/uri.ts";
import { intOf, textOf } from "./transformations/value-text.ts";
import type { Value } from "./value.ts";

/** One field of a branch; `index` is a branch that exists (0: the Request-URI branch). */
interface Field {
  read(ctx: Ctx, index: number): Value;
  write(ctx: Ctx, index: number, value: Value): boolean;
}

/** Which branch an index names, for one family of PVs. */
interface Indexing {
  /** The branch index `i` names as written (negative from the end); null when out of range. */
  at(ctx: Ctx, i: number): number | null;
  /** The branch an unindexed access names; null when none. */
  current(ctx: Ctx): number | null;
  /** Every branch `[*]` covers, in order. */
  all(ctx: Ctx): number[];
}

function inRange(i: number, count: number): number | null {
  const k = i < 0 ? count + i : i;
  return k >= 0 && k < count ? k : null;
}

function indexes(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** `$msg.branch.*`: 0 is the Request-URI branch. */
const MSG_INDEXING: Indexing = {
  at: (ctx, i) => inRange(i, extraBranches(ctx.state).length + 1),
  current: (ctx) => extraBranches(ctx.state).length,
  all: (ctx) => indexes(0, extraBranches(ctx.state).length),
};

/** `$branch(*)`: 0 is the first extra branch. */
const LEGACY_INDEXING: Indexing = {
  at: (ctx, i) => {
    const k = inRange(i, extraBranches(ctx.state).length);
    return k === null ? null : k + 1;
  },
  current: (ctx) => (extraBranches(ctx.state).length > 0 ? 1 : null),
  all: (ctx) => indexes(1, extraBranches(ctx.state).length),
};

/** Runs `onRuri` for branch 0, `onExtra` on extra branch `index`; `missing` when that one is gone. */
function onBranch<T>(ctx: Ctx, index: number, onRuri: () => T, onExtra: (branch: DsetBranch) => T, missing: T): T {
  if (index === 0) return onRuri();
  const branch = extraBranch(ctx.state, index);
  return branch === null ? missing : onExtra(branch);
}

function unsupportedForRuri(ctx: Ctx, field: string): boolean {
  ctx.log(L_ERR, `ERROR:core:pv: the ${field} of the Request-URI branch is not supported by the runtime`);
  return false;
}

/** A field the runtime keeps for extra branches only (the Request-URI branch reads NULL). */
function extraOnly(name: "path" | "socket", parse: (ctx: Ctx, text: string) => string | null): Field {
  return {
    read: (ctx, index) => onBranch<Value>(ctx, index, () => null, (b) => b[name], null),
    write(ctx, index, value) {
      const text = textOf(value);
      const parsed = text === null ? null : parse(ctx, text);
      if (text !== null && parsed === null) return false;
      return onBranch(ctx, index, () => unsupportedForRuri(ctx, name), (b) => ((b[name] = parsed), true), false);
    },
  };
}

const URI: Field = {
  read: (ctx, index) => onBranch<Value>(ctx, index, () => ctx.msg.ruri, (b) => b.uri, null),
  write(ctx, index, value) {
    const text = textOf(value);
    if (text === null || parseUri(text) === null) return false;
    return onBranch(ctx, index, () => ctx.msg.setRuri(text), (b) => ((b.uri = text), true), false);
  },
};

const DST_URI: Field = {
  read: (ctx, index) => onBranch<Value>(ctx, index, () => ctx.state.dstUri, (b) => b.dstUri, null),
  write(ctx, index, value) {
    const text = textOf(value);
    if (text !== null && parseUri(text) === null) return false;
    return onBranch(ctx, index, () => ((ctx.state.dstUri = text), true), (b) => ((b.dstUri = text), true), false);
  },
};

/** A q value to store: NULL is unspecified, an integer is 0…1000, a text is a q (`0.5`); null when none of these. */
function qOf(value: Value): number | null {
  if (value === null) return Q_UNSPECIFIED;
  const int = intOf(value);
  if (int !== null) return int >= 0 && int <= 1000 ? int : null;
  const text = textOf(value);
  return text === null ? null : parseQ(text);
}

const Q: Field = {
  read: (ctx, index) => qText(onBranch(ctx, index, () => ruriQ(ctx.state), (b) => b.q, Q_UNSPECIFIED)),
  write(ctx, index, value) {
    const q = qOf(value);
    if (q === null) return false;
    return onBranch(ctx, index, () => (setRuriQ(ctx.state, q), true), (b) => ((b.q = q), true), false);
  },
};

const PATH = extraOnly("path", (_ctx, text) => (text === "" ? null : text));

const SOCKET = extraOnly("socket", (ctx, text) => {
  const socket = findListeningSocket(ctx.engine.script, text);
  if (socket === null) ctx.log(L_ERR, `ERROR:core:pv: <${text}> is not a socket the script listens on`);
  return socket?.text ?? null;
});

/** The branch flags as a mask (legacy `$branch(flags)`). */
const FLAG_MASK: Field = {
  read: (ctx, index) => branchFlagsAt(ctx.state, index),
  write(ctx, index, value) {
    const mask = intOf(value);
    return mask !== null && setBranchFlagsAt(ctx.state, index, mask >>> 0);
  },
};

/** The branch flags as a list of names (`$msg.branch.flags`); takes such a list, or a mask. */
const FLAG_NAMES: Field = {
  read: (ctx, index) => ctx.engine.branchFlags.namesOf(branchFlagsAt(ctx.state, index) ?? 0).join(","),
  write(ctx, index, value) {
    const int = intOf(value);
    if (int !== null) return setBranchFlagsAt(ctx.state, index, int >>> 0);
    let mask = 0;
    for (const name of (textOf(value) ?? "").split(",").map((n) => n.trim()).filter((n) => n !== "")) {
      const bit = ctx.engine.branchFlags.bit(name);
      if (bit === null) return false;
      mask = (mask | (1 << bit)) >>> 0;
    }
    return setBranchFlagsAt(ctx.state, index, mask);
  },
};

const COMMON_FIELDS: Readonly<Record<string, Field>> = { uri: URI, duri: DST_URI, q: Q, path: PATH, socket: SOCKET };

function branchFieldPv(spec: string, indexing: Indexing, field: Field): Pv {
  const read = (ctx: Ctx, index: number | null): Value => (index === null || !ctx.msg.isRequest ? null : field.read(ctx, index));
  const write = (ctx: Ctx, index: number | null, op: AssignOp, value: Operand): number => {
    if (index === null || !ctx.msg.isRequest) {
      ctx.log(L_ERR, `ERROR:core:pv: ${spec}: no such branch`);
      return -1;
    }
    return assignScalar(ctx, op, value, () => field.read(ctx, index), (v) => field.write(ctx, index, v));
  };
  return {
    spec,
    get: (ctx) => read(ctx, indexing.current(ctx)),
    at: (ctx, i) => read(ctx, indexing.at(ctx, i)),
    all: (ctx) => (ctx.msg.isRequest ? indexing.all(ctx).map((index) => field.read(ctx, index)) : []),
    assign: (ctx, op, value) => write(ctx, indexing.current(ctx), op, value),
    assignAt(ctx, index: PvIndex, op, value) {
      if (typeof index !== "number") {
        ctx.log(L_ERR, `ERROR:core:pv: ${spec}: index [${index}] cannot be assigned`);
        return -1;
      }
      return write(ctx, indexing.at(ctx, index), op, value);
    },
  };
}

/** A PV naming a field that does not exist: NULL when read, -1 when assigned (logged). */
function unknownFieldPv(spec: string): Pv {
  return {
    spec,
    get(ctx) {
      ctx.log(L_ERR, `ERROR:core:pv: unsupported branch field in ${spec}`);
      return null;
    },
    assign: (ctx) => readOnlyAssign(ctx, spec),
  };
}

/** `$branch = uri` / `$msg.branch = uri`: a new branch inheriting `$du`, q and flags from branch 0; NULL and compound operators are refused. */
function appendingPv(spec: string, indexing: Indexing): Pv {
  const uri = branchFieldPv(spec, indexing, URI);
  return {
    ...uri,
    assign(ctx, op, value) {
      const text = value === ERROR ? null : textOf(value);
      if ((op !== "=" && op !== ":=") || text === null || text === "") {
        ctx.log(L_ERR, `ERROR:core:pv: ${spec} takes a SIP URI to create a new branch`);
        return -1;
      }
      return addBranch(ctx, { ...ruriBranch(ctx.state), uri: text });
    },
  };
}

function fieldPv(prefix: string, name: PvName | null, indexing: Indexing, flags: Field): Pv {
  const field = typeof name === "string" ? (name === "flags" ? flags : COMMON_FIELDS[name]) : undefined;
  const spec = `$${prefix}(${typeof name === "string" ? name : (name?.spec ?? "")})`;
  return field === undefined ? unknownFieldPv(spec) : branchFieldPv(spec, indexing, field);
}

function msgFieldPv(field: keyof typeof COMMON_FIELDS | "flags"): () => Pv {
  return () => branchFieldPv(`$msg.branch.${field}`, MSG_INDEXING, field === "flags" ? FLAG_NAMES : COMMON_FIELDS[field]!);
}

export const BRANCH_PVS: ReadonlyMap<string, (arg: PvName | null) => Pv> = new Map<string, (arg: PvName | null) => Pv>([
  ["branch", (arg) => (arg === null ? appendingPv("$branch", LEGACY_INDEXING) : fieldPv("branch", arg, LEGACY_INDEXING, FLAG_MASK))],
  ["msg.branch", () => appendingPv("$msg.branch", MSG_INDEXING)],
  ["msg.branch.uri", msgFieldPv("uri")],
  ["msg.branch.duri", msgFieldPv("duri")],
  ["msg.branch.q", msgFieldPv("q")],
  ["msg.branch.path", msgFieldPv("path")],
  ["msg.branch.flags", msgFieldPv("flags")],
  ["msg.branch.socket", msgFieldPv("socket")],
  ["msg.branch.last_idx", () => readOnlyPv("$msg.branch.last_idx", (ctx) => extraBranches(ctx.state).length)],
]);

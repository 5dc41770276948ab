/**
 * Serial forking by q value (OpenSIPS serialize.c): serialize_branches(clear [, keep_order])
 * moves the Request-URI and the destination set into the `$avp(serial_branch)` stack, ordered
 * so that the top is the highest q, each entry marking whether it ends its q class;
 * next_branches() pops the next class: the first entry becomes the Request-URI (with its `$du`,
 * q, branch flags and socket) and the others of its class extra branches.
 *
 * OpenSIPS keeps each entry as a binary record with the class end as an AVP flag; here an entry
 * is the JSON text of the branch plus that mark. The Request-URI branch has no Path vector in
 * the runtime, so an entry's Path only gives its `$du` (its first hop) when it becomes the
 * Request-URI, and is kept whole when it becomes an extra branch.
 */
import { intArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import { appendBranch, extraBranches, ruriBranch, ruriQ, setRuriQ, takeBranches, type DsetBranch } from "../dset.ts";
import type { FunctionImpl } from "../functions.ts";
import { L_DBG, L_ERR } from "../log-level.ts";

const SERIAL_AVP = "serial_branch";

interface SerialEntry {
  readonly branch: DsetBranch;
  /** The last entry of its q class: next_branches stops after it (OpenSIPS's Q_FLAG). */
  readonly endsClass: boolean;
}

/**
 * The branches in the order next_branches takes them: by q, highest first, keeping the set's
 * order within a q (keep_order: the set's order, each branch a class of its own).
 */
function serialOrder(branches: readonly DsetBranch[], keepOrder: boolean): SerialEntry[] {
  const ordered = keepOrder ? [...branches] : [...branches].sort((a, b) => b.q - a.q);
  return ordered.map((branch, i) => {
    const next = ordered[i + 1];
    return { branch, endsClass: keepOrder || next === undefined || next.q < branch.q };
  });
}

/** serialize_branches(clear [, keep_order]): 1; nothing changes without extra branches, or when all have the Request-URI's q. */
function serializeBranches(ctx: Ctx, clear: number, keepOrder: boolean): number {
  const extra = extraBranches(ctx.state);
  if (extra.length === 0) {
    ctx.log(L_DBG, "DBG:core:serialize_branches: nothing to do - no branches!");
    return 1;
  }
  const q = ruriQ(ctx.state);
  if (!keepOrder && extra.every((branch) => branch.q === q)) {
    ctx.log(L_DBG, "DBG:core:serialize_branches: nothing to do - all same q!");
    return 1;
  }
  const entries = serialOrder([ruriBranch(ctx.state), ...takeBranches(ctx.state)], keepOrder);
  if (clear !== 0) ctx.state.avps.removeAll(SERIAL_AVP);
  for (const entry of entries.reverse()) ctx.state.avps.push(SERIAL_AVP, JSON.stringify(entry));
  return 1;
}

function decodeEntry(value: unknown): SerialEntry | null {
  if (typeof value !== "string") return null;
  try {
    const entry = JSON.parse(value) as Partial<SerialEntry>;
    return typeof entry.branch?.uri === "string" && typeof entry.endsClass === "boolean" ? (entry as SerialEntry) : null;
  } catch {
    return null;
  }
}

/** Takes the top entry off the serial stack; null when it is empty or not one of ours (logged). */
function popEntry(ctx: Ctx): SerialEntry | null {
  const top = ctx.state.avps.top(SERIAL_AVP);
  if (top === null) return null;
  ctx.state.avps.removeAt(SERIAL_AVP, 0);
  const entry = decodeEntry(top);
  if (entry === null) ctx.log(L_ERR, "ERROR:core:next_branches: invalid avp value");
  return entry;
}

/** The first hop of a Path vector (get_path_dst_uri): the URI of its first element. */
function pathFirstHop(path: string): string {
  const first = path.split(",")[0]!.trim();
  const bracketed = /^[^<]*<([^>]*)>/.exec(first);
  return bracketed === null ? first : bracketed[1]!;
}

/** Branch 0 becomes `branch`; false when its URI is not one. */
function becomeRuri(ctx: Ctx, branch: DsetBranch): boolean {
  if (!ctx.msg.setRuri(branch.uri)) return false;
  ctx.state.dstUri = branch.path !== null && branch.path !== "" ? pathFirstHop(branch.path) : branch.dstUri;
  ctx.state.sendSocket = branch.socket;
  ctx.state.branchFlags = branch.flags;
  setRuriQ(ctx.state, branch.q);
  return true;
}

/**
 * next_branches(): in a request or failure route, the next q class of serialize_branches into
 * the Request-URI and destination set. 1 when classes remain, 2 when this was the last one, -1
 * when none was left (or on error).
 */
function nextBranches(ctx: Ctx): number {
  if (ctx.kind !== "request" && ctx.kind !== "failure") {
    ctx.log(L_ERR, `ERROR:core:next_branches: called from unsupported route type ${ctx.kind}`);
    return -1;
  }
  const first = ctx.state.avps.top(SERIAL_AVP) === null ? null : popEntry(ctx);
  if (first === null) {
    ctx.log(L_DBG, "DBG:core:next_branches: no AVPs -- we are done!");
    return -1;
  }
  if (!becomeRuri(ctx, first.branch)) {
    ctx.log(L_ERR, `ERROR:core:next_branches: bad Request-URI <${first.branch.uri}>`);
    return -1;
  }
  let endsClass = first.endsClass;
  while (!endsClass && ctx.state.avps.top(SERIAL_AVP) !== null) {
    const entry = popEntry(ctx);
    if (entry === null) return -1;
    if (!appendBranch(ctx.state, entry.branch)) {
      ctx.log(L_ERR, "ERROR:core:next_branches: append_branch failed");
      return -1;
    }
    endsClass = entry.endsClass;
  }
  return ctx.state.avps.top(SERIAL_AVP) === null ? 2 : 1;
}

export const SERIAL_FUNCTIONS: [string, FunctionImpl][] = [
  ["serialize_branches", { call: (ctx, [clear, keepOrder]) => serializeBranches(ctx, intArg(clear) ?? 0, (intArg(keepOrder) ?? 0) !== 0) }],
  ["next_branches", { call: (ctx) => nextBranches(ctx) }],
];

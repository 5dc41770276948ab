/**
 * The core functions of the destination set (dset.ts): append_branch (3.4; `append_branch_old`
 * in 3.6), append_msg_branch (3.6), remove_branch (3.4) / remove_msg_branch (3.6). The catalogue
 * of the script's version decides which names a script may call. In a branch_route the set is
 * closed, as OpenSIPS disables it while a branch is being built.
 */
import { intArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import { appendBranch, parseQ, Q_UNSPECIFIED, removeBranch, ruriBranch, setRuriQ, type DsetBranch } from "../dset.ts";
import type { Arg, FunctionImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { parseUri } from "../sip/uri.ts";

/** A q argument: null when absent (empty), undefined when it is not a q. */
function qArg(ctx: Ctx, arg: Arg): number | null | undefined {
  const text = textArg(arg);
  if (text === null || text === "") return null;
  const q = parseQ(text);
  if (q === null) {
    ctx.log(L_ERR, `ERROR:core:fixup_qvalue: bad qvalue (${text})`);
    return undefined;
  }
  return q;
}

/** Adds `branch` to the set of `ctx`: 1, or -1 (logged) when it cannot be added there. */
export function addBranch(ctx: Ctx, branch: DsetBranch): number {
  if (ctx.kind === "branch") {
    ctx.log(L_ERR, "ERROR:core:append_msg_branch: no new branches can be added in a branch_route");
    return -1;
  }
  if (!ctx.msg.isRequest || parseUri(branch.uri) === null) {
    ctx.log(L_ERR, `ERROR:core:append_msg_branch: bad branch URI <${branch.uri}>`);
    return -1;
  }
  if (!appendBranch(ctx.state, branch)) {
    ctx.log(L_ERR, "ERROR:core:append_msg_branch: max nr of branches exceeded");
    return -1;
  }
  return 1;
}

/**
 * append_branch([uri] [, q]): without a URI, branch 0 itself (Request-URI, `$du`, q, flags,
 * forced socket) becomes a new branch and branch 0 keeps only its Request-URI; with one, the new branch has
 * that URI and q and inherits `$du` and the flags of branch 0.
 */
function appendBranchCall(ctx: Ctx, args: readonly Arg[]): number {
  const q = qArg(ctx, args[1]);
  if (q === undefined) return -1;
  const uri = textArg(args[0]);
  const current = ruriBranch(ctx.state);
  if (uri !== null && uri !== "") return addBranch(ctx, { ...current, uri, q: q ?? Q_UNSPECIFIED });
  const code = addBranch(ctx, { ...current, q: q ?? current.q });
  if (code > 0) {
    ctx.state.dstUri = null;
    ctx.state.branchFlags = 0;
    ctx.state.sendSocket = null;
    setRuriQ(ctx.state, Q_UNSPECIFIED);
  }
  return code;
}

/**
 * append_msg_branch(uri [, q [, flags]]): a branch with that URI and q; with the `inherit` flag
 * (the docs spell it `inherite`) it takes `$du`, q and branch flags from branch 0.
 */
function appendMsgBranchCall(ctx: Ctx, args: readonly Arg[]): number {
  const uri = textArg(args[0]);
  const q = qArg(ctx, args[1]);
  if (uri === null || q === undefined) return -1;
  const flags = (textArg(args[2]) ?? "").split(",").map((f) => f.trim()).filter((f) => f !== "");
  const unknown = flags.find((f) => f !== "inherit" && f !== "inherite");
  if (unknown !== undefined) {
    ctx.log(L_ERR, `ERROR:core:append_msg_branch: unknown flag <${unknown}>`);
    return -1;
  }
  const current = ruriBranch(ctx.state);
  const branch: DsetBranch =
    flags.length > 0
      ? { ...current, uri, q: q ?? current.q }
      : { uri, dstUri: null, q: q ?? Q_UNSPECIFIED, path: null, flags: 0, socket: null };
  return addBranch(ctx, branch);
}

/** remove_branch(idx) / remove_msg_branch(idx): idx 0 is the first extra branch; later ones move up. */
function removeBranchCall(ctx: Ctx, args: readonly Arg[]): number {
  const index = intArg(args[0]);
  return index !== null && removeBranch(ctx.state, index) ? 1 : -1;
}

const APPEND_BRANCH: FunctionImpl = { call: appendBranchCall };
const REMOVE_BRANCH: FunctionImpl = { call: removeBranchCall };

export const BRANCH_FUNCTIONS: [string, FunctionImpl][] = [
  ["append_branch", APPEND_BRANCH],
  ["append_branch_old", APPEND_BRANCH],
  ["append_msg_branch", { call: appendMsgBranchCall }],
  ["remove_branch", REMOVE_BRANCH],
  ["remove_msg_branch", REMOVE_BRANCH],
];

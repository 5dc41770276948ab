/**
 * What tm keeps about a transaction, beside the core's Transaction (which owns the request's
 * message state): the matching key, where replies go, the branches sent downstream, the armed
 * routes and the replies sent upstream. Stored in `Transaction.data` under "tm".
 */
import type { EngineCore } from "../engine-core.ts";
import type { Peer } from "../env/types.ts";
import type { MessageState } from "../message-state.ts";
import type { SipMessage } from "../sip/message.ts";
import type { Transaction } from "../transaction.ts";

/** Routes armed with t_on_failure / t_on_reply / t_on_branch (route names). */
export interface ArmedRoutes {
  failure: string | null;
  reply: string | null;
  branch: string | null;
}

export function noArmedRoutes(): ArmedRoutes {
  return { failure: null, reply: null, branch: null };
}

/** One request sent downstream. */
export interface TmBranch {
  readonly index: number;
  /** The Via branch parameter tm gave it; replies and our CANCEL are matched by it. */
  readonly branchId: string;
  /** The request as sent (its pending changes are what went out). */
  readonly request: SipMessage;
  /** The next hop it was sent to (set once its branch_route has run). */
  dst: string;
  /** The highest status received on it; 0 before any reply. */
  lastReceived: number;
  /** The final reply that completed it (a faked one for a cancelled branch without replies). */
  finalReply: MessageState | null;
  /** `finalReply` is one tm built itself (OpenSIPS's FAKED_REPLY: 408 on timeout, 487 when cancelled unanswered). */
  finalReplyFaked: boolean;
  /** A reply from downstream matched the branch (OpenSIPS's T_UAC_HAS_RECV_REPLY). */
  receivedReply: boolean;
  /** t_on_reply armed for this branch only (in its branch_route). */
  onReply: string | null;
  /** A CANCEL must be sent as soon as a provisional reply arrives. */
  cancelPending: boolean;
  /** The final-response timer (fr_timeout / fr_inv_timeout) while the branch is pending. */
  timer: NodeJS.Timeout | null;
}

/** A reply sent upstream, kept to answer retransmissions of the request. */
export interface SentReply {
  readonly code: number;
  readonly reason: string;
  /** The reply as sent; null for a reply built from the request alone, built again when needed. */
  readonly text: string | null;
  /** tm built it (t_reply, its 100, kill_transaction) rather than relaying one from downstream. */
  readonly local: boolean;
}

type ReplyListener = (reply: SentReply & { readonly text: string }, first: boolean) => void;
type ForwardListener = (branch: MessageState, sendSocket: string | null) => void;
const NO_LISTENERS: readonly never[] = [];

export class TmTransaction {
  readonly armed: ArmedRoutes = noArmedRoutes();
  readonly branches: TmBranch[] = [];
  lastReply: SentReply | null = null;
  /** A final reply went upstream: later ones are refused (t_reply) or absorbed (downstream). */
  finalReplied = false;
  cancelled = false;
  /** The branch whose final reply won (failure route, `$T_reply_code`); -1 before. */
  pickedBranch = -1;
  /** The first branch of the latest t_relay: only these compete for the winning reply. */
  firstBranch = 0;
  // Listener lists are created by the first listener: most transactions never get one.
  private replyListenerList: ReplyListener[] | null = null;
  private forwardListenerList: ForwardListener[] | null = null;

  constructor(
    readonly key: string,
    readonly method: string,
    /** Where the request came from: replies go back there. */
    readonly source: Peer,
    /** The Request-URI as received (the failure route's `$ru`). */
    readonly receivedRuri: string,
  ) {}

  /** Called for every reply sent upstream; `first` marks the final reply (the first one to go). */
  onReply(listener: ReplyListener): void {
    (this.replyListenerList ??= []).push(listener);
  }

  get replyListeners(): readonly ReplyListener[] {
    return this.replyListenerList ?? NO_LISTENERS;
  }

  /**
   * Called for each branch just before it is sent (OpenSIPS's TMCB_REQUEST_FWDED), with the
   * branch's state and the socket it goes out from (null: the default one); it may change the
   * request.
   */
  onForward(listener: ForwardListener): void {
    (this.forwardListenerList ??= []).push(listener);
  }

  get forwardListeners(): readonly ForwardListener[] {
    return this.forwardListenerList ?? NO_LISTENERS;
  }

  /** Branches still waiting for a final reply. */
  get pendingBranches(): TmBranch[] {
    return this.branches.filter((b) => b.finalReply === null);
  }
}

/** The tm data of a transaction tm knows (every transaction created while tm is loaded). */
export function tmOf(tx: Transaction): TmTransaction | null {
  const data = tx.data.tm;
  return data instanceof TmTransaction ? data : null;
}

/** Where a downstream reply belongs. */
export interface BranchRef {
  readonly tx: Transaction;
  readonly branch: TmBranch;
}

/** How long a completed transaction stays to absorb retransmissions (tm `wt_timer`, seconds). */
const DEFAULT_WAIT_SECONDS = 5;
const DEFAULT_FR_SECONDS = 5;
const DEFAULT_FR_INV_SECONDS = 120;

/** tm's engine-wide data: the transaction table and the module parameters it honours. */
export class TmEngine {
  readonly byKey = new Map<string, Transaction>();
  readonly byBranchId = new Map<string, BranchRef>();
  /** tm `onreply_avp_mode`: onreply routes see the transaction's AVPs. */
  onreplyAvpMode = false;
  waitSeconds = DEFAULT_WAIT_SECONDS;
  /** tm `fr_timeout`: seconds a branch may wait for its first reply (any final reply for non-INVITEs). */
  frTimeout = DEFAULT_FR_SECONDS;
  /** tm `fr_inv_timeout`: seconds an INVITE branch may ring (after a provisional reply) before it ends with 408. */
  frInvTimeout = DEFAULT_FR_INV_SECONDS;

  /** Forgets `tx` (and its branches) once the wait time after its final reply is over. */
  removeLater(tx: Transaction): void {
    setTimeout(() => this.remove(tx), this.waitSeconds * 1000).unref();
  }

  remove(tx: Transaction): void {
    const tm = tmOf(tx);
    if (tm === null) return;
    if (this.byKey.get(tm.key) === tx) this.byKey.delete(tm.key);
    for (const branch of tm.branches) this.byBranchId.delete(branch.branchId);
  }
}

const DATA_KEY = "tm";

/** The tm data of `engine`, created on first use. */
export function tmEngine(engine: EngineCore): TmEngine {
  let data = engine.moduleData.get(DATA_KEY);
  if (!(data instanceof TmEngine)) {
    data = new TmEngine();
    engine.moduleData.set(DATA_KEY, data);
  }
  return data as TmEngine;
}

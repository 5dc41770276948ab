/**
 * The destination set (OpenSIPS's dset): the branches a request is forked to besides its
 * Request-URI — added by append_branch, registrar lookup, `$branch = uri` — each with its own
 * next hop, q, Path, branch flags and socket. It hangs off the message state only once something
 * uses it (most messages never have one), so it moves into the transaction with the state, and
 * t_relay consumes its branches.
 *
 * Branch indexes as the core counts them: 0 is the Request-URI branch (the message itself: `$ru`,
 * `$du`, `$bf`, and its q kept here), extra branch k is index k.
 */
import type { MessageState } from "./message-state.ts";
import { parseHostPort } from "./sip/host-port.ts";
import type { Script, ScriptSocket } from "./script.ts";

/** No q given (OpenSIPS's Q_UNSPECIFIED); a q is otherwise 0…1000 (q=1.0 is 1000). */
export const Q_UNSPECIFIED = -1;
const MAX_Q = 1000;

/** OpenSIPS's MAX_BRANCHES: the Request-URI branch and at most 11 extra ones. */
const MAX_BRANCHES = 12;

export interface DsetBranch {
  uri: string;
  /** Its `$du` (the next hop); null to send to the URI. */
  dstUri: string | null;
  q: number;
  /** The Path vector, sent as a Route header. */
  path: string | null;
  flags: number;
  /** The listening socket to send it from (a ScriptSocket's text); null for the default one. */
  socket: string | null;
}

export class DestinationSet {
  readonly branches: DsetBranch[] = [];
  /** The Request-URI branch's q (registrar lookup sets the contact's). */
  ruriQ = Q_UNSPECIFIED;
}

const NO_BRANCHES: readonly DsetBranch[] = [];

export function extraBranches(state: MessageState): readonly DsetBranch[] {
  return state.dset?.branches ?? NO_BRANCHES;
}

/** The extra branch at core index `index` (1 is the first); null when there is none. */
export function extraBranch(state: MessageState, index: number): DsetBranch | null {
  return index >= 1 ? (extraBranches(state)[index - 1] ?? null) : null;
}

function destinationSet(state: MessageState): DestinationSet {
  state.dset ??= new DestinationSet();
  return state.dset;
}

/** Adds a branch; false when the set is full. */
export function appendBranch(state: MessageState, branch: DsetBranch): boolean {
  const set = destinationSet(state);
  if (set.branches.length >= MAX_BRANCHES - 1) return false;
  set.branches.push(branch);
  return true;
}

/** Removes extra branch `position` (0 is the first; later ones move up); false when there is none. */
export function removeBranch(state: MessageState, position: number): boolean {
  const branches = state.dset?.branches;
  if (branches === undefined || !Number.isInteger(position) || position < 0 || position >= branches.length) return false;
  branches.splice(position, 1);
  return true;
}

/** Takes every extra branch out of the set (t_relay consumes them); the Request-URI's q stays. */
export function takeBranches(state: MessageState): DsetBranch[] {
  const set = state.dset;
  if (set === null) return [];
  const taken = set.branches.splice(0);
  if (set.ruriQ === Q_UNSPECIFIED) state.dset = null;
  return taken;
}

/** Branch 0 as a branch: the Request-URI, `$du`, q, branch flags and forced send socket of `state`. */
export function ruriBranch(state: MessageState): DsetBranch {
  return { uri: state.msg.ruri ?? "", dstUri: state.dstUri, q: ruriQ(state), path: null, flags: state.branchFlags, socket: state.sendSocket };
}

export function ruriQ(state: MessageState): number {
  return state.dset?.ruriQ ?? Q_UNSPECIFIED;
}

export function setRuriQ(state: MessageState, q: number): void {
  if (q === Q_UNSPECIFIED && state.dset === null) return;
  destinationSet(state).ruriQ = q;
}

/** The branch flags of branch `index` (0: the Request-URI branch); null when there is no such branch. */
export function branchFlagsAt(state: MessageState, index: number): number | null {
  if (index === 0) return state.branchFlags;
  return extraBranch(state, index)?.flags ?? null;
}

/** Sets the branch flags of branch `index`; false when there is no such branch. */
export function setBranchFlagsAt(state: MessageState, index: number, mask: number): boolean {
  if (index === 0) {
    state.branchFlags = mask;
    return true;
  }
  const branch = extraBranch(state, index);
  if (branch === null) return false;
  branch.flags = mask;
  return true;
}

/** A q as written (`0`, `0.5`, `1.0`, at most three decimals) as 0…1000; null when it is not one (str2q). */
export function parseQ(text: string): number | null {
  const trimmed = text.trim();
  if (!/^(0(\.[0-9]{0,3})?|1(\.0{0,3})?)$/.test(trimmed)) return null;
  return Math.round(Number(trimmed) * MAX_Q);
}

/** A q as OpenSIPS prints it (q2str): `1`, `0`, `0.5`, `0.123`; empty when unspecified. */
export function qText(q: number): string {
  if (q === Q_UNSPECIFIED) return "";
  if (q >= MAX_Q) return "1";
  if (q <= 0) return "0";
  return `0.${String(q).padStart(3, "0").replace(/0+$/, "")}`;
}

/** The script's listening socket `text` names (`udp:127.0.0.1:5060`, `127.0.0.1:5060`); null when it listens on none such. */
export function findListeningSocket(script: Script, text: string): ScriptSocket | null {
  const proto = /^(udp|tcp|tls|sctp|ws|wss):/i.exec(text)?.[1]?.toLowerCase() ?? null;
  const address = parseHostPort(proto === null ? text : text.slice(proto.length + 1));
  if (address === null) return null;
  return (
    script.sockets.find(
      (s) =>
        s.host.toLowerCase() === address.host.toLowerCase() &&
        (s.port ?? 5060) === (address.port ?? 5060) &&
        (proto === null || (s.proto ?? "udp").toLowerCase() === proto),
    ) ?? null
  );
}

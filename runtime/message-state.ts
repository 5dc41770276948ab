/**
 * Everything the script changes about the message it processes: the SIP message itself (R-URI,
 * header and body changes), the AVP list, message and branch flags, `$du` and the core
 * per-message settings. As OpenSIPS copies these into the transaction on `t_newtran`/`async`,
 * the whole object moves into the transaction and comes back in its resume routes (spec §10.2) —
 * with the destination set (the extra branches), as OpenSIPS keeps those with the transaction too.
 */
import { AvpStore } from "./avp.ts";
import type { DestinationSet } from "./dset.ts";
import type { Peer } from "./env/types.ts";
import type { SipMessage } from "./sip/message.ts";

export class MessageState {
  avps = new AvpStore();
  /** Message flags (setflag/$msg.flag). */
  flags = 0;
  /** Branch flags of branch 0 (setbflag/$bf). */
  branchFlags = 0;
  /** `$du`: the destination URI (outbound proxy), null when unset. */
  dstUri: string | null = null;
  /** force_rport(): answer to the source port even without `;rport` in the Via. */
  forceRport = false;
  /** add_local_rport(): the proxy's own Via on requests it sends carries `;rport`. */
  addLocalRport = false;
  /** set_advertised_address / set_advertised_port, null when unset. */
  advertisedAddress: string | null = null;
  advertisedPort: string | null = null;
  /** force_send_socket / `$socket_out`: the listening socket to send from (a ScriptSocket's text); null for the default one. */
  sendSocket: string | null = null;
  /** The extra branches (dset.ts), created on first use: most messages never have any. */
  dset: DestinationSet | null = null;

  constructor(
    public msg: SipMessage,
    /** Where the message came from. */
    readonly source: Peer,
  ) {}

  /**
   * The state of `msg`, another copy of this message (a branch, the failure route's request):
   * the same source, AVPs (shared), flags and per-message settings; no `$du` and no extra
   * branches.
   */
  derive(msg: SipMessage): MessageState {
    const state = new MessageState(msg, this.source);
    state.avps = this.avps;
    state.flags = this.flags;
    state.branchFlags = this.branchFlags;
    state.forceRport = this.forceRport;
    state.addLocalRport = this.addLocalRport;
    state.advertisedAddress = this.advertisedAddress;
    state.advertisedPort = this.advertisedPort;
    state.sendSocket = this.sendSocket;
    return state;
  }
}

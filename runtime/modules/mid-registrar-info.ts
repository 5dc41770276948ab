/**
 * What mid_registrar_save leaves on a REGISTER's transaction when the REGISTER goes to the main
 * registrar (save.c's mid_reg_info): the request as read, the save flags, the expiry to announce
 * upstream, and what forwarding found out — the contact ids put into the forwarded Contacts and
 * the branch flags the bindings will get — for the 2xx reply to turn into bindings.
 */
import type { Transaction } from "../transaction.ts";
import type { SaveFlags } from "./mid-registrar-flags.ts";
import type { RegisterRequest } from "./mid-registrar-request.ts";

export interface Registration {
  readonly table: string;
  readonly request: RegisterRequest;
  readonly flags: SaveFlags;
  /** The outgoing expiry throttling modes announce (mid_registrar_save's 4th parameter, else outgoing_expires). */
  readonly expiresOut: number;
  readonly maxContacts: number;
  readonly userAgent: string | null;
  /** The id given to each request contact when it was forwarded (modes 0 and 1); null before. */
  contactIds: readonly number[] | null;
  /** The branch flags at forwarding (the bindings' flags). */
  branchFlags: number;
  /** Forwarded branches whose 2xx has not been processed yet (a retransmitted 200 finds none). */
  pendingReplies: number;
}

const DATA_KEY = "mid_registrar";

export function registrationOf(tx: Transaction): Registration | null {
  const data = tx.data[DATA_KEY];
  return data === undefined ? null : (data as Registration);
}

export function attachRegistration(tx: Transaction, registration: Registration): void {
  tx.data[DATA_KEY] = registration;
}

/**
 * What the rr functions remember about the message being processed: whether it was
 * record-routed, the parameters queued for its Record-Route (add_rr_param), and the parameters of
 * the Route entry loose_route found for this proxy (check_route_param, is_direction).
 */
import type { MessageState } from "../message-state.ts";

export interface RrState {
  recorded: boolean;
  /** `;name=value` texts for the Record-Route. */
  params: string[];
  /** The parameters (`;lr;ftag=x`) of our own Route entry, when loose_route consumed one. */
  ownRouteParams: string | null;
}

const states = new WeakMap<MessageState, RrState>();

export function rrStateOf(state: MessageState): RrState {
  let found = states.get(state);
  if (found === undefined) {
    found = { recorded: false, params: [], ownRouteParams: null };
    states.set(state, found);
  }
  return found;
}

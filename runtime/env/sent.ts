/**
 * Watching what the engine sends: every reply and request handed to the environment is also given
 * to the engine's sent-message listeners (the tracer records them), whichever code path sent it
 * (sl, tm's branches and replies, stateless forwarding, local requests).
 */
import type { Environment, OutgoingReply, OutgoingRequest } from "./types.ts";

export type SentMessage = { readonly kind: "reply"; readonly reply: OutgoingReply } | { readonly kind: "request"; readonly request: OutgoingRequest };

export type SentListener = (sent: SentMessage) => void;

/** `env`, with every reply and request it sends then given to `listeners`. */
export function reportingSends(env: Environment, listeners: readonly SentListener[]): Environment {
  return {
    get pid() {
      return env.pid;
    },
    now: () => env.now(),
    log: (record) => env.log(record),
    event: (event) => env.event(event),
    sendReply(reply) {
      env.sendReply(reply);
      for (const listener of listeners) listener({ kind: "reply", reply });
    },
    relay(request) {
      env.relay(request);
      for (const listener of listeners) listener({ kind: "request", request });
    },
  };
}

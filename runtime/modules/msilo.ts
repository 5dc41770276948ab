/**
 * msilo: an offline message store. m_store() keeps a MESSAGE for a user who is not registered
 * (msilo-store.ts); m_dump(), typically after save() of the user's REGISTER, sends the user's
 * stored messages and deletes those answered 2xx (msilo-dump.ts). Not done: the reminder
 * (`reminder`, `send_time`, `snd_time_avp`) and the periodic removal of expired messages
 * (`check_time`, `clean_period`).
 */
import type { FunctionImpl, ModuleImpl } from "../functions.ts";
import { mDump } from "./msilo-dump.ts";
import { initSiloState } from "./msilo-state.ts";
import { mStore } from "./msilo-store.ts";

export const msilo: ModuleImpl = {
  name: "msilo",
  functions: new Map<string, FunctionImpl>([
    ["m_store", { call: mStore }],
    ["m_dump", { call: mDump }],
  ]),
  init: initSiloState,
};

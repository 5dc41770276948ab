/**
 * options: `options_reply()` answers an OPTIONS request addressed to the server itself (no user
 * in the Request-URI) with `200 OK` carrying Accept, Accept-Encoding, Accept-Language and
 * Supported from the module parameters (a parameter set to "" leaves its header out), through
 * signaling's send_reply (statefully when the request has a transaction). It then ends the script
 * (returns 0), as OpenSIPS's opt_reply does; a request it may not answer gives -1.
 */
import type { Ctx } from "../ctx.ts";
import type { ModuleImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import type { Script } from "../script.ts";
import { modParam } from "./modparams.ts";
import { addReplyHeaders } from "./reply-lumps.ts";
import { signaling } from "./signaling.ts";

/** Header name, module parameter and default (mod_options.h). */
const HEADERS = [
  ["Accept", "accept", "*/*"],
  ["Accept-Encoding", "accept_encoding", ""],
  ["Accept-Language", "accept_language", "en"],
  ["Supported", "support", ""],
] as const;

function capabilityHeaders(script: Script): string {
  let text = "";
  for (const [header, param, fallback] of HEADERS) {
    const value = String(modParam(script, "options", param) ?? fallback);
    if (value !== "") text += `${header}: ${value}\r\n`;
  }
  return text;
}

const sendReply = signaling.functions.get("send_reply")!;

function optionsReply(ctx: Ctx): number {
  if (ctx.msg.method !== "OPTIONS") {
    ctx.log(L_ERR, "ERROR:options:opt_reply: called for non-OPTIONS request");
    return -1;
  }
  const uri = ctx.msg.parsedRuri;
  if (uri === null) {
    ctx.log(L_ERR, "ERROR:options:opt_reply: ERROR while parsing the R-URI");
    return -1;
  }
  if (uri.user !== null && uri.user !== "") {
    ctx.log(L_ERR, "ERROR:options:opt_reply: ruri contains username");
    return -1;
  }
  addReplyHeaders(ctx.state, capabilityHeaders(ctx.engine.script));
  return sendReply.call(ctx, [200, "OK"]) < 0 ? -1 : 0;
}

export const options: ModuleImpl = {
  name: "options",
  functions: new Map([["options_reply", { call: optionsReply }]]),
};

/**
 * Request-URI and destination rewriting: seturi, sethost, sethostport, setport, setuser,
 * setuserpass, prefix, strip, strip_tail, revert_uri, setdsturi, resetdsturi, isdsturiset.
 * Each returns 1, or -1 when the new URI would not parse (or the message is a reply).
 */
import { intArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, FunctionImpl } from "../functions.ts";
import { parseHostPort } from "../sip/host-port.ts";
import type { SipUri } from "../sip/uri.ts";

function code(ok: boolean): number {
  return ok ? 1 : -1;
}

/** A function changing the R-URI's parts from its first argument; the change gives null to refuse. */
function rewrite(change: (uri: SipUri, arg: Arg) => SipUri | null): FunctionImpl {
  return {
    call(ctx: Ctx, args) {
      const current = ctx.msg.parsedRuri;
      const next = current === null ? null : change(current, args[0]);
      return code(next !== null && ctx.msg.updateRuri(() => next));
    },
  };
}

const sethost = rewrite((uri, arg) => {
  const host = textArg(arg);
  return host === null || host === "" ? null : { ...uri, host };
});

const sethostport = rewrite((uri, arg) => {
  const hostPort = parseHostPort(textArg(arg) ?? "");
  return hostPort === null ? null : { ...uri, host: hostPort.host, port: hostPort.port };
});

const setport = rewrite((uri, arg) => {
  const port = intArg(arg);
  return port === null || port < 0 || port > 65535 ? null : { ...uri, port };
});

const setuser = rewrite((uri, arg) => {
  const user = textArg(arg);
  return { ...uri, user: user === "" ? null : user, password: user === "" ? null : uri.password };
});

const setuserpass = rewrite((uri, arg) => {
  const text = textArg(arg) ?? "";
  const colon = text.indexOf(":");
  const user = colon < 0 ? text : text.slice(0, colon);
  return user === "" ? null : { ...uri, user, password: colon < 0 ? null : text.slice(colon + 1) };
});

const prefix = rewrite((uri, arg) => {
  const text = textArg(arg);
  return text === null ? null : { ...uri, user: text + (uri.user ?? "") };
});

/** strip(n) drops the first n characters of the user; strip_tail(n) the last n. */
function stripUser(fromEnd: boolean): FunctionImpl {
  return rewrite((uri, arg) => {
    const n = intArg(arg);
    const user = uri.user ?? "";
    if (n === null || n < 0 || n > user.length) return null;
    const rest = fromEnd ? user.slice(0, user.length - n) : user.slice(n);
    return { ...uri, user: rest === "" ? null : rest };
  });
}

export const URI_FUNCTIONS: [string, FunctionImpl][] = [
  ["seturi", { call: (ctx, args) => code(ctx.msg.setRuri(textArg(args[0]) ?? "")) }],
  ["sethost", sethost],
  ["sethostport", sethostport],
  ["setport", setport],
  ["setuser", setuser],
  ["setuserpass", setuserpass],
  ["prefix", prefix],
  ["strip", stripUser(false)],
  ["strip_tail", stripUser(true)],
  ["revert_uri", { call: (ctx) => code(ctx.msg.originalRuri !== null && ctx.msg.setRuri(ctx.msg.originalRuri)) }],
  [
    "setdsturi",
    {
      call(ctx, args) {
        const uri = textArg(args[0]);
        if (uri === null || uri === "") return -1;
        ctx.state.dstUri = uri;
        return 1;
      },
    },
  ],
  [
    "resetdsturi",
    {
      call(ctx) {
        ctx.state.dstUri = null;
        return 1;
      },
    },
  ],
  ["isdsturiset", { call: (ctx) => code(ctx.state.dstUri !== null) }],
];

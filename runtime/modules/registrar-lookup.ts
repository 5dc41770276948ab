/**
 * registrar lookup(domain [, flags [, aor]]) (lookup.c): the Request-URI becomes the best live
 * contact of the AOR (highest q, then most recently registered) — with `$du` where it registered
 * from when that differs (NAT), its q and its branch flags — and every other contact becomes a
 * branch of the destination set, in the same order, for t_relay to fork to. Branches already in
 * the set are kept. Flags: `b` no branches, the best contact only; `m` only contacts accepting the
 * request's method; `r` the URIs of the branches already in the set are AORs too, replaced by
 * their contacts; `u/regex/` only contacts whose User-Agent matches (`i`: ignoring case; the
 * regex is always read as extended, so `e` changes nothing). Returns 1 when found, -1 when not,
 * -2 when contacts exist but none accepts the method, -3 on error.
 */
import type { Ctx } from "../ctx.ts";
import { appendBranch, setRuriQ, takeBranches, type DsetBranch } from "../dset.ts";
import { L_ERR, L_WARN } from "../log-level.ts";
import { compileEre } from "../regex.ts";
import { parseUri } from "../sip/uri.ts";
import { aorOf, locationTables, type Binding } from "./registrar-location.ts";

const NOT_FOUND = -1;
const METHOD_NOT_ALLOWED = -2;
const ERROR = -3;

interface LookupFlags {
  readonly noBranches: boolean;
  readonly methodFiltering: boolean;
  readonly branchAors: boolean;
  readonly userAgent: RegExp | null;
}

/** The flags string; null (logged) when its user-agent regex does not compile. */
function parseFlags(ctx: Ctx, text: string): LookupFlags | null {
  let noBranches = false;
  let methodFiltering = false;
  let branchAors = false;
  let ignoreCase = false;
  let userAgent: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const flag = text[i]!;
    if (flag === "u") {
      const end = text.lastIndexOf("/");
      if (text[i + 1] !== "/" || end <= i + 1) {
        ctx.log(L_ERR, "ERROR:registrar:lookup: no regexp after 'u' flag");
        continue;
      }
      userAgent = text.slice(i + 2, end);
      i = end;
    } else if (flag === "b") noBranches = true;
    else if (flag === "m") methodFiltering = true;
    else if (flag === "r") branchAors = true;
    else if (flag === "i") ignoreCase = true;
    else if (flag !== "e") ctx.log(L_WARN, `WARNING:registrar:lookup: unsupported flag ${flag}`);
  }
  if (userAgent === null) return { noBranches, methodFiltering, branchAors, userAgent: null };
  const compiled = compileEre(userAgent, { ignoreCase });
  if (compiled.re === null) {
    ctx.log(L_ERR, `ERROR:registrar:lookup: bad regexp '${userAgent}'`);
    return null;
  }
  return { noBranches, methodFiltering, branchAors, userAgent: compiled.re };
}

/** A contact registered from another address than the one it names is reached where it registered from. */
function isBehindNat(binding: Binding): boolean {
  const contact = parseUri(binding.uri);
  const source = parseUri(binding.received);
  return contact !== null && source !== null && (contact.host !== source.host || (contact.port ?? 5060) !== source.port);
}

function branchOf(binding: Binding): DsetBranch {
  return { uri: binding.uri, dstUri: isBehindNat(binding) ? binding.received : null, q: binding.q, path: null, flags: binding.flags, socket: null };
}

function acceptsMethod(ctx: Ctx, flags: LookupFlags, binding: Binding): boolean {
  const method = ctx.msg.method;
  return !flags.methodFiltering || binding.methods === null || (method !== null && binding.methods.includes(method.toUpperCase()));
}

function matchesUserAgent(flags: LookupFlags, binding: Binding): boolean {
  return flags.userAgent === null || (binding.userAgent !== null && flags.userAgent.test(binding.userAgent));
}

export function lookup(ctx: Ctx, table: string | null, flagsText: string | null, aorText: string | null): number {
  if (table === null || !ctx.msg.isRequest) return ERROR;
  const flags = parseFlags(ctx, flagsText ?? "");
  if (flags === null) return ERROR;
  const aor = aorOf(ctx, aorText ?? ctx.msg.ruri);
  if (aor === null) {
    ctx.log(L_ERR, "ERROR:registrar:lookup: failed to extract address of record");
    return ERROR;
  }
  const branchUris = flags.branchAors ? takeBranches(ctx.state).map((b) => b.uri) : [];
  const locations = locationTables(ctx.engine);
  const bindings = locations.bindings(table, aor);
  const usable = bindings.filter((b) => acceptsMethod(ctx, flags, b) && matchesUserAgent(flags, b));
  const [best, ...others] = usable;
  if (best === undefined) return bindings.some((b) => !acceptsMethod(ctx, flags, b)) ? METHOD_NOT_ALLOWED : NOT_FOUND;
  if (!ctx.msg.setRuri(best.uri)) return ERROR;
  if (isBehindNat(best)) ctx.state.dstUri = best.received;
  setRuriQ(ctx.state, best.q);
  ctx.state.branchFlags = (ctx.state.branchFlags | best.flags) >>> 0;
  if (flags.noBranches) return 1;
  const branchAorContacts = branchUris.flatMap((uri) => {
    const branchAor = aorOf(ctx, uri);
    return branchAor === null ? [] : locations.bindings(table, branchAor).filter((b) => acceptsMethod(ctx, flags, b) && matchesUserAgent(flags, b));
  });
  for (const binding of [...others, ...branchAorContacts]) {
    if (!appendBranch(ctx.state, branchOf(binding))) ctx.log(L_ERR, `ERROR:registrar:lookup: failed to append a branch for <${binding.uri}>`);
  }
  return 1;
}

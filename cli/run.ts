/**
 * `opensips-ts run <script.cfg|compiled.js> --sip <file>…`: runs SIP messages through a script
 * offline and prints what it did (run-session.ts, run-trace.ts). Exit 0 when the script ran, 1 on
 * compile errors, 2 on usage errors (bad option values, unreadable files, a file that is no script).
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import type { Peer, Script } from "../runtime/index.ts";
import type { Target } from "./options.ts";
import { importScriptCode, importScriptFile } from "./run-load.ts";
import { DEFAULT_SOURCE, runSession, type RuntimeApi, type SipInput } from "./run-session.ts";
import { jsonLine, readableLine } from "./run-trace.ts";

export interface RunCommandOptions {
  script: string;
  sip: string[];
  json: boolean;
  source?: string;
  upstreamReply: string[];
  db?: string;
  gap: number;
  target: Target;
  color: boolean;
}

/** The installed runtime (dist/runtime.js): scripts compiled by anyone import it under this name. */
const RUNTIME_PACKAGE = "opensips-ts/runtime";

const EXIT_OK = 0;
const EXIT_COMPILE_ERRORS = 1;
const EXIT_USAGE = 2;

class UsageError extends Error {}

export async function runRun(options: RunCommandOptions): Promise<number> {
  try {
    return await run(options);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`opensips-ts run: ${err.message}\n`);
    return EXIT_USAGE;
  }
}

async function run(options: RunCommandOptions): Promise<number> {
  const source = options.source === undefined ? DEFAULT_SOURCE : parsePeer(options.source);
  const upstreamReplies = options.upstreamReply.map(parseReplyCodes);
  if (!Number.isFinite(options.gap) || options.gap < 0) throw new UsageError(`--gap must be a number of milliseconds, not "${options.gap}"`);
  const inputs: SipInput[] = options.sip.map((name) => ({ name, text: readText(name) }));
  const runtimeUrl = import.meta.resolve(RUNTIME_PACKAGE);
  const runtime = (await import(runtimeUrl)) as RuntimeApi;
  const script = await loadScript(options, runtimeUrl);
  if (typeof script === "number") return script;
  const events = await runSession(runtime, script, inputs, { source, upstreamReplies, gapMs: options.gap, dbUrl: options.db ?? null });
  const render = options.json ? jsonLine : readableLine;
  process.stdout.write(events.map((e) => render(e) + "\n").join(""));
  return EXIT_OK;
}

/** The compiled script, or the exit code when it does not compile. */
async function loadScript(options: RunCommandOptions, runtimeUrl: string): Promise<Script | number> {
  const isCfg = ![".js", ".mjs"].includes(extname(options.script).toLowerCase());
  if (!isCfg) return loaded(await importScriptFile(options.script, runtimeUrl));
  // The compiler is loaded only for a .cfg: a compiled script starts without it.
  const { compile } = await import("../compiler/index.ts");
  const { renderDiagnostic, sortDiagnostics } = await import("../compiler/diagnostics.ts");
  const result = await compile(readText(options.script), { file: options.script, target: options.target, runtimeImport: runtimeUrl });
  const diagnostics = sortDiagnostics(result.diagnostics);
  if (diagnostics.some((d) => d.severity === "error")) {
    for (const d of diagnostics) process.stderr.write(renderDiagnostic(d, { sources: result.sources, color: options.color }) + "\n\n");
    return EXIT_COMPILE_ERRORS;
  }
  return loaded(await importScriptCode(result.code));
}

function loaded(script: Script | string): Script {
  if (typeof script === "string") throw new UsageError(script);
  return script;
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
}

function parsePeer(text: string): Peer {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:\s]+):([0-9]{1,5})$/.exec(text.trim());
  const port = Number(match?.[2]);
  if (match === null || port < 1 || port > 65535) throw new UsageError(`--source must be IP:PORT, not "${text}"`);
  return { proto: "udp", ip: match[1]!.replace(/^\[|\]$/g, ""), port };
}

/** `486` or `180,200`: the replies to one relayed request. */
function parseReplyCodes(text: string): number[] {
  const codes = String(text).split(",").map((part) => Number(part.trim()));
  if (codes.some((code) => !Number.isInteger(code) || code < 100 || code > 699)) {
    throw new UsageError(`--upstream-reply takes SIP status codes (100-699), comma-separated for one request: "${text}"`);
  }
  return codes;
}

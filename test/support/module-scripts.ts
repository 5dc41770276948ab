/**
 * Helpers for the module tests: a script compiled from cfg text against the runtime sources, an
 * engine on the offline environment (whose `requests`/`replies` keep the texts sent), and SIP
 * messages to feed it.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile, type Target } from "../../compiler/index.ts";
import * as rt from "../../runtime/index.ts";
import { importScriptFile } from "../../cli/run-load.ts";
import { SOURCE_RUNTIME_URL } from "./behaviour-cases.ts";

const workDir = mkdtempSync(join(tmpdir(), "opensips-ts-modules-"));
let scripts = 0;

export const CLIENT: rt.Peer = { proto: "udp", ip: "10.0.0.1", port: 5060 };
export const DOWNSTREAM: rt.Peer = { proto: "udp", ip: "10.0.0.2", port: 5060 };

export interface ScriptRun {
  readonly engine: rt.Engine;
  readonly env: rt.OfflineEnvironment;
  /** Delivers a message (request from CLIENT, reply from DOWNSTREAM by default). */
  send(text: string, from?: rt.Peer): Promise<rt.HandleResult>;
  /** The xlog lines so far. */
  logs(): string[];
}

/**
 * Compiles `cfg` (a socket line — `listen` for 2.4 — is added) and starts an engine for it, with `modules` beyond the
 * built-in ones; `clock` (ms since the epoch) is fixed at 1_700_000_000_000 unless given.
 */
export async function startScript(
  cfg: string,
  target: Target = "3.6",
  modules: readonly rt.ModuleImpl[] = [],
  clock: () => number = () => 1_700_000_000_000,
): Promise<ScriptRun> {
  const source = `${target === "2.4" ? "listen" : "socket"}=udp:127.0.0.1:5060\n${cfg}`;
  const result = await compile(source, { file: "test.cfg", target });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`does not compile: ${errors.map((d) => `${d.line}:${d.column} ${d.message}`).join("; ")}`);
  const file = join(workDir, `script-${++scripts}.mjs`);
  writeFileSync(file, result.code);
  const script = await importScriptFile(file, SOURCE_RUNTIME_URL);
  if (typeof script === "string") throw new Error(script);
  const env = new rt.OfflineEnvironment({ clock, pid: 4000 });
  const engine = await rt.createEngine(script, env, { modules });
  return {
    engine,
    env,
    send: (text, from) => engine.handleMessage(text, from ?? (text.startsWith("SIP/2.0") ? DOWNSTREAM : CLIENT)),
    logs: () => env.events.flatMap((e) => (e.event === "log" && e.level !== "WARNING" && e.level !== "ERROR" ? [e.text] : [])),
  };
}

export interface RequestOptions {
  readonly ruri?: string;
  readonly branch?: string;
  readonly callId?: string;
  readonly cseq?: number;
  readonly toTag?: string;
  /** Raw header lines, CRLF included. */
  readonly headers?: string;
  readonly body?: string;
}

export function request(method: string, options: RequestOptions = {}): string {
  const body = options.body ?? "";
  return (
    `${method} ${options.ruri ?? "sip:bob@10.0.0.2"} SIP/2.0\r\n` +
    `Via: SIP/2.0/UDP 10.0.0.1:5060;branch=${options.branch ?? "z9hG4bK-test-1"}\r\n` +
    "Max-Forwards: 70\r\n" +
    "From: <sip:alice@example.com>;tag=alice-tag\r\n" +
    `To: <sip:bob@example.com>${options.toTag === undefined ? "" : `;tag=${options.toTag}`}\r\n` +
    `Call-ID: ${options.callId ?? "call-1@10.0.0.1"}\r\n` +
    `CSeq: ${options.cseq ?? 1} ${method}\r\n` +
    (options.headers ?? "") +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

/** A reply from downstream to a request as the proxy sent it (its Vias, From, To, Call-ID, CSeq). */
export function replyTo(sent: string, code: number, reason: string, toTag = "bob-tag"): string {
  const lines = sent.split("\r\n");
  const copied = lines.filter((l) => /^(via|from|call-id|cseq):/i.test(l));
  const to = lines.find((l) => /^to:/i.test(l)) ?? "To: <sip:bob@example.com>";
  return `SIP/2.0 ${code} ${reason}\r\n${copied.join("\r\n")}\r\n${to.includes("tag=") ? to : `${to};tag=${toTag}`}\r\nContent-Length: 0\r\n\r\n`;
}

/** The value of the first header `name` in a message text. */
export function headerOf(text: string, name: string): string | null {
  const line = text.split("\r\n").find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line === undefined ? null : line.slice(line.indexOf(":") + 1).trim();
}

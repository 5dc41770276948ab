/**
 * The behaviour goldens (fixtures/behaviour/<case>/): `input.cfg`, SIP messages `*.sip` delivered
 * in name order, an optional `args.json` with the `run` options of the case, and the golden
 * `trace.txt` (readable trace lines). Cases run in-process (compiled against the runtime sources)
 * or through the CLI; both must give the golden trace.
 *
 * args.json: `{ "upstreamReply": [486, [180, 200]], "source": "10.0.0.1:5060", "gap": 50,
 * "target": "3.4", "db": "sqlite:///{tmp}/case.db" }` — `{tmp}` is a fresh temporary directory.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { compile, DEFAULT_RUNTIME_IMPORT } from "../../compiler/index.ts";
import type { Target } from "../../compiler/index.ts";
import * as runtime from "../../runtime/index.ts";
import { importScriptFile } from "../../cli/run-load.ts";
import { DEFAULT_GAP_MS, DEFAULT_SOURCE, runSession, type SipInput } from "../../cli/run-session.ts";
import { readableLine, type RunEvent } from "../../cli/run-trace.ts";
import { FIXTURES_DIR } from "./golden.ts";

export const BEHAVIOUR_DIR = join(FIXTURES_DIR, "behaviour");
/** Files a case may hold besides input.cfg and trace.txt. */
export const CASE_INPUTS = /^(.+\.sip|args\.json)$/;
/** The environment variable through which cases reach the test HTTP server. */
export const HTTP_URL_VARIABLE = "OPENSIPS_TS_TEST_HTTP";

export interface CaseArgs {
  readonly upstreamReply: number[][];
  readonly source: string | null;
  readonly gap: number;
  readonly target: Target;
  readonly db: string | null;
}

export function caseNames(): string[] {
  return readdirSync(BEHAVIOUR_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export function caseDir(name: string): string {
  return join(BEHAVIOUR_DIR, name);
}

export function sipFiles(name: string): string[] {
  return readdirSync(caseDir(name))
    .filter((f) => f.endsWith(".sip"))
    .sort()
    .map((f) => join(caseDir(name), f));
}

export function caseArgs(name: string): CaseArgs {
  let raw: Record<string, unknown> = {};
  try {
    raw = JSON.parse(readFileSync(join(caseDir(name), "args.json"), "utf8")) as Record<string, unknown>;
  } catch {
    raw = {};
  }
  const replies = Array.isArray(raw.upstreamReply) ? raw.upstreamReply : [];
  const db = typeof raw.db === "string" ? raw.db.replace("{tmp}", mkdtempSync(join(tmpdir(), "opensips-ts-case-"))) : null;
  return {
    upstreamReply: replies.map((r) => (Array.isArray(r) ? r.map(Number) : [Number(r)])),
    source: typeof raw.source === "string" ? raw.source : null,
    gap: typeof raw.gap === "number" ? raw.gap : DEFAULT_GAP_MS,
    target: (typeof raw.target === "string" ? raw.target : "3.6") as Target,
    db,
  };
}

/**
 * The case compiled to JavaScript importing the runtime from `runtimeImport`. The script is named
 * `input.cfg` (files it includes are read from the case's folder), so traces that name script
 * locations (script_trace, errors) do not depend on where the repository lives.
 */
export async function compileCase(name: string, runtimeImport: string, target: Target): Promise<string> {
  const dir = caseDir(name);
  const readFile = (path: string): string | null => {
    try {
      return readFileSync(resolve(dir, path), "utf8");
    } catch {
      return null;
    }
  };
  const result = await compile(readFile("input.cfg") ?? "", { file: "input.cfg", readFile, target, runtimeImport });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`${name} does not compile: ${errors.map((d) => `${d.line}:${d.column} ${d.message}`).join("; ")}`);
  return result.code;
}

/** Writes the case compiled (importing `opensips-ts/runtime`) to `<dir>/<case>.mjs`; returns the file. */
export async function compileCaseToFile(name: string, dir: string): Promise<string> {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, await compileCase(name, DEFAULT_RUNTIME_IMPORT, caseArgs(name).target));
  return file;
}

/** The runtime sources: in-process runs resolve the scripts' runtime import to them. */
export const SOURCE_RUNTIME_URL = pathToFileURL(join(FIXTURES_DIR, "..", "runtime", "index.ts")).href;

/** Runs a case's compiled script (a `.js` file) on the runtime sources; returns its readable trace. */
export async function runCaseInProcess(name: string, scriptFile: string): Promise<string> {
  const args = caseArgs(name);
  const script = await importScriptFile(scriptFile, SOURCE_RUNTIME_URL);
  if (typeof script === "string") throw new Error(script);
  const inputs: SipInput[] = sipFiles(name).map((file) => ({ name: file, text: readFileSync(file, "utf8") }));
  const events = await runSession(runtime, script, inputs, {
    source: args.source === null ? DEFAULT_SOURCE : parseSource(args.source),
    upstreamReplies: args.upstreamReply,
    gapMs: args.gap,
    dbUrl: args.db,
  });
  return renderTrace(events);
}

export function renderTrace(events: readonly RunEvent[]): string {
  return events.map((e) => readableLine(e) + "\n").join("");
}

function parseSource(text: string): runtime.Peer {
  const colon = text.lastIndexOf(":");
  return { proto: "udp", ip: text.slice(0, colon), port: Number(text.slice(colon + 1)) };
}

/**
 * The HTTP server the rest_client cases talk to: `/credit/<user>` answers 42, `/echo` returns the
 * request body with its Content-Type, `/slow` never answers, anything else is 404. It runs in a
 * worker thread: a script's blocking rest_get blocks the thread that runs the script.
 */
const HTTP_SERVER_CODE = String.raw`
"use strict";
const { parentPort } = require("node:worker_threads");
const { createServer } = require("node:http");
const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    if (req.url.startsWith("/credit/")) res.writeHead(200, { "content-type": "text/plain" }).end("42");
    else if (req.url === "/echo") res.writeHead(200, { "content-type": req.headers["content-type"] || "application/octet-stream" }).end(Buffer.concat(chunks));
    else if (req.url !== "/slow") res.writeHead(404, { "content-type": "text/plain" }).end("no such resource");
  });
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
parentPort.on("message", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
`;

export interface CaseHttpServer {
  close(): Promise<void>;
}

/** Starts the server and points HTTP_URL_VARIABLE at it. */
export async function startCaseHttpServer(): Promise<CaseHttpServer> {
  const worker = new Worker(HTTP_SERVER_CODE, { eval: true });
  const [port] = (await once(worker, "message")) as [number];
  process.env[HTTP_URL_VARIABLE] = `http://127.0.0.1:${port}`;
  return {
    close: async () => {
      worker.postMessage("close");
      await once(worker, "exit");
    },
  };
}

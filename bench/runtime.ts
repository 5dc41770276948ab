/**
 * Runtime benchmarks (run with --expose-gc; `npm run bench` does):
 * 1. stateless throughput: requests/s of a compiled stateless script (maxfwd, method checks, an
 *    AVP, a regex, an sl reply) offline, each request parsed from its text;
 * 2. suspended transactions: 10,000 INVITEs whose script suspends on async(usleep(20000)), all in
 *    flight at once — the time until every one is answered, and the heap each suspended
 *    transaction holds (heap after delivering them all minus before, both after a full GC).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { compile } from "../compiler/index.ts";
import { createEngine, type Environment, type Script } from "../runtime/index.ts";
import { importScriptFile } from "../cli/run-load.ts";

const STATELESS = `
socket=udp:127.0.0.1:5060
loadmodule "sl.so"
loadmodule "maxfwd.so"
loadmodule "sipmsgops.so"

route {
	if (!mf_process_maxfwd_header(10)) {
		sl_send_reply(483, "Too Many Hops");
		exit;
	}
	if (has_totag()) {
		sl_send_reply(481, "Call/Transaction Does Not Exist");
		exit;
	}
	$avp(caller) = $fU;
	if (is_method("OPTIONS")) {
		sl_send_reply(200, "OK");
		exit;
	}
	if ($rU =~ "^\\+?1[0-9]{10}$") {
		sl_send_reply(403, "Forbidden");
		exit;
	}
	sl_send_reply(404, "Not Found");
}
`;

const SUSPENDING = `
socket=udp:127.0.0.1:5060
loadmodule "tm.so"
loadmodule "cfgutils.so"

route {
	$avp(caller) = $fU;
	async(usleep(20000), done);
}

route[done] {
	t_reply(200, "OK");
}
`;

const STATELESS_REQUESTS = 100_000;
const STATELESS_RUNS = 5;
const WARM_UP = 20_000;
const IN_FLIGHT = 10_000;

/** An environment that only counts what the script sends. */
class CountingEnvironment implements Environment {
  readonly pid = process.pid;
  replies = 0;
  now(): number {
    return Date.now();
  }
  log(): void {}
  sendReply(): void {
    this.replies++;
  }
  relay(): void {}
  event(): void {}
}

function request(method: string, i: number, ruri = "sip:bob@example.com"): string {
  return (
    `${method} ${ruri} SIP/2.0\r\n` +
    `Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-bench-${i}\r\n` +
    `Max-Forwards: 70\r\n` +
    `From: <sip:alice@example.com>;tag=${i}\r\n` +
    `To: <sip:bob@example.com>\r\n` +
    `Call-ID: bench-${i}@10.0.0.1\r\n` +
    `CSeq: 1 ${method}\r\n` +
    `Content-Length: 0\r\n\r\n`
  );
}

async function compiled(source: string, dir: string, name: string): Promise<Script> {
  const result = await compile(source, { file: `${name}.cfg`, runtimeImport: pathToFileURL(join(import.meta.dirname, "..", "runtime", "index.ts")).href });
  if (result.code === "") throw new Error(`${name} does not compile: ${result.diagnostics.map((d) => d.message).join("; ")}`);
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, result.code);
  const script = await importScriptFile(file, pathToFileURL(join(import.meta.dirname, "..", "runtime", "index.ts")).href);
  if (typeof script === "string") throw new Error(script);
  return script;
}

async function statelessThroughput(script: Script): Promise<void> {
  const env = new CountingEnvironment();
  const engine = await createEngine(script, env);
  const messages = Array.from({ length: 64 }, (_, i) => request(i % 4 === 0 ? "OPTIONS" : "INVITE", i, i % 2 === 0 ? "sip:+15551234567@example.com" : "sip:bob@example.com"));
  for (let i = 0; i < WARM_UP; i++) await engine.handleMessage(messages[i % messages.length]!, { proto: "udp", ip: "10.0.0.1", port: 5060 });
  const rates: number[] = [];
  for (let run = 0; run < STATELESS_RUNS; run++) {
    env.replies = 0;
    const start = performance.now();
    for (let i = 0; i < STATELESS_REQUESTS; i++) await engine.handleMessage(messages[i % messages.length]!, { proto: "udp", ip: "10.0.0.1", port: 5060 });
    rates.push(STATELESS_REQUESTS / ((performance.now() - start) / 1000));
  }
  const median = [...rates].sort((a, b) => a - b)[Math.floor(STATELESS_RUNS / 2)]!;
  const each = rates.map((r) => Math.round(r / 1000) + "k").join("/");
  process.stdout.write(
    `stateless script: ${Math.round(median).toLocaleString("en")} requests/s, median of ${STATELESS_RUNS} x ${STATELESS_REQUESTS.toLocaleString("en")} (${each}; ${env.replies.toLocaleString("en")} replies in the last run; target >= 100,000/s)\n`,
  );
}

function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

async function suspendedTransactions(script: Script): Promise<void> {
  const env = new CountingEnvironment();
  const engine = await createEngine(script, env);
  const messages = Array.from({ length: IN_FLIGHT }, (_, i) => request("INVITE", i));
  const source = { proto: "udp", ip: "10.0.0.1", port: 5060 };
  const before = heapUsed();
  const start = performance.now();
  // Delivered without yielding to the event loop: no 20 ms timer can fire before all are suspended.
  // The results are not kept: what is measured is what the engine holds.
  for (const message of messages) void engine.handleMessage(message, source);
  const during = heapUsed();
  const delivered = performance.now() - start;
  await engine.idle();
  const total = performance.now() - start;
  const perTransaction = (during - before) / IN_FLIGHT;
  const hasGc = typeof (globalThis as { gc?: unknown }).gc === "function";
  process.stdout.write(
    `async(usleep(20000)) x ${IN_FLIGHT.toLocaleString("en")} in flight: delivered in ${delivered.toFixed(0)} ms, all answered after ${total.toFixed(0)} ms ` +
      `(${env.replies.toLocaleString("en")} replies incl. 100 Trying), ` +
      `${hasGc ? `${(perTransaction / 1024).toFixed(2)} KB heap per suspended transaction (target < 2 KB)` : "run with --expose-gc for the heap per transaction"}\n`,
  );
}

const dir = mkdtempSync(join(tmpdir(), "opensips-ts-bench-"));
try {
  process.stdout.write("\nruntime:\n");
  await statelessThroughput(await compiled(STATELESS, dir, "stateless"));
  await suspendedTransactions(await compiled(SUSPENDING, dir, "suspending"));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

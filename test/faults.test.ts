/**
 * Faults under load: 1,000 transactions in flight at once against an HTTP backend that, for half
 * of them, drops the connection or never answers (async() times out). Every transaction must get
 * its resume route and exactly one final reply, with its own AVPs — nothing lost or mixed.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { Worker } from "node:worker_threads";
import { compile } from "../compiler/index.ts";
import * as runtime from "../runtime/index.ts";
import { importScriptFile } from "../cli/run-load.ts";
import { DEFAULT_SOURCE, runSession } from "../cli/run-session.ts";
import { SOURCE_RUNTIME_URL } from "./support/behaviour-cases.ts";

const TRANSACTIONS = 1000;

const SCRIPT = `
socket=udp:127.0.0.1:5060
loadmodule "tm.so"
loadmodule "cfgutils.so"
loadmodule "rest_client.so"
modparam("rest_client", "curl_timeout", 2)

route {
	$avp(id) = $ci;
	async(rest_get("$env(FAULTS_BACKEND)/$ci", $var(body), , $var(code)), done, 1);
}

route[done] {
	$avp(rc) = $rc;
	if ($avp(rc) < 0) {
		t_reply(503, "backend $avp(rc) for $avp(id)");
		exit;
	}
	if ($var(body) != $avp(id)) {
		t_reply(500, "mixed: $var(body) for $avp(id)");
		exit;
	}
	t_reply(200, "ok $avp(id)");
}
`;

/** Transaction i: 0 mod 4 the connection is dropped, 1 mod 4 no answer ever, else it echoes the id. */
const BACKEND = String.raw`
"use strict";
const { parentPort } = require("node:worker_threads");
const { createServer } = require("node:http");
const server = createServer((req, res) => {
  const id = req.url.slice(1);
  const n = Number(id.split("-")[1]);
  if (n % 4 === 0) req.socket.destroy();
  else if (n % 4 !== 1) res.writeHead(200, { "content-type": "text/plain" }).end(id);
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
parentPort.on("message", () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
`;

function invite(i: number): string {
  return [
    `INVITE sip:bob@example.com SIP/2.0`,
    `Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-faults-${i}`,
    `From: <sip:alice@example.com>;tag=${i}`,
    `To: <sip:bob@example.com>`,
    `Call-ID: tx-${i}`,
    `CSeq: 1 INVITE`,
    `Content-Length: 0`,
    ``,
    ``,
  ].join("\r\n");
}

const backend = new Worker(BACKEND, { eval: true });
const [port] = (await once(backend, "message")) as [number];
process.env.FAULTS_BACKEND = `http://127.0.0.1:${port}`;
const workDir = mkdtempSync(join(tmpdir(), "opensips-ts-faults-"));
after(async () => {
  backend.postMessage("close");
  await once(backend, "exit");
  rmSync(workDir, { recursive: true, force: true });
});

test("1,000 concurrent transactions, half of them failing or timing out: every one resumes and is answered once", async () => {
  const compiled = await compile(SCRIPT, { file: "faults.cfg" });
  assert.deepEqual(compiled.diagnostics.filter((d) => d.severity === "error"), []);
  const file = join(workDir, "faults.mjs");
  writeFileSync(file, compiled.code);
  const script = await importScriptFile(file, SOURCE_RUNTIME_URL);
  assert.ok(typeof script !== "string", String(script));

  const inputs = Array.from({ length: TRANSACTIONS }, (_, i) => ({ name: `invite-${i}`, text: invite(i) }));
  const trace = await runSession(runtime, script, inputs, { source: DEFAULT_SOURCE, upstreamReplies: [], gapMs: 0 });

  const suspended = trace.filter((e) => e.event === "suspend").length;
  assert.equal(suspended, TRANSACTIONS, "every transaction suspended: they were all in flight together");
  for (let i = 0; i < TRANSACTIONS; i++) {
    const msg = i + 1;
    const resumes = trace.filter((e) => e.msg === msg && e.event === "resume");
    const finals = trace.filter((e) => e.msg === msg && e.event === "reply" && e.code >= 200);
    assert.equal(resumes.length, 1, `tx-${i} resumed once`);
    assert.equal(finals.length, 1, `tx-${i} answered once`);
    const reply = finals[0]!;
    assert.ok(reply.event === "reply");
    if (i % 4 === 0) assert.match(reply.reason, new RegExp(`^backend -[0-9]+ for tx-${i}$`), `tx-${i}: ${reply.reason}`);
    else if (i % 4 === 1) assert.equal(reply.reason, `backend -3 for tx-${i}`);
    else assert.equal(reply.reason, `ok tx-${i}`);
    assert.equal(reply.code, i % 4 < 2 ? 503 : 200);
  }
});

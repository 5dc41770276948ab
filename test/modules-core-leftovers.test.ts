/** Core functions: add_local_rport / set_via_handling, the 2.4 URI rewriting spellings, cache_raw_query. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { CACHEDB_RAW_QUERY_FUNCTIONS } from "../runtime/modules/cachedb-raw-query.ts";
import { URI_ALIAS_FUNCTIONS } from "../runtime/modules/core-uri-aliases.ts";
import { VIA_HANDLING_FUNCTIONS } from "../runtime/modules/core-via-handling.ts";
import { coreWith } from "./support/core-with.ts";
import { request, startScript, type ScriptRun } from "./support/module-scripts.ts";

const CORE = coreWith([...VIA_HANDLING_FUNCTIONS, ...URI_ALIAS_FUNCTIONS, ...CACHEDB_RAW_QUERY_FUNCTIONS]);

function errors(run: ScriptRun): string[] {
  return run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
}

function topVia(text: string): string {
  return /^Via: ([^\r\n]+)/m.exec(text)![1]!;
}

test("add_local_rport puts ;rport on the proxy's Via of the relayed request, and only for that message", async () => {
  const run = await startScript(
    `
loadmodule "tm.so"
route {
	if ($ci == "with") add_local_rport();
	t_relay();
}`,
    "3.6",
    [CORE],
  );
  await run.send(request("INVITE", { callId: "with" }));
  await run.send(request("INVITE", { callId: "without", branch: "z9hG4bK-2" }));
  const [withRport, without] = run.env.requests.map((r) => topVia(r.text));
  assert.match(withRport!, /^SIP\/2\.0\/UDP 127\.0\.0\.1:5060;branch=z9hG4bK[^;]+;rport$/);
  assert.match(without!, /^SIP\/2\.0\/UDP 127\.0\.0\.1:5060;branch=z9hG4bK[^;]+$/);
});

test("set_via_handling sets force-rport and add-local-rport; reply-to-via and unknown flags are -1", async () => {
  const run = await startScript(
    `
loadmodule "tm.so"
loadmodule "sl.so"
route {
	set_via_handling("reply-to-via");
	xlog("reply-to-via rc=$rc\\n");
	set_via_handling("no-such-flag");
	xlog("unknown rc=$rc\\n");
	set_via_handling("force-rport, add-local-rport,force-tcp-alias");
	xlog("set rc=$rc\\n");
	t_relay();
}`,
    "3.6",
    [CORE],
  );
  await run.send(request("INVITE"));
  assert.deepEqual(run.logs(), ["reply-to-via rc=-1", "unknown rc=-1", "set rc=1"]);
  assert.deepEqual(errors(run), [
    "ERROR:core:set_via_handling: flag <reply-to-via> is not supported by the runtime",
    "ERROR:core:set_via_handling: flag <no-such-flag> is not a Via handling flag",
  ]);
  const sent = run.env.requests[0]!.text;
  assert.match(topVia(sent), /;rport$/);
  const trying = run.env.replies[0]!;
  assert.equal(trying.code, 100);
  assert.equal(topVia(trying.text), "SIP/2.0/UDP 10.0.0.1:5060;received=10.0.0.1;rport=5060;branch=z9hG4bK-test-1", "force-rport: the reply's Via carries the source port");
});

test("2.4 spellings rewriteuser, rewriteport, setp, seth, rewritehostport, rewriteuri, setup and force_local_rport", async () => {
  const run = await startScript(
    `
loadmodule "tm.so"
route {
	rewriteuser("carol");
	setp("5070");
	xlog("ru=$ru\\n");
	seth("example.org");
	rewriteport("5080");
	xlog("ru=$ru\\n");
	rewritehostport("10.0.0.9:5090");
	setup("dave:secret");
	xlog("ru=$ru\\n");
	rewriteuri("sip:erin@10.0.0.2");
	setu("frank");
	xlog("ru=$ru\\n");
	force_local_rport();
	t_relay();
}`,
    "2.4",
    [CORE],
  );
  await run.send(request("INVITE", { ruri: "sip:bob@10.0.0.2" }));
  assert.deepEqual(run.logs(), ["ru=sip:carol@10.0.0.2:5070", "ru=sip:carol@example.org:5080", "ru=sip:dave:secret@10.0.0.9:5090", "ru=sip:frank@10.0.0.2"]);
  assert.equal(run.env.requests[0]!.ruri, "sip:frank@10.0.0.2");
  assert.match(topVia(run.env.requests[0]!.text), /;rport$/);
});

test("cache_raw_query fails: cachedb_local has no raw queries, other systems are not registered, the query must not be empty", async () => {
  const run = await startScript(
    `
route {
	cache_raw_query("local", "KEYS *", "$avp(key)");
	xlog("local rc=$rc key=$avp(key)\\n");
	cache_raw_query("redis:main", "GET a");
	xlog("redis rc=$rc\\n");
	cache_raw_query("local", "");
	xlog("empty rc=$rc\\n");
}`,
    "3.6",
    [CORE],
  );
  await run.send(request("OPTIONS"));
  assert.deepEqual(run.logs(), ["local rc=-1 key=<null>", "redis rc=-1", "empty rc=-1"]);
  assert.deepEqual(errors(run), [
    "ERROR:core:cachedb_raw_query: The backend does not support raw queries",
    "ERROR:core:cachedb_raw_query: Wrong argument <redis> - no cachedb system with this name registered",
    "ERROR:core:w_cache_raw_query: raw query cannot be empty",
  ]);
});

/**
 * The modules over real backends: sqlops/avpops on SQLite files and PostgreSQL (blocking and
 * async calls on one database), exec's environment and stderr, rest_client's blocking transfers
 * and appended headers, the cachedb functions.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { Worker } from "node:worker_threads";
import { postgresTestServer, uniqueTableName } from "./support/postgres.ts";
import { replyTo, request, startScript } from "./support/module-scripts.ts";

const workDir = mkdtempSync(join(tmpdir(), "opensips-ts-backends-"));
after(() => rmSync(workDir, { recursive: true, force: true }));

/** A script that writes with a blocking query, then reads with an async one, on `dbUrl`. */
function sqlScript(dbUrl: string, table: string): string {
  return `
loadmodule "tm.so"
loadmodule "sqlops.so"
modparam("sqlops", "db_url", "${dbUrl}")
route {
	sql_query("CREATE TABLE ${table} (name TEXT, credit INTEGER, price REAL)");
	xlog("create: $rc\\n");
	sql_query("INSERT INTO ${table} VALUES ('alice', 7, 1.5), ('bob', NULL, 2)");
	xlog("insert: $rc\\n");
	async(sql_query("SELECT name, credit, price FROM ${table} ORDER BY name", "$avp(name);$avp(credit);$avp(price)"), read);
}
route[read] {
	xlog("select: $rc names=$(avp(name)[*]) credits=$(avp(credit)[*]) prices=$(avp(price)[*])\\n");
	if ($avp(credit) == 7) xlog("integer column\\n");
	sql_query_one("SELECT credit FROM ${table} WHERE name = 'bob'", "$var(c)");
	if ($var(c) == null) xlog("NULL\\n");
}
`;
}

const EXPECTED_SQL_LOGS = ["create: -2", "insert: -2", "select: 1 names=alice, bob credits=7, <null> prices=1.500000, 2.000000", "integer column", "NULL"];

test("sqlops on a SQLite file: blocking writes and async reads see the same database", async () => {
  const run = await startScript(sqlScript(`sqlite://${join(workDir, "credit.db")}`, "accounts"));
  await run.send(request("MESSAGE"));
  await run.engine.idle();
  assert.deepEqual(run.logs(), EXPECTED_SQL_LOGS);
  assert.ok(run.env.events.some((e) => e.event === "suspend"), "the SQLite file is queried without blocking");
});

const pg = postgresTestServer();
test("sqlops on PostgreSQL: blocking writes and async reads, typed like the SQLite ones", { skip: pg.skip }, async () => {
  const table = uniqueTableName("sqlops_test");
  const run = await startScript(sqlScript(pg.url!, table));
  await run.send(request("MESSAGE"));
  await run.engine.idle();
  const cleanup = await startScript(`loadmodule "sqlops.so"\nmodparam("sqlops", "db_url", "${pg.url}")\nroute { sql_query("DROP TABLE ${table}"); }`);
  await cleanup.send(request("OPTIONS"));
  assert.deepEqual(run.logs(), EXPECTED_SQL_LOGS);
});

test("avp_db_query (3.4) reads avpops's db_url; a database ID selects another db_url", async () => {
  const run = await startScript(
    `
loadmodule "avpops.so"
modparam("avpops", "db_url", "sqlite://:memory:")
route {
	avp_db_query("SELECT 'first'", "$avp(a)");
	avp_db_query("SELECT 'other'", "$avp(b)", 2);
	xlog("a=$avp(a) rc=$rc\\n");
}
`,
    "3.4",
  );
  await run.send(request("OPTIONS"));
  assert.deepEqual(run.logs(), ["a=first rc=-1"]);
  assert.ok(run.env.events.some((e) => e.event === "log" && e.text.includes("no db_url with id 2")));
});

test("exec: the environment AVP, stderr, and a command that cannot run", async () => {
  const run = await startScript(`
loadmodule "exec.so"
route {
	$avp(env) = "second";
	$avp(env) = "first";
	exec("echo $$OSIPS_EXEC_0-$$OSIPS_EXEC_1; echo oops >&2", , $var(out), $var(err), $avp(env));
	xlog("out=$(var(out){s.trim}) err=$(var(err){s.trim}) rc=$rc\\n");
}
`);
  await run.send(request("OPTIONS"));
  assert.deepEqual(run.logs(), ["out=first-second err=oops rc=1"]);
});

test("rest_client: a blocking transfer with appended headers; the server sees them", async () => {
  const server = new Worker(
    String.raw`
const { parentPort } = require("node:worker_threads");
const server = require("node:http").createServer((req, res) => res.writeHead(201, { "content-type": "text/plain" }).end(req.method + " " + (req.headers["x-token"] || "-")));
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
parentPort.on("message", () => server.close(() => process.exit(0)));
`,
    { eval: true },
  );
  const [port] = (await once(server, "message")) as [number];
  try {
    const run = await startScript(`
loadmodule "rest_client.so"
route {
	rest_append_hf("X-Token: abc");
	rest_put("http://127.0.0.1:${port}/x", "data", "text/plain", $var(body), $var(ctype), $var(code));
	xlog("rc=$rc code=$var(code) body=$var(body)\\n");
	rest_get("http://127.0.0.1:${port}/y", $var(body));
	xlog("again: $var(body)\\n");
}
`);
    await run.send(request("OPTIONS"));
    assert.deepEqual(run.logs(), ["rc=1 code=201 body=PUT abc", "again: GET -"]);
  } finally {
    server.postMessage("close");
    await once(server, "exit");
  }
});

test("cachedb: collections of cachedb_local, other systems refused; counters on text values fail", async () => {
  const run = await startScript(`
route {
	cache_store("local:sessions", "k", "in a collection");
	cache_fetch("local", "k", $var(v));
	xlog("default collection: $rc\\n");
	cache_fetch("local:sessions", "k", $var(v));
	xlog("named: $var(v)\\n");
	cache_store("redis:main", "k", "v");
	xlog("redis: $rc\\n");
	cache_add("local:sessions", "k", 1, 0);
	xlog("add to text: $rc\\n");
}
`);
  await run.send(request("OPTIONS"));
  assert.deepEqual(run.logs(), ["default collection: -2", "named: in a collection", "redis: -1", "add to text: -1"]);
});

test("sleep and usleep block the script when called plainly", async () => {
  const run = await startScript(`
loadmodule "cfgutils.so"
route {
	usleep(30000);
	xlog("slept: $rc\\n");
}
`);
  const start = performance.now();
  await run.send(request("OPTIONS"));
  assert.ok(performance.now() - start >= 29);
  assert.deepEqual(run.logs(), ["slept: 1"]);
});

test("acc: answered, missed and failed transactions in the log and in the database", async () => {
  const dbUrl = `sqlite://${join(workDir, "acc.db")}`;
  const run = await startScript(`
loadmodule "tm.so"
loadmodule "acc.so"
loadmodule "sqlops.so"
modparam("acc", "db_url", "${dbUrl}")
modparam("sqlops", "db_url", "${dbUrl}")
startup_route {
	sql_query("CREATE TABLE acc (method TEXT, from_tag TEXT, to_tag TEXT, callid TEXT, sip_code TEXT, sip_reason TEXT, time TEXT)");
	sql_query("CREATE TABLE missed_calls (method TEXT, from_tag TEXT, to_tag TEXT, callid TEXT, sip_code TEXT, sip_reason TEXT, time TEXT)");
}
route {
	do_accounting("log|db", "missed|failed");
	t_relay();
}
`);
  await run.send(request("INVITE", { callId: "answered" }));
  await run.send(replyTo(run.env.requests[0]!.text, 200, "OK"));
  await run.send(request("INVITE", { callId: "busy", branch: "z9hG4bK-busy" }));
  await run.send(replyTo(run.env.requests[1]!.text, 486, "Busy Here"));
  await run.engine.idle();
  const acc = run.env.events.flatMap((e) => (e.event === "log" && e.text.startsWith("ACC:") ? [e.text] : []));
  assert.deepEqual(acc, [
    "ACC: transaction answered: timestamp=1700000000;method=INVITE;from_tag=alice-tag;to_tag=bob-tag;call_id=answered;code=200;reason=OK",
    "ACC: call missed: timestamp=1700000000;method=INVITE;from_tag=alice-tag;to_tag=bob-tag;call_id=busy;code=486;reason=Busy Here",
    "ACC: transaction failed: timestamp=1700000000;method=INVITE;from_tag=alice-tag;to_tag=bob-tag;call_id=busy;code=486;reason=Busy Here",
  ]);
  const check = await startScript(`
loadmodule "sqlops.so"
modparam("sqlops", "db_url", "${dbUrl}")
route {
	sql_query("SELECT callid, sip_code, time FROM acc ORDER BY callid", "$avp(c);$avp(code);$avp(t)");
	sql_query("SELECT callid FROM missed_calls", "$avp(m)");
	xlog("acc: $(avp(c)[*]) $(avp(code)[*]) $avp(t); missed: $avp(m)\\n");
}
`);
  await check.send(request("OPTIONS"));
  assert.deepEqual(check.logs(), ["acc: answered, busy 200, 486 2023-11-14 22:13:20; missed: busy"]);
});

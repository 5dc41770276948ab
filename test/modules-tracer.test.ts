/** tracer: trace() into a SQLite sip_trace table (message, transaction, dialog scopes) and syslog. */
import assert from "node:assert/strict";
import { test } from "node:test";
import Database from "better-sqlite3";
import { dialog } from "../runtime/modules/dialog.ts";
import { tracer } from "../runtime/modules/tracer.ts";
import { replyTo, request, startScript, type ScriptRun } from "./support/module-scripts.ts";
import { sqliteFile } from "./support/sqlite-file.ts";

// time_stamp is written in local time, as OpenSIPS does: fix the zone so the text is known.
process.env.TZ = "UTC";

const SIP_TRACE = `CREATE TABLE sip_trace (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  time_stamp DATETIME DEFAULT '1900-01-01 00:00:01' NOT NULL,
  callid CHAR(255) DEFAULT '' NOT NULL,
  trace_attrs CHAR(255) DEFAULT NULL,
  msg TEXT NOT NULL,
  method CHAR(32) DEFAULT '' NOT NULL,
  status CHAR(255) DEFAULT NULL,
  from_proto CHAR(5) NOT NULL,
  from_ip CHAR(50) DEFAULT '' NOT NULL,
  from_port INTEGER NOT NULL,
  to_proto CHAR(5) NOT NULL,
  to_ip CHAR(50) DEFAULT '' NOT NULL,
  to_port INTEGER NOT NULL,
  fromtag CHAR(64) DEFAULT '' NOT NULL,
  direction CHAR(4) DEFAULT '' NOT NULL)`;

interface Row {
  time_stamp: string;
  callid: string;
  trace_attrs: string;
  msg: string;
  method: string;
  status: string;
  from_proto: string;
  from_ip: string;
  from_port: number;
  to_proto: string;
  to_ip: string;
  to_port: number;
  fromtag: string;
  direction: string;
}

function rowsOf(file: string, table = "sip_trace"): Row[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Row[];
  } finally {
    db.close();
  }
}

/** direction, method, status, from ip:port, to ip:port of each row. */
function summary(rows: readonly Row[]): string[] {
  return rows.map((r) => `${r.direction} ${r.method} ${r.status || "-"} ${r.from_ip}:${r.from_port} ${r.to_ip}:${r.to_port}`);
}

async function traced(file: string, body: string, modules = "", params = ""): Promise<ScriptRun> {
  return startScript(
    `
loadmodule "tracer.so"
${modules}
modparam("tracer", "trace_id", "[tid]uri=sqlite://${file}")
${params}
route {
${body}
}
`,
    "3.6",
    [tracer, dialog],
  );
}

test("scope m stores the message being processed, as received, with every column filled", async () => {
  const file = sqliteFile(SIP_TRACE);
  const run = await traced(file, `trace("tid", "m", "sip", "alice@example.com"); xlog("trace: $rc\\n"); sl_send_reply(404, "Not Here");`, `loadmodule "sl.so"`);
  const invite = request("INVITE");
  await run.send(invite);
  assert.deepEqual(run.logs(), ["trace: 1"]);
  assert.deepEqual(rowsOf(file), [
    {
      id: 1,
      time_stamp: "2023-11-14 22:13:20",
      callid: "call-1@10.0.0.1",
      trace_attrs: "alice@example.com",
      msg: invite,
      method: "INVITE",
      status: "",
      from_proto: "udp",
      from_ip: "10.0.0.1",
      from_port: 5060,
      to_proto: "udp",
      to_ip: "127.0.0.1",
      to_port: 5060,
      fromtag: "alice-tag",
      direction: "in",
    },
  ]);
});

test("scope t follows the transaction: the request in, tm's 100, the branch out, each reply in and out", async () => {
  const file = sqliteFile(SIP_TRACE);
  const run = await traced(file, `$du = "sip:10.0.0.9:5070"; trace("tid", "t"); t_relay();`, `loadmodule "tm.so"`);
  await run.send(request("INVITE"));
  const branch = run.env.requests[0]!.text;
  await run.send(replyTo(branch, 180, "Ringing"));
  await run.send(replyTo(branch, 200, "OK"));
  const rows = rowsOf(file);
  assert.deepEqual(summary(rows), [
    "in INVITE - 10.0.0.1:5060 127.0.0.1:5060",
    "out INVITE 100 127.0.0.1:5060 10.0.0.1:5060",
    "out INVITE - 127.0.0.1:5060 10.0.0.9:5070",
    "in INVITE 180 10.0.0.2:5060 127.0.0.1:5060",
    "out INVITE 180 127.0.0.1:5060 10.0.0.1:5060",
    "in INVITE 200 10.0.0.2:5060 127.0.0.1:5060",
    "out INVITE 200 127.0.0.1:5060 10.0.0.1:5060",
  ]);
  assert.equal(rows[2]!.msg, branch, "the branch as sent, with the proxy's Via");
  assert.deepEqual(
    rows.filter((r) => r.direction === "out" && r.status !== "").map((r) => r.msg),
    run.env.replies.map((r) => r.text),
    "the replies as sent upstream",
  );
  assert.ok(rows.every((r) => r.callid === "call-1@10.0.0.1" && r.fromtag === "alice-tag" && r.trace_attrs === ""));
});

test("a negative reply: tm's ACK downstream is part of the traced transaction; the CANCEL of a traced INVITE too", async () => {
  const file = sqliteFile(SIP_TRACE);
  const run = await traced(
    file,
    `if (is_method("CANCEL")) { t_relay(); exit; }
trace("tid", "t"); t_relay();`,
    `loadmodule "tm.so"
loadmodule "sipmsgops.so"`,
  );
  await run.send(request("INVITE"));
  const branch = run.env.requests[0]!.text;
  await run.send(replyTo(branch, 183, "Session Progress"));
  await run.send(request("CANCEL"));
  await run.send(replyTo(branch, 487, "Request Terminated"));
  assert.deepEqual(summary(rowsOf(file)), [
    "in INVITE - 10.0.0.1:5060 127.0.0.1:5060",
    "out INVITE 100 127.0.0.1:5060 10.0.0.1:5060",
    "out INVITE - 127.0.0.1:5060 10.0.0.2:5060",
    "in INVITE 183 10.0.0.2:5060 127.0.0.1:5060",
    "out INVITE 183 127.0.0.1:5060 10.0.0.1:5060",
    "out CANCEL - 127.0.0.1:5060 10.0.0.2:5060",
    "in INVITE 487 10.0.0.2:5060 127.0.0.1:5060",
    "out ACK - 127.0.0.1:5060 10.0.0.2:5060",
    "out INVITE 487 127.0.0.1:5060 10.0.0.1:5060",
  ]);
});

test("scope t without tm is stateless-transaction aware: the request and the stateless reply it gets", async () => {
  const file = sqliteFile(SIP_TRACE);
  const run = await traced(file, `trace("tid", "t", , "reg"); sl_send_reply(401, "Unauthorized");`, `loadmodule "sl.so"`);
  await run.send(request("REGISTER", { ruri: "sip:example.com" }));
  const rows = rowsOf(file);
  assert.deepEqual(summary(rows), ["in REGISTER - 10.0.0.1:5060 127.0.0.1:5060", "out REGISTER 401 127.0.0.1:5060 10.0.0.1:5060"]);
  assert.equal(rows[1]!.msg, run.env.replies[0]!.text);
  assert.deepEqual(
    rows.map((r) => r.trace_attrs),
    ["reg", "reg"],
  );
});

test("an ACK or a reply cannot start a transaction trace: only the message is stored", async () => {
  const file = sqliteFile(SIP_TRACE);
  const run = await startScript(
    `
loadmodule "tm.so"
loadmodule "tracer.so"
modparam("tracer", "trace_id", "[tid]uri=sqlite://${file}")
route {
	t_on_reply("r");
	t_relay();
}
onreply_route[r] {
	trace("tid", "t");
}
`,
    "3.6",
    [tracer],
  );
  await run.send(request("MESSAGE"));
  await run.send(replyTo(run.env.requests[0]!.text, 202, "Accepted"));
  assert.deepEqual(summary(rowsOf(file)), ["in  202 10.0.0.2:5060 127.0.0.1:5060"], "a reply traced alone has no method");
});

test("scope d follows the dialog: the INVITE transaction, then the BYE's", async () => {
  const file = sqliteFile(SIP_TRACE);
  const run = await traced(
    file,
    `if (has_totag()) { match_dialog(); t_relay(); exit; }
trace("tid", "d"); t_relay();`,
    `loadmodule "tm.so"
loadmodule "dialog.so"
loadmodule "sipmsgops.so"`,
  );
  await run.send(request("INVITE"));
  await run.send(replyTo(run.env.requests[0]!.text, 200, "OK"));
  await run.send(request("BYE", { toTag: "bob-tag", branch: "z9hG4bK-bye", cseq: 2 }));
  await run.send(replyTo(run.env.requests[1]!.text, 200, "OK"));
  await run.send(request("OPTIONS", { callId: "other-call", toTag: "x", branch: "z9hG4bK-other" }));
  assert.deepEqual(summary(rowsOf(file)), [
    "in INVITE - 10.0.0.1:5060 127.0.0.1:5060",
    "out INVITE 100 127.0.0.1:5060 10.0.0.1:5060",
    "out INVITE - 127.0.0.1:5060 10.0.0.2:5060",
    "in INVITE 200 10.0.0.2:5060 127.0.0.1:5060",
    "out INVITE 200 127.0.0.1:5060 10.0.0.1:5060",
    "in BYE - 10.0.0.1:5060 127.0.0.1:5060",
    "out BYE - 127.0.0.1:5060 10.0.0.2:5060",
    "in BYE 200 10.0.0.2:5060 127.0.0.1:5060",
    "out BYE 200 127.0.0.1:5060 10.0.0.1:5060",
  ]);
});

test("without a scope an INVITE traces its dialog when the dialog module is loaded, its transaction otherwise", async () => {
  const withDialog = sqliteFile(SIP_TRACE);
  const run = await traced(
    withDialog,
    `if (has_totag()) { match_dialog(); t_relay(); exit; }\ntrace("tid"); t_relay();`,
    `loadmodule "tm.so"\nloadmodule "dialog.so"\nloadmodule "sipmsgops.so"`,
  );
  await run.send(request("INVITE"));
  await run.send(replyTo(run.env.requests[0]!.text, 200, "OK"));
  await run.send(request("BYE", { toTag: "bob-tag", branch: "z9hG4bK-bye", cseq: 2 }));
  assert.deepEqual(
    summary(rowsOf(withDialog)).slice(5),
    ["in BYE - 10.0.0.1:5060 127.0.0.1:5060", "out BYE - 127.0.0.1:5060 10.0.0.2:5060"],
  );

  const withoutDialog = sqliteFile(SIP_TRACE);
  const other = await traced(withoutDialog, `if (has_totag()) { t_relay(); exit; }\ntrace("tid"); t_relay();`, `loadmodule "tm.so"\nloadmodule "sipmsgops.so"`);
  await other.send(request("INVITE"));
  await other.send(replyTo(other.env.requests[0]!.text, 200, "OK"));
  await other.send(request("BYE", { toTag: "bob-tag", branch: "z9hG4bK-bye", cseq: 2 }));
  assert.deepEqual(
    rowsOf(withoutDialog).map((r) => `${r.direction} ${r.method} ${r.status}`),
    ["in INVITE ", "out INVITE 100", "out INVITE ", "in INVITE 200", "out INVITE 200"],
  );
});

test("flags C and c keep one side of the transaction; trace_local_ip is the proxy's end of what it sends", async () => {
  const caller = sqliteFile(SIP_TRACE);
  const run = await traced(caller, `trace("tid", "t", , , "C"); t_relay();`, `loadmodule "tm.so"`, `modparam("tracer", "trace_local_ip", "tcp:192.0.2.7:5080")`);
  await run.send(request("MESSAGE"));
  await run.send(replyTo(run.env.requests[0]!.text, 200, "OK"));
  assert.deepEqual(summary(rowsOf(caller)), ["in MESSAGE - 10.0.0.1:5060 127.0.0.1:5060", "out MESSAGE 200 192.0.2.7:5080 10.0.0.1:5060"]);
  assert.equal(rowsOf(caller)[1]!.from_proto, "tcp");

  const callee = sqliteFile(SIP_TRACE);
  const other = await traced(callee, `trace("tid", "t", , , "c"); t_relay();`, `loadmodule "tm.so"`, `modparam("tracer", "trace_local_ip", "192.0.2.7")`);
  await other.send(request("MESSAGE"));
  await other.send(replyTo(other.env.requests[0]!.text, 200, "OK"));
  assert.deepEqual(summary(rowsOf(callee)), ["out MESSAGE - 192.0.2.7:5060 10.0.0.2:5060", "in MESSAGE 200 10.0.0.2:5060 192.0.2.7:5060"]);
});

test("a trace id's table and the column parameters name where rows go; trace_on 0 stores nothing", async () => {
  const file = sqliteFile(`${SIP_TRACE.replace("sip_trace", "calls").replace("method CHAR", "sip_method CHAR")}`);
  const run = await startScript(
    `
loadmodule "tracer.so"
modparam("tracer", "trace_id", "[calls] uri=sqlite://${file}; table=calls;")
modparam("tracer", "method_column", "sip_method")
route {
	trace("calls", "m");
}
`,
    "3.6",
    [tracer],
  );
  await run.send(request("OPTIONS"));
  const [row] = rowsOf(file, "calls") as unknown as { sip_method: string; direction: string }[];
  assert.equal(row?.sip_method, "OPTIONS");

  const off = sqliteFile(SIP_TRACE);
  const quiet = await traced(off, `trace("tid", "m"); xlog("trace: $rc\\n");`, "", `modparam("tracer", "trace_on", 0)`);
  await quiet.send(request("OPTIONS"));
  assert.deepEqual(quiet.logs(), ["trace: 1"]);
  assert.deepEqual(rowsOf(off), []);
});

test("syslog destinations log the row; hep, sip and unknown ids are refused with -1", async () => {
  const file = sqliteFile(SIP_TRACE);
  const run = await startScript(
    `
loadmodule "tracer.so"
modparam("tracer", "trace_id", "[log]uri=syslog:local0:2")
modparam("tracer", "trace_id", "[hep]uri=hep:hid")
modparam("tracer", "trace_id", "[dup]uri=sip:10.0.0.50:5060")
modparam("tracer", "trace_id", "[both]uri=sqlite://${file}")
modparam("tracer", "trace_id", "[both]uri=hep:hid")
route {
	trace("log", "m", , "x"); xlog("log: $rc\\n");
	trace("hep", "m"); xlog("hep: $rc\\n");
	trace("dup", "m"); xlog("dup: $rc\\n");
	trace("both", "m"); xlog("both: $rc\\n");
	trace("nope", "m"); xlog("nope: $rc\\n");
	trace("log", "x"); xlog("scope: $rc\\n");
}
`,
    "3.6",
    [tracer],
  );
  await run.send(request("OPTIONS"));
  const lines = run.env.events.flatMap((e) => (e.event === "log" ? [`${e.level} ${e.text}`] : []));
  const [traceLine, ...rest] = lines;
  assert.match(traceLine!, /^NOTICE tracer: \{"time_stamp":"2023-11-14 22:13:20","callid":"call-1@10\.0\.0\.1","trace_attrs":"x","msg":"OPTIONS sip:bob@10\.0\.0\.2 SIP\/2\.0\\r\\n.*","direction":"in"\}$/);
  assert.deepEqual(rest, [
    "NOTICE log: 1",
    "ERROR ERROR:tracer:trace: trace id <hep>: cannot trace to <hep:hid>: HEP tracing needs proto_hep, which the runtime does not provide",
    "NOTICE hep: -1",
    "ERROR ERROR:tracer:trace: trace id <dup>: cannot trace to <sip:10.0.0.50:5060>: duplicating to a SIP URI is not supported by the runtime",
    "NOTICE dup: -1",
    "ERROR ERROR:tracer:trace: trace id <both>: cannot trace to <hep:hid>: HEP tracing needs proto_hep, which the runtime does not provide",
    "NOTICE both: -1",
    "ERROR ERROR:tracer:trace: Trace id <nope> used in trace() function not defined!",
    "NOTICE nope: -1",
    "ERROR ERROR:tracer:trace: scope parsing failed: invalid character <x>",
    "NOTICE scope: -1",
  ]);
  assert.deepEqual(rowsOf(file), []);
});

test("a database error fails trace() and is logged", async () => {
  const file = sqliteFile("CREATE TABLE other (id INTEGER)");
  const run = await traced(file, `trace("tid", "m"); xlog("trace: $rc\\n");`);
  await run.send(request("OPTIONS"));
  const errors = run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
  assert.deepEqual(errors, ["ERROR:tracer:insert_siptrace: error storing trace: no such table: sip_trace"]);
  assert.deepEqual(run.logs(), ["trace: -1"]);
});

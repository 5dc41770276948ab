/** sipcapture: sip_capture() rows in a SQLite sip_capture table; the HEP-only functions refused. */
import assert from "node:assert/strict";
import { test } from "node:test";
import Database from "better-sqlite3";
import { sipcapture } from "../runtime/modules/sipcapture.ts";
import { CAPTURE_COLUMNS } from "../runtime/modules/sipcapture-settings.ts";
import { replyTo, request, startScript, type ScriptRun } from "./support/module-scripts.ts";
import { sqliteFile } from "./support/sqlite-file.ts";

// `date` is written in local time, as OpenSIPS's DATETIME values are.
process.env.TZ = "UTC";

const INTEGER_COLUMNS = new Set(["micro_ts", "source_port", "destination_port", "contact_port", "originator_port", "proto", "family", "type"]);

function captureTable(name: string): string {
  const columns = CAPTURE_COLUMNS.map(([c]) => `${c} ${INTEGER_COLUMNS.has(c) ? "INTEGER" : "TEXT"} NOT NULL`);
  return `CREATE TABLE ${name} (id INTEGER PRIMARY KEY AUTOINCREMENT, ${columns.join(", ")})`;
}

function rowsOf(file: string, table = "sip_capture"): Record<string, unknown>[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

async function capturing(file: string, body: string, params = `modparam("sipcapture", "capture_on", 1)`): Promise<ScriptRun> {
  return startScript(
    `
loadmodule "sipcapture.so"
loadmodule "sl.so"
loadmodule "tm.so"
modparam("sipcapture", "db_url", "sqlite://${file}")
${params}
route {
${body}
}
onreply_route[capture_reply] {
  sip_capture("sip_capture", "reply");
}
`,
    "3.6",
    [sipcapture],
  );
}

const INVITE_HEADERS =
  "Contact: <sip:alice@10.0.0.1:5070;transport=udp>\r\n" +
  "P-Asserted-Identity: <sip:+4930123@example.com>\r\n" +
  'Proxy-Authorization: Digest username="alice@example.com", realm="example.com", nonce="n", uri="sip:bob@10.0.0.2", response="r"\r\n' +
  "X-CID: aleg-call@10.0.0.9\r\n" +
  "X-OIP: 192.0.2.7:5099\r\n" +
  "X-RTP-Stat: CS=0;PS=10\r\n" +
  "Reason: Q.850;cause=16\r\n" +
  "User-Agent: softphone/1.0\r\n" +
  "Content-Type: application/sdp\r\n";

test("sip_capture() stores a request with every column of the 3.x table filled as OpenSIPS does", async () => {
  const file = sqliteFile(captureTable("sip_capture"));
  const run = await capturing(file, `sip_capture(, "$ci", "custom two"); xlog("rc=$rc"); sl_send_reply(404, "Not Here");`);
  const invite = request("INVITE", { headers: INVITE_HEADERS, body: "v=0\r\n" });
  await run.send(invite);
  assert.deepEqual(run.logs(), ["rc=1"]);
  const [row] = rowsOf(file);
  assert.deepEqual(row, {
    id: 1,
    date: "2023-11-14 22:13:20",
    micro_ts: 1_700_000_000_000_000,
    method: "INVITE",
    reply_reason: "",
    ruri: "sip:bob@10.0.0.2",
    ruri_user: "bob",
    from_user: "alice",
    from_tag: "alice-tag",
    to_user: "bob",
    to_tag: "",
    pid_user: "+4930123",
    contact_user: "",
    auth_user: "alice",
    callid: "call-1@10.0.0.1",
    callid_aleg: "aleg-call@10.0.0.9",
    via_1: "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-test-1",
    via_1_branch: "z9hG4bK-test-1",
    cseq: "1 INVITE",
    reason: "Q.850;cause=16",
    content_type: "application/sdp",
    auth: "",
    user_agent: "softphone/1.0",
    source_ip: "10.0.0.1",
    source_port: 5060,
    destination_ip: "127.0.0.1",
    destination_port: 5060,
    contact_ip: "10.0.0.1",
    contact_port: 5070,
    originator_ip: "192.0.2.7",
    originator_port: 5099,
    proto: 1,
    family: 2,
    rtp_stat: "CS=0;PS=10",
    type: 1,
    node: "homer01",
    correlation_id: "",
    from_domain: "example.com",
    to_domain: "example.com",
    ruri_domain: "10.0.0.2",
    msg: invite,
    custom_field1: "call-1@10.0.0.1",
    custom_field2: "custom two",
    custom_field3: "",
  });
});

test("a reply captured in an onreply route: status in method, its reason, type 2, no R-URI", async () => {
  const file = sqliteFile(captureTable("sip_capture"));
  const run = await capturing(file, `t_on_reply("capture_reply"); t_relay();`);
  await run.send(request("INVITE"));
  const sent = run.env.requests[0]!.text;
  await run.send(replyTo(sent, 486, "Busy Here"));
  const rows = rowsOf(file);
  assert.equal(rows.length, 1);
  const row = rows[0]!;
  assert.deepEqual(
    [row.method, row.reply_reason, row.type, row.ruri, row.ruri_user, row.to_tag, row.source_ip, row.cseq, row.custom_field1],
    ["486", "Busy Here", 2, "", "", "bob-tag", "10.0.0.2", "1 INVITE", "reply"],
  );
});

test("the table name's strftime suffix (UTC), capture_node and renamed columns", async () => {
  const file = sqliteFile(captureTable("homer_11_14").replace(" method ", " sip_method ").replace(" node ", " capture_node "));
  const run = await capturing(
    file,
    `sip_capture();`,
    `modparam("sipcapture", "capture_on", 1)
modparam("sipcapture", "table_name", "homer_%m_%d")
modparam("sipcapture", "capture_node", "homer03")
modparam("sipcapture", "method_column", "sip_method")
modparam("sipcapture", "node_column", "capture_node")`,
  );
  await run.send(request("OPTIONS"));
  const [row] = rowsOf(file, "homer_11_14");
  assert.deepEqual([row!.sip_method, row!.capture_node], ["OPTIONS", "homer03"]);
});

test("nothing is stored while capture_on is 0 (its default): -1", async () => {
  const file = sqliteFile(captureTable("sip_capture"));
  const run = await capturing(file, `if (!sip_capture()) xlog("refused");`, "");
  await run.send(request("OPTIONS"));
  assert.deepEqual(run.logs(), ["refused"]);
  assert.equal(rowsOf(file).length, 0);
});

test("report_capture(), the hep_* functions and hep_capture_on refuse plain SIP with a log line and -1", async () => {
  const file = sqliteFile(captureTable("sip_capture"));
  const run = await capturing(
    file,
    `report_capture("$ci"); xlog("report=$rc"); hep_relay(); xlog("relay=$rc"); sip_capture(); xlog("capture=$rc");`,
    `modparam("sipcapture", "capture_on", 1)\nmodparam("sipcapture", "hep_capture_on", 1)`,
  );
  await run.send(request("OPTIONS"));
  assert.deepEqual(run.logs(), ["report=-1", "relay=-1", "capture=-1"]);
  const warnings = run.env.events.flatMap((e) => (e.event === "log" && e.level === "WARNING" ? [e.text] : []));
  assert.ok(warnings.some((w) => w.includes("hep_capture_on is set")));
  assert.equal(warnings.filter((w) => w.endsWith("not a hep message!")).length, 3);
  assert.equal(rowsOf(file).length, 0);
});

test("an insert that fails (no such table) logs the database error and returns -1", async () => {
  const file = sqliteFile(captureTable("other"));
  const run = await capturing(file, `if (!sip_capture()) xlog("failed");`);
  await run.send(request("OPTIONS"));
  assert.deepEqual(run.logs(), ["failed"]);
  const errors = run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
  assert.match(errors.join("\n"), /failed to insert into database: .*no such table: sip_capture/);
});

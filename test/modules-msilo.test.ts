/** msilo: m_store() rows in a SQLite silo table; m_dump() sending them as MESSAGE requests and deleting those answered 2xx. */
import assert from "node:assert/strict";
import { test } from "node:test";
import Database from "better-sqlite3";
import { msilo } from "../runtime/modules/msilo.ts";
import { headerOf, replyTo, request, startScript, type ScriptRun } from "./support/module-scripts.ts";
import { sqliteFile } from "./support/sqlite-file.ts";

// ctime() in the dumped body is local time: fix the zone so the text is known.
process.env.TZ = "UTC";

const SILO = `CREATE TABLE silo (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  src_addr CHAR(255) DEFAULT '' NOT NULL,
  dst_addr CHAR(255) DEFAULT '' NOT NULL,
  username CHAR(64) DEFAULT '' NOT NULL,
  domain CHAR(64) DEFAULT '' NOT NULL,
  inc_time INTEGER DEFAULT 0 NOT NULL,
  exp_time INTEGER DEFAULT 0 NOT NULL,
  snd_time INTEGER DEFAULT 0 NOT NULL,
  ctype CHAR(255) DEFAULT 'text/plain' NOT NULL,
  body BLOB DEFAULT NULL)`;

const NOW = 1_700_000_000;

function rowsOf(file: string): Record<string, unknown>[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT * FROM silo ORDER BY id").all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

async function silo(file: string, params = ""): Promise<ScriptRun> {
  return startScript(
    `
loadmodule "msilo.so"
loadmodule "sl.so"
loadmodule "tm.so"
loadmodule "sipmsgops.so"
modparam("msilo", "db_url", "sqlite://${file}")
${params}
route {
  if (is_method("MESSAGE")) {
    if (m_store()) { xlog("stored"); sl_send_reply(202, "Accepted"); } else { xlog("store=$rc"); sl_send_reply(500, "No Store"); }
    exit;
  }
  if (is_method("REGISTER")) {
    if (m_dump()) xlog("dumped"); else xlog("dump=$rc");
    sl_send_reply(200, "OK");
  }
}
`,
    "3.6",
    [msilo],
  );
}

function message(body: string, extra = ""): string {
  return request("MESSAGE", { ruri: "sip:bob@example.com", headers: `Content-Type: text/plain\r\n${extra}`, body });
}

function register(extra = ""): string {
  return request("REGISTER", { ruri: "sip:example.com", branch: "z9hG4bK-reg", callId: "reg-1", headers: `Contact: <sip:bob@10.0.0.5:5062>\r\n${extra}` });
}

test("m_store() keeps the MESSAGE for the R-URI's user with OpenSIPS's silo columns", async () => {
  const file = sqliteFile(SILO);
  const run = await silo(file);
  await run.send(message("hello bob"));
  await run.send(message("short-lived", "Expires: 60\r\n"));
  assert.deepEqual(run.logs(), ["stored", "stored"]);
  assert.deepEqual(rowsOf(file), [
    { id: 1, src_addr: "sip:alice@example.com", dst_addr: "sip:bob@example.com", username: "bob", domain: "example.com", inc_time: NOW, exp_time: NOW + 259200, snd_time: 0, ctype: "text/plain", body: "hello bob" },
    { id: 2, src_addr: "sip:alice@example.com", dst_addr: "sip:bob@example.com", username: "bob", domain: "example.com", inc_time: NOW, exp_time: NOW + 60, snd_time: 0, ctype: "text/plain", body: "short-lived" },
  ]);
});

test("m_dump() on REGISTER sends each stored message as a MESSAGE and deletes it once answered 2xx", async () => {
  const file = sqliteFile(SILO);
  const run = await silo(file);
  await run.send(message("first"));
  await run.send(message("second"));
  await run.send(register());
  assert.deepEqual(run.logs().slice(2), ["dumped"]);
  const sent = run.env.requests.map((r) => r.text);
  assert.equal(sent.length, 2);
  const [first, second] = sent as [string, string];
  assert.equal(first.split("\r\n")[0], "MESSAGE sip:bob@example.com SIP/2.0");
  assert.equal(headerOf(first, "To"), "sip:bob@example.com");
  assert.match(headerOf(first, "From") ?? "", /^sip:alice@example\.com;tag=[0-9a-f]+$/);
  assert.equal(headerOf(first, "Date"), "Tue, 14 Nov 2023 22:13:20 GMT");
  assert.equal(headerOf(first, "Contact"), "<sip:alice@example.com>;msilo=yes");
  assert.equal(headerOf(first, "Content-Type"), "text/plain");
  assert.equal(first.split("\r\n\r\n")[1], "[Offline message - Tue Nov 14 22:13:20 2023] first");
  assert.equal(second.split("\r\n\r\n")[1], "[Offline message - Tue Nov 14 22:13:20 2023] second");
  assert.equal(run.env.requests[0]!.dst, "sip:bob@example.com");

  // A second REGISTER while both are in flight sends nothing again.
  await run.send(register());
  assert.equal(run.env.requests.length, 2);

  await run.send(replyTo(first, 200, "OK"));
  assert.deepEqual(rowsOf(file).map((r) => r.body), ["second"]);
  await run.send(replyTo(second, 480, "Temporarily Unavailable"));
  assert.deepEqual(rowsOf(file).map((r) => r.body), ["second"]);

  // Not delivered: the next m_dump() tries it again.
  await run.send(register());
  assert.equal(run.env.requests.length, 3);
  assert.equal(run.env.requests[2]!.text.split("\r\n\r\n")[1], "[Offline message - Tue Nov 14 22:13:20 2023] second");
});

test("m_dump() refuses a de-REGISTER and a UA whose Allow lacks MESSAGE; add_date 0 and outbound_proxy", async () => {
  const file = sqliteFile(SILO);
  const run = await silo(file, `modparam("msilo", "add_date", 0)\nmodparam("msilo", "outbound_proxy", "sip:10.0.0.9:5070")`);
  await run.send(message("plain"));
  await run.send(register("Expires: 0\r\n"));
  await run.send(register("Allow: INVITE, ACK, BYE\r\n"));
  assert.deepEqual(run.logs().slice(1), ["dump=-1", "dump=-1"]);
  assert.equal(run.env.requests.length, 0);
  await run.send(register("Allow: INVITE, MESSAGE\r\n"));
  assert.equal(run.env.requests.length, 1);
  assert.equal(run.env.requests[0]!.dst, "sip:10.0.0.9:5070");
  assert.equal(run.env.requests[0]!.text.split("\r\n\r\n")[1], "plain");
});

test("max_messages refuses one more message for the owner; a MESSAGE without Content-Type is not stored", async () => {
  const file = sqliteFile(SILO);
  const run = await silo(file, `modparam("msilo", "max_messages", 1)`);
  await run.send(message("one"));
  await run.send(message("two"));
  await run.send(request("MESSAGE", { ruri: "sip:carol@example.com", body: "untyped" }));
  assert.deepEqual(run.logs(), ["stored", "store=-1", "store=-1"]);
  assert.deepEqual(rowsOf(file).map((r) => r.body), ["one"]);
  const errors = run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
  assert.deepEqual(errors, ["ERROR:msilo:m_store: too many messages for AoR 'bob@example.com'", "ERROR:msilo:m_store: missing Content-Type header"]);
});

test("m_store() tells the sender it was stored when from_address and offline_message are set", async () => {
  const file = sqliteFile(SILO);
  const run = await silo(
    file,
    `modparam("msilo", "from_address", "sip:registrar@example.com")
modparam("msilo", "offline_message", "*** User $rU is offline")
modparam("msilo", "content_type_hdr", "Content-Type: text/plain\\r\\n")
modparam("msilo", "contact_hdr", "Contact: <sip:registrar@127.0.0.1:5060;msilo=yes>\\r\\n")`,
  );
  await run.send(message("hi", "Contact: <sip:alice@10.0.0.1:5060>\r\n"));
  assert.equal(run.env.requests.length, 1);
  const notice = run.env.requests[0]!.text;
  assert.equal(notice.split("\r\n")[0], "MESSAGE sip:alice@10.0.0.1:5060 SIP/2.0");
  assert.equal(headerOf(notice, "To"), "sip:alice@example.com");
  assert.equal(headerOf(notice, "Contact"), "<sip:registrar@127.0.0.1:5060;msilo=yes>");
  assert.equal(notice.split("\r\n\r\n")[1], "*** User bob is offline");
});

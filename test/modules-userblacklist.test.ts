/** userblacklist: check_user_blacklist and check_blacklist, longest-prefix matching on SQLite tables. */
import assert from "node:assert/strict";
import { test } from "node:test";
import Database from "better-sqlite3";
import { userblacklist } from "../runtime/modules/userblacklist.ts";
import { request, startScript, type ScriptRun } from "./support/module-scripts.ts";
import { sqliteFile } from "./support/sqlite-file.ts";

function listsFile(): string {
  return sqliteFile(`
CREATE TABLE userblacklist (id INTEGER PRIMARY KEY, username CHAR(64) NOT NULL, domain CHAR(64) NOT NULL, prefix CHAR(64) NOT NULL, whitelist SMALLINT NOT NULL);
INSERT INTO userblacklist (username, domain, prefix, whitelist) VALUES
  ('alice', 'example.com', '49', 1), ('alice', 'example.com', '4930', 0), ('alice', 'example.com', '493012', 1),
  ('alice', 'other.net', '1', 0), ('bob', 'example.com', '', 0), ('bob', 'example.com', '112', 1);
CREATE TABLE globalblacklist (id INTEGER PRIMARY KEY, prefix CHAR(64) NOT NULL, whitelist SMALLINT NOT NULL, description CHAR(255));
INSERT INTO globalblacklist (prefix, whitelist) VALUES ('', 0), ('49', 1), ('4919', 0), ('12a', 0);
CREATE TABLE personal (username TEXT, domain TEXT, prefix TEXT, whitelist INTEGER);
INSERT INTO personal VALUES ('alice', 'example.com', '0900', 0);`);
}

const LISTS = listsFile();

async function start(body: string, params = "", file = LISTS): Promise<ScriptRun> {
  const cfg = `
loadmodule "userblacklist.so"
modparam("userblacklist", "db_url", "sqlite://${file}")
${params}
route {
${body}
}
`;
  return startScript(cfg, "3.6", [userblacklist]);
}

async function linesFor(body: string, ruri: string, params = ""): Promise<string[]> {
  const run = await start(body, params);
  await run.send(request("INVITE", { ruri }));
  return run.logs();
}

const userCheck = (number: string): string => `check_user_blacklist("alice", "example.com", "${number}"); xlog("${number} $rc\\n");`;

test("check_user_blacklist: the longest matching prefix decides; no match is allowed; non-digits are skipped", async () => {
  const numbers = ["4940123", "4930555", "+49-30-1299", "493012", "33123", "1800"];
  assert.deepEqual(await linesFor(numbers.map(userCheck).join("\n"), "sip:x@example.com"), [
    "4940123 1",
    "4930555 -1",
    "+49-30-1299 1",
    "493012 1",
    "33123 1",
    "1800 -1",
  ]);
});

test("check_user_blacklist compares the domain only with use_domain", async () => {
  const body = userCheck("1800");
  assert.deepEqual(await linesFor(body, "sip:x@example.com", 'modparam("userblacklist", "use_domain", 1)'), ["1800 1"]);
});

test("check_user_blacklist checks the Request-URI user by default; an empty prefix matches every number", async () => {
  const body = `check_user_blacklist("bob", "example.com"); xlog("$rU $rc\\n");`;
  assert.deepEqual(await linesFor(body, "sip:4930555@example.com"), ["4930555 -1"]);
  assert.deepEqual(await linesFor(body, "sip:112@example.com"), ["112 1"]);
  assert.deepEqual(await linesFor(body, "sip:example.com"), ["<null> -1"]);
  assert.deepEqual(await linesFor(body, `sip:${"1".repeat(32)}@example.com`), [`${"1".repeat(32)} -1`]);
});

test("check_user_blacklist with another table; an unreadable table gives -1", async () => {
  const body = `check_user_blacklist("alice", "example.com", "$rU", "personal"); xlog("$rc\\n"); check_user_blacklist("alice", "example.com", "$rU", "nothere"); xlog("$rc\\n");`;
  assert.deepEqual(await linesFor(body, "sip:09001234@example.com"), ["-1", "-1"]);
  assert.deepEqual(await linesFor(body, "sip:4930555@example.com"), ["1", "-1"]);
  assert.deepEqual(await linesFor(`check_user_blacklist("alice", "example.com"); xlog("$rc\\n");`, "sip:0900@example.com", 'modparam("userblacklist", "db_table", "personal")'), ["-1"]);
});

test("check_blacklist: the global list blocks all but whitelisted prefixes; a non-numeric prefix is left out", async () => {
  const body = `check_blacklist("globalblacklist"); xlog("$rU $rc\\n");`;
  const results: string[] = [];
  for (const user of ["4930123", "4919123", "33123", "12a", "+49-30-1"]) results.push(...(await linesFor(body, `sip:${user}@example.com`)));
  assert.deepEqual(results, ["4930123 1", "4919123 -1", "33123 -1", "12a -1", "+49-30-1 1"]);
});

test("check_blacklist keeps what it read first; an unreadable global table lets everything pass", async () => {
  const file = listsFile();
  const run = await start(`check_blacklist("globalblacklist"); xlog("$rc\\n"); check_blacklist("nothere"); xlog("$rc\\n");`, "", file);
  await run.send(request("INVITE", { ruri: "sip:4930123@example.com" }));
  const db = new Database(file);
  db.exec("DELETE FROM globalblacklist WHERE prefix = '49'");
  db.close();
  await run.send(request("INVITE", { ruri: "sip:4930123@example.com", branch: "z9hG4bK-second" }));
  assert.deepEqual(run.logs(), ["1", "1", "1", "1"]);
});

/** alias_db: alias_db_lookup and alias_db_find on a SQLite alias table. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { aliasDb } from "../runtime/modules/alias-db.ts";
import { request, startScript } from "./support/module-scripts.ts";
import { sqliteFile } from "./support/sqlite-file.ts";

const ALIASES = sqliteFile(`CREATE TABLE dbaliases (id INTEGER PRIMARY KEY, alias_username CHAR(64) NOT NULL, alias_domain CHAR(64) NOT NULL,
  username CHAR(64) NOT NULL, domain CHAR(64) NOT NULL);
INSERT INTO dbaliases (alias_username, alias_domain, username, domain) VALUES
  ('sales', 'example.com', 'alice', 'pbx.example.com'),
  ('1000', 'example.com', 'bob', 'example.com'),
  ('1000', 'other.com', 'carol', 'other.com'),
  ('team', 'example.com', 'dave', 'example.com'),
  ('team', 'example.com', 'erin', 'example.com');`);

/** Runs `body` for one INVITE to `ruri` and returns its xlog lines. */
async function linesOf(body: string, ruri: string, params = "", file = ALIASES): Promise<string[]> {
  const cfg = `
loadmodule "alias_db.so"
modparam("alias_db", "db_url", "sqlite://${file}")
${params}
route {
${body}
}
`;
  const run = await startScript(cfg, "3.6", [aliasDb]);
  await run.send(request("INVITE", { ruri }));
  return run.logs();
}

const LOOKUP = `alias_db_lookup("dbaliases"); xlog("$rc $ru\\n");`;

test("alias_db_lookup rewrites the R-URI from the alias to the user's URI", async () => {
  assert.deepEqual(await linesOf(LOOKUP, "sip:sales@example.com"), ["1 sip:alice@pbx.example.com"]);
  assert.deepEqual(await linesOf(LOOKUP, "sip:1000@other.com;transport=tcp"), ["1 sip:carol@other.com"]);
  assert.deepEqual(await linesOf(LOOKUP, "sip:nobody@example.com"), ["-1 sip:nobody@example.com"]);
  assert.deepEqual(await linesOf(LOOKUP, "sip:sales@example.org"), ["-1 sip:sales@example.org"]);
});

test("flags: d keys on the user only, r maps a user to its alias", async () => {
  assert.deepEqual(await linesOf(`alias_db_lookup("dbaliases", "d"); xlog("$rc $ru\\n");`, "sip:sales@anywhere.net"), ["1 sip:alice@pbx.example.com"]);
  assert.deepEqual(await linesOf(`alias_db_lookup("dbaliases", "r"); xlog("$rc $ru\\n");`, "sip:alice@pbx.example.com"), ["1 sip:sales@example.com"]);
  assert.deepEqual(await linesOf(`alias_db_lookup("dbaliases", "rd"); xlog("$rc $ru\\n");`, "sip:carol@elsewhere"), ["1 sip:1000@other.com"]);
  assert.deepEqual(await linesOf(`alias_db_lookup("dbaliases", "x"); xlog("$rc $ru\\n");`, "sip:sales@example.com"), ["-1 sip:sales@example.com"]);
});

test("domain_prefix is stripped from the host before the lookup", async () => {
  const params = `modparam("alias_db", "domain_prefix", "sip.")`;
  assert.deepEqual(await linesOf(LOOKUP, "sip:sales@SIP.example.com", params), ["1 sip:alice@pbx.example.com"]);
  assert.deepEqual(await linesOf(LOOKUP, "sip:sales@example.com", params), ["1 sip:alice@pbx.example.com"]);
});

test("alias_db_find leaves the R-URI alone and writes the result; append_branches keeps every match", async () => {
  const body = `
	alias_db_find("dbaliases", "sip:alice@pbx.example.com", $avp(alias), "r"); xlog("$rc $avp(alias) $ru\\n");
	alias_db_find("dbaliases", $ru, $var(user)); xlog("$rc $var(user)\\n");
	alias_db_find("dbaliases", "sip:team@example.com", $avp(team)); xlog("$rc $(avp(team)[*])\\n");
	alias_db_find("dbaliases", "not a uri", $var(x)); xlog("$rc\\n");`;
  assert.deepEqual(await linesOf(body, "sip:1000@example.com"), ["1 sip:sales@example.com sip:1000@example.com", "1 sip:bob@example.com", "1 sip:dave@example.com", "-1"]);
  const appended = await linesOf(`alias_db_find("dbaliases", "sip:team@example.com", $avp(team)); xlog("$rc $(avp(team)[0]) $(avp(team)[1])\\n");`, "sip:x@y", `modparam("alias_db", "append_branches", 1)`);
  assert.deepEqual(appended, ["1 sip:erin@example.com sip:dave@example.com"]);
});

test("the table name may come from a variable; custom column names; a bad table name fails", async () => {
  const file = sqliteFile(`CREATE TABLE dids (did TEXT, did_domain TEXT, owner TEXT, owner_domain TEXT);
INSERT INTO dids VALUES ('4420', 'gw.example', 'support', 'example.com');`);
  const params = [
    `modparam("alias_db", "alias_user_column", "did")`,
    `modparam("alias_db", "alias_domain_column", "did_domain")`,
    `modparam("alias_db", "user_column", "owner")`,
    `modparam("alias_db", "domain_column", "owner_domain")`,
  ].join("\n");
  const body = `$var(table) = "dids"; alias_db_lookup("$var(table)"); xlog("$rc $ru\\n"); alias_db_lookup("dids; DROP TABLE dids"); xlog("$rc\\n");`;
  assert.deepEqual(await linesOf(body, "sip:4420@gw.example", params, file), ["1 sip:support@example.com", "-1"]);
  assert.deepEqual(await linesOf(LOOKUP, "sip:4420@gw.example", "", file), ["-1 sip:4420@gw.example"]);
});

/** group: db_is_user_in on the grp table and db_get_user_group on the re_grp table (SQLite). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { group } from "../runtime/modules/group.ts";
import { request, startScript } from "./support/module-scripts.ts";
import { sqliteFile } from "./support/sqlite-file.ts";

const GROUPS = sqliteFile(`
CREATE TABLE grp (id INTEGER PRIMARY KEY, username CHAR(64) NOT NULL, domain CHAR(64) NOT NULL, grp CHAR(64) NOT NULL);
INSERT INTO grp (username, domain, grp) VALUES
  ('alice', 'example.com', 'ld'), ('alice', 'example.com', 'voicemail'), ('bob', 'example.com', 'intl'), ('bob', 'other.net', 'ld');
CREATE TABLE re_grp (id INTEGER PRIMARY KEY, reg_exp CHAR(128) NOT NULL, group_id INTEGER NOT NULL);
INSERT INTO re_grp (reg_exp, group_id) VALUES ('^sip:alice@', 1), ('@EXAMPLE\\.com$', 2), ('^sip:[0-9]+@', 3);`);

async function linesOf(body: string, options: { params?: string; ruri?: string; headers?: string; file?: string } = {}): Promise<string[]> {
  const cfg = `
loadmodule "group.so"
modparam("group", "db_url", "sqlite://${options.file ?? GROUPS}")
${options.params ?? ""}
route {
${body}
}
`;
  const run = await startScript(cfg, "3.6", [group]);
  await run.send(request("INVITE", { ruri: options.ruri ?? "sip:bob@other.net", headers: options.headers }));
  return run.logs();
}

const check = (source: string, name: string): string => `db_is_user_in("${source}", "${name}"); xlog("${source} ${name} $rc\\n");`;

test("db_is_user_in: membership of the From / To / Request-URI user or a URI text; 1 in, -6 not in", async () => {
  const body = [check("From", "ld"), check("From", "intl"), check("to", "intl"), check("Request-URI", "ld"), check("sip:bob@x.org", "intl"), check("sip:carol@example.com", "ld")].join("\n");
  assert.deepEqual(await linesOf(body), ["From ld 1", "From intl -6", "to intl 1", "Request-URI ld 1", "sip:bob@x.org intl 1", "sip:carol@example.com ld -6"]);
});

test("db_is_user_in with use_domain compares the domain too; a variable gives the URI", async () => {
  const params = 'modparam("group", "use_domain", 1)';
  const body = `${check("Request-URI", "ld")}\n${check("To", "intl")}\n${check("sip:bob@example.com", "ld")}\n$var(u) = "sip:alice@example.com"; db_is_user_in($var(u), "voicemail"); xlog("var $rc\\n");`;
  assert.deepEqual(await linesOf(body, { params }), ["Request-URI ld 1", "To intl 1", "sip:bob@example.com ld -6", "var 1"]);
});

test("db_is_user_in: no user part or an unparsable URI gives -1; an unreadable table -5", async () => {
  assert.deepEqual(await linesOf(check("Request-URI", "ld"), { ruri: "sip:other.net" }), ["Request-URI ld -1"]);
  assert.deepEqual(await linesOf(check("not a uri", "ld")), ["not a uri ld -1"]);
  assert.deepEqual(await linesOf(check("Credentials", "ld")), ["Credentials ld -1"]);
  assert.deepEqual(await linesOf(check("From", "ld"), { params: 'modparam("group", "table", "missing")' }), ["From ld -5"]);
});

test("custom table and column names", async () => {
  const file = sqliteFile("CREATE TABLE members (who TEXT, realm TEXT, team TEXT); INSERT INTO members VALUES ('alice', 'example.com', 'ops');");
  const params = ['"table", "members"', '"user_column", "who"', '"domain_column", "realm"', '"group_column", "team"', '"use_domain", 1']
    .map((p) => `modparam("group", ${p})`)
    .join("\n");
  assert.deepEqual(await linesOf(`${check("From", "ops")}\n${check("From", "ld")}`, { file, params }), ["From ops 1", "From ld -6"]);
});

const reParams = 'modparam("group", "re_table", "re_grp")';

test("db_get_user_group adds every matching group id (rows tried last first) and returns how many matched", async () => {
  const body = `db_get_user_group("From", $avp(gid)); xlog("$rc $(avp(gid)[*])\\n");`;
  assert.deepEqual(await linesOf(body, { params: reParams }), ["2 1, 2"]);
  const numeric = `db_get_user_group("sip:12345@example.com", $avp(gid)); xlog("$rc $avp(gid) $(avp(gid)[1])\\n");`;
  assert.deepEqual(await linesOf(numeric, { params: reParams }), ["2 2 3"]);
  const none = `db_get_user_group("Request-URI", $avp(gid)); xlog("$rc $avp(gid)\\n");`;
  assert.deepEqual(await linesOf(none, { params: reParams }), ["-1 <null>"]);
});

test("db_get_user_group with multiple_gid 0 stops at the first match; without re_table nothing matches", async () => {
  const body = `db_get_user_group("From", $avp(gid)); xlog("$rc $(avp(gid)[*])\\n");`;
  assert.deepEqual(await linesOf(body, { params: `${reParams}\nmodparam("group", "multiple_gid", 0)` }), ["1 2"]);
  assert.deepEqual(await linesOf(body), ["-1 <null>"]);
});

test("a re_table row with a bad expression makes db_get_user_group fail", async () => {
  const file = sqliteFile("CREATE TABLE re_grp (reg_exp TEXT, group_id INTEGER); INSERT INTO re_grp VALUES ('^sip:(alice', 1);");
  assert.deepEqual(await linesOf(`db_get_user_group("From", $avp(gid)); xlog("$rc\\n");`, { file, params: reParams }), ["-1"]);
});

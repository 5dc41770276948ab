/** domain: is_from_local, is_uri_host_local and is_domain_local on a SQLite domain table. */
import assert from "node:assert/strict";
import { test } from "node:test";
import Database from "better-sqlite3";
import { domain } from "../runtime/modules/domain.ts";
import { request, startScript } from "./support/module-scripts.ts";
import { sqliteFile } from "./support/sqlite-file.ts";

const SCHEMA = `CREATE TABLE domain (id INTEGER PRIMARY KEY, domain CHAR(64) NOT NULL, attrs CHAR(255) DEFAULT NULL,
  accept_subdomain INTEGER DEFAULT 0 NOT NULL, last_modified DATETIME DEFAULT '1900-01-01 00:00:01' NOT NULL);`;

function domainsFile(): string {
  return sqliteFile(`${SCHEMA}
INSERT INTO domain (domain, attrs, accept_subdomain) VALUES
  ('example.com', 'setid=1', 0),
  ('Voice.Example.NET', NULL, 0),
  ('corp.org', 'tenant=corp', 1),
  ('eu.corp.org', 'tenant=eu', 1);`);
}

const DOMAINS = domainsFile();

async function linesOf(body: string, options: { file?: string; params?: string; from?: string; ruri?: string } = {}): Promise<string[]> {
  const cfg = `
loadmodule "domain.so"
modparam("domain", "db_url", "sqlite://${options.file ?? DOMAINS}")
${options.params ?? ""}
route {
${body}
}
`;
  const run = await startScript(cfg, "3.6", [domain]);
  const text = request("INVITE", { ruri: options.ruri ?? "sip:bob@10.0.0.2" }).replace("sip:alice@example.com", options.from ?? "sip:alice@example.com");
  await run.send(text);
  return run.logs();
}

test("is_from_local checks the From host and returns the entry's attrs", async () => {
  const body = `$var(a) = "none"; is_from_local($var(a)); xlog("$rc $var(a)\\n");`;
  assert.deepEqual(await linesOf(body), ["1 setid=1"]);
  assert.deepEqual(await linesOf(body, { from: "sip:alice@EXAMPLE.Com" }), ["1 setid=1"]);
  assert.deepEqual(await linesOf(body, { from: "sip:alice@example.org" }), ["-1 none"]);
  assert.deepEqual(await linesOf(`is_from_local(); xlog("$rc\\n");`, { from: "sip:alice@voice.example.net" }), ["1"]);
});

test("is_uri_host_local checks the Request-URI host, case-insensitively; a NULL attrs leaves the variable alone", async () => {
  const body = `$var(a) = "untouched"; is_uri_host_local($var(a)); xlog("$rc $var(a)\\n");`;
  assert.deepEqual(await linesOf(body, { ruri: "sip:bob@VOICE.example.net" }), ["1 untouched"]);
  assert.deepEqual(await linesOf(body, { ruri: "sip:bob@example.com;transport=tcp" }), ["1 setid=1"]);
  assert.deepEqual(await linesOf(body), ["-1 untouched"]);
});

test("is_domain_local: any domain text; subdomains only of entries accepting them, the closest parent winning", async () => {
  const check = (host: string): string => `is_domain_local("${host}", $avp(attrs)); xlog("${host} $rc $avp(attrs)\\n"); $avp(attrs) := NULL;`;
  const hosts = ["corp.org", "sip.corp.org", "a.b.corp.org", "x.eu.corp.org", "sub.example.com", "xcorp.org", "corp.org.evil.net", ""];
  assert.deepEqual(await linesOf(hosts.map(check).join("\n")), [
    "corp.org 1 tenant=corp",
    "sip.corp.org 1 tenant=corp",
    "a.b.corp.org 1 tenant=corp",
    "x.eu.corp.org 1 tenant=eu",
    "sub.example.com -1 <null>",
    "xcorp.org -1 <null>",
    "corp.org.evil.net -1 <null>",
    " -1 <null>",
  ]);
  assert.deepEqual(await linesOf(`is_domain_local($rd); xlog("$rc\\n"); is_domain_local($fd); xlog("$rc\\n");`), ["-1", "1"]);
});

test("db_mode 0 reads the table on every call; db_mode 1 keeps what it read first", async () => {
  for (const [mode, expected] of [
    [0, ["-1", "1"]],
    [1, ["-1", "-1"]],
  ] as const) {
    const file = domainsFile();
    const cfg = `loadmodule "domain.so"\nmodparam("domain", "db_url", "sqlite://${file}")\nmodparam("domain", "db_mode", ${mode})\nroute { is_uri_host_local(); xlog("$rc\\n"); }`;
    const run = await startScript(cfg, "3.6", [domain]);
    await run.send(request("INVITE", { ruri: "sip:bob@new.example" }));
    const db = new Database(file);
    db.exec("INSERT INTO domain (domain) VALUES ('new.example')");
    db.close();
    await run.send(request("INVITE", { ruri: "sip:bob@new.example", branch: "z9hG4bK-second" }));
    assert.deepEqual(run.logs(), expected, `db_mode ${mode}`);
  }
});

test("custom table and column names; an unreadable table gives -3", async () => {
  const file = sqliteFile("CREATE TABLE local_domains (name TEXT, info TEXT, subs INTEGER); INSERT INTO local_domains VALUES ('example.com', 'custom', 0);");
  const params = ['"domain_table", "local_domains"', '"domain_col", "name"', '"attrs_col", "info"', '"accept_subdomain_col", "subs"'].map((p) => `modparam("domain", ${p})`).join("\n");
  assert.deepEqual(await linesOf(`is_from_local($var(a)); xlog("$rc $var(a)\\n");`, { file, params }), ["1 custom"]);
  assert.deepEqual(await linesOf(`is_from_local(); xlog("$rc\\n");`, { file }), ["-3"]);
});

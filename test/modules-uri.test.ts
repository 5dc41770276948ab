/** OpenSIPS 2.4's uri module: its message checks, as sipmsgops runs them in 3.x, and its database checks. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { request, startScript, type ScriptRun } from "./support/module-scripts.ts";
import { sqliteFile } from "./support/sqlite-file.ts";

test("2.4 scripts call has_totag, uri_param, add_uri_param, del_uri_param, tel2sip and is_uri_user_e164 from uri", async () => {
  const run = await startScript(
    `
loadmodule "sl.so"
loadmodule "uri.so"
route {
	if (has_totag()) xlog("has to-tag\\n"); else xlog("no to-tag\\n");
	if (uri_param("transport", "tcp")) xlog("transport=tcp\\n");
	add_uri_param("user=phone");
	del_uri_param("transport");
	xlog("ruri=$ru\\n");
	if (is_uri_user_e164("$fu")) xlog("from is E.164\\n"); else xlog("from is not E.164\\n");
	# tel2sip takes the host from the From URI.
	$ru = "tel:+15551234567";
	tel2sip();
	xlog("tel2sip=$ru\\n");
	sl_send_reply("200", "OK");
}
`,
    "2.4",
  );
  await run.send(request("INVITE", { ruri: "sip:bob@example.com;transport=tcp" }));
  await run.send(request("INVITE", { ruri: "sip:bob@example.com", toTag: "t1", branch: "z9hG4bK-2" }));
  assert.deepEqual(run.logs(), [
    "no to-tag",
    "transport=tcp",
    "ruri=sip:bob@example.com;user=phone",
    "from is not E.164",
    "tel2sip=sip:+15551234567@example.com;user=phone",
    "has to-tag",
    "ruri=sip:bob@example.com;user=phone",
    "from is not E.164",
    "tel2sip=sip:+15551234567@example.com;user=phone",
  ]);
});

const URI_DB = sqliteFile(`
  CREATE TABLE subscriber (username TEXT, domain TEXT, ha1 TEXT);
  CREATE TABLE uri (username TEXT, domain TEXT, uri_user TEXT);
  INSERT INTO subscriber VALUES ('alice', 'example.com', ''), ('bob', 'example.com', ''), ('bob', 'example.org', '');
  INSERT INTO uri VALUES ('alice', 'example.com', 'alice'), ('alice', 'example.com', 'sales');
`);

/** A 2.4 script whose route checks the credentials with www_authorize, then runs the uri checks on them. */
async function uriChecks(params: string): Promise<ScriptRun> {
  return startScript(
    `
loadmodule "sl.so"
loadmodule "auth.so"
loadmodule "auth_db.so"
loadmodule "uri.so"
modparam("auth_db", "db_url", "sqlite://${URI_DB}")
modparam("uri", "db_url", "sqlite://${URI_DB}")
${params}
route {
	if ($hdr(Authorization) != NULL) www_authorize("", "subscriber");
	db_check_from();
	xlog("from=$rc\\n");
	db_check_to();
	xlog("to=$rc\\n");
	db_does_uri_exist();
	xlog("ruri=$rc\\n");
	db_get_auth_id("$fu", "$avp(auth_id)", "$avp(auth_realm)");
	xlog("auth id=$rc $avp(auth_id) $avp(auth_realm)\\n");
}`,
    "2.4",
  );
}

function checked(from: string, to: string, ruri: string, user = from): string {
  return request("INVITE", {
    ruri,
    headers: `Authorization: Digest username="${user}", realm="example.com", nonce="n1", uri="${ruri}", response="00000000000000000000000000000000"\r\n`,
  })
    .replace("From: <sip:alice@example.com>", `From: <sip:${from}@example.com>`)
    .replace("To: <sip:bob@example.com>", `To: <sip:${to}@example.com>`);
}

test("2.4 uri db checks on the subscriber table: From/To user against the digest user, R-URI user, auth id", async () => {
  const run = await uriChecks("");
  await run.send(checked("ALICE", "bob", "sip:bob@10.0.0.2", "alice"));
  await run.send(checked("alice", "alice", "sip:nobody@10.0.0.2").replace("z9hG4bK-test-1", "z9hG4bK-test-2"));
  assert.deepEqual(run.logs(), [
    "from=1",
    "to=-10",
    "ruri=1",
    "auth id=-4 <null> <null>",
    "from=1",
    "to=1",
    "ruri=-5",
    "auth id=1 alice example.com",
  ]);
});

test("2.4 uri db checks with use_uri_table: the uri table maps the digest user to the URI users it may use", async () => {
  const run = await uriChecks(`modparam("uri", "use_uri_table", 1)
modparam("uri", "db_table", "uri")`);
  await run.send(checked("sales", "bob", "sip:sales@10.0.0.2", "alice"));
  assert.deepEqual(run.logs(), ["from=1", "to=-9", "ruri=1", "auth id=1 alice example.com"]);
});

test("2.4 uri db checks: no credentials is -2; use_domain matches the R-URI host too", async () => {
  const run = await uriChecks(`modparam("uri", "use_domain", 1)`);
  await run.send(request("INVITE", { ruri: "sip:bob@example.org" }));
  await run.send(request("INVITE", { ruri: "sip:bob@10.0.0.2", branch: "z9hG4bK-2" }));
  assert.deepEqual(run.logs(), ["from=-2", "to=-2", "ruri=1", "auth id=1 alice example.com", "from=-2", "to=-2", "ruri=-5", "auth id=1 alice example.com"]);
  const errors = run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
  assert.equal(errors[0], "ERROR:uri:db_check_from: No authorized credentials found (error in scripts)");
});

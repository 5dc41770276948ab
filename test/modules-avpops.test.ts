/**
 * User preferences as AVPs: sqlops sql_avp_load/store/delete (3.6) and avpops
 * avp_db_load/store/delete (3.4) on an in-memory SQLite usr_preferences table.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { request, startScript } from "./support/module-scripts.ts";

const USR_PREFERENCES = `CREATE TABLE TABLE_NAME (uuid TEXT DEFAULT '', username TEXT DEFAULT '', domain TEXT DEFAULT '', attribute TEXT, type INTEGER DEFAULT 0, value TEXT)`;
const ROWS = `INSERT INTO TABLE_NAME (uuid, username, domain, attribute, type, value) VALUES
  ('', 'alice', 'example.com', 'fwd', 0, 'sip:voicemail@example.com'),
  ('', 'alice', 'example.com', 'limit', 1, '30'),
  ('', 'alice', 'other.net', 'fwd', 0, 'sip:alice@other.net'),
  ('', 'bob', 'example.com', 'fwd', 0, 'sip:bob@mobile.example.com'),
  ('u-7', '', '', 'lang', 0, 'de')`;

/** A sqlops script on a fresh in-memory database holding `usr_preferences` and a `subscriber` table. */
function sqlopsScript(route: string, params = ""): string {
  return `
loadmodule "sqlops.so"
modparam("sqlops", "db_url", "sqlite://:memory:")
modparam("sqlops", "db_scheme", "credit:table=subscriber;uuid_col=uid;value_col=credit;value_type=integer")
${params}
startup_route {
	sql_query("${USR_PREFERENCES.replace("TABLE_NAME", "usr_preferences")}");
	sql_query("${ROWS.replace("TABLE_NAME", "usr_preferences").replace(/\n/g, " ")}");
	sql_query("CREATE TABLE subscriber (uid TEXT, credit INTEGER)");
	sql_query("INSERT INTO subscriber VALUES ('u-7', 42)");
}
route {
${route}
}
`;
}

async function logsOf(cfg: string, target: "3.6" | "3.4" = "3.6"): Promise<string[]> {
  const run = await startScript(cfg, target);
  await run.send(request("MESSAGE"));
  return run.logs();
}

test("sql_avp_load: by the From user (use_domain off), one attribute or all of them with a prefix", async () => {
  const logs = await logsOf(
    sqlopsScript(`
	sql_avp_load("$fu", "$avp(fwd)");
	xlog("one: $rc $(avp(fwd)[*])\\n");
	sql_avp_load("$fu", "a", , "pref_");
	xlog("all: $rc fwd=$(avp(pref_fwd)[*]) limit=$avp(pref_limit)\\n");
	$var(next) = $avp(pref_limit) + 1;
	if ($var(next) == 31) xlog("limit is an integer\\n");
	$avp(who) = "sip:carol@example.com";
	if (!sql_avp_load("$avp(who)/uri", "$avp(fwd)")) xlog("carol: $rc\\n");`),
  );
  assert.deepEqual(logs, [
    "one: 1 sip:alice@other.net, sip:voicemail@example.com",
    "all: 1 fwd=sip:alice@other.net, sip:voicemail@example.com limit=30",
    "limit is an integer",
    "carol: -1",
  ]);
});

test("sql_avp_load: use_domain and /domain narrow by domain; a uuid source; a db scheme's table and value type", async () => {
  const logs = await logsOf(
    sqlopsScript(
      `
	sql_avp_load("sip:x@other.net/domain", "$avp(fwd)");
	xlog("domain only: $(avp(fwd)[*])\\n");
	$avp(fwd) := null;
	sql_avp_load("$fu", "$avp(fwd)");
	xlog("use_domain: $(avp(fwd)[*])\\n");
	sql_avp_load("u-7", "$avp(lang)");
	xlog("uuid: $avp(lang)\\n");
	$avp(uid) = "u-7";
	sql_avp_load("$avp(uid)", "$avp(credit)/$credit");
	if ($avp(credit) == 42) xlog("scheme credit: $avp(credit)\\n");`,
      `modparam("sqlops", "use_domain", 1)`,
    ),
  );
  assert.deepEqual(logs, ["domain only: sip:alice@other.net", "use_domain: sip:voicemail@example.com", "uuid: de", "scheme credit: 42"]);
});

test("sql_avp_store: new values become rows once (loaded or stored values are skipped); sql_avp_delete removes them", async () => {
  const logs = await logsOf(
    sqlopsScript(`
	$avp(seen) = "yes";
	$avp(count) = 5;
	sql_avp_store("$fu", "$avp(seen)");
	xlog("store: $rc\\n");
	if (!sql_avp_store("$fu", "$avp(seen)")) xlog("again: $rc\\n");
	sql_avp_store("$fu/username", "$avp(count)");
	sql_query("SELECT uuid, username, domain, attribute, type, value FROM usr_preferences WHERE attribute IN ('seen', 'count') ORDER BY attribute", "$avp(r1);$avp(r2);$avp(r3);$avp(r4);$avp(r5);$avp(r6)");
	xlog("rows: [$(avp(r1)[*])] [$(avp(r2)[*])] [$(avp(r3)[*])] [$(avp(r4)[*])] [$(avp(r5)[*])] [$(avp(r6)[*])]\\n");
	sql_avp_load("$fu", "$avp(limit)");
	if (!sql_avp_store("$fu", "$avp(limit)")) xlog("loaded values are not stored back: $rc\\n");
	sql_avp_delete("$fu", "$avp(fwd)");
	xlog("delete: $rc\\n");
	sql_query("SELECT username FROM usr_preferences WHERE attribute = 'fwd'", "$avp(left)");
	xlog("fwd rows left: $(avp(left)[*])\\n");`),
  );
  assert.deepEqual(logs, [
    "store: 1",
    "again: -1",
    "rows: [, ] [alice, alice] [, ] [count, seen] [1, 0] [5, yes]",
    "loaded values are not stored back: -1",
    "delete: 1",
    "fwd rows left: bob",
  ]);
});

test("sql_avp_store with a / every AVP; bad parameters are logged and give -1", async () => {
  const run = await startScript(
    sqlopsScript(`
	$avp(a1) = "x";
	$avp(a2) = 2;
	sql_avp_store("u-9", "a");
	sql_query_one("SELECT group_concat(attribute || '=' || value || ':' || type, ' ') FROM usr_preferences WHERE uuid = 'u-9'", "$var(all)");
	xlog("stored: $var(all)\\n");
	if (!sql_avp_load("$fu", "$var(x)")) xlog("not an avp: $rc\\n");
	if (!sql_avp_load("$avp(none)", "$avp(fwd)")) xlog("empty source: $rc\\n");
	if (!sql_avp_load("$fu/host", "$avp(fwd)")) xlog("unknown flag: $rc\\n");
	if (!sql_avp_store("$fu", "$avp(fwd)/$credit")) xlog("no scheme for store: $rc\\n");`),
  );
  await run.send(request("MESSAGE"));
  assert.deepEqual(run.logs(), ["stored: a1=x:0 a2=2:1", "not an avp: -1", "empty source: -1", "unknown flag: -1", "no scheme for store: -1"]);
  const errors = run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
  assert.equal(errors.length, 4);
  assert.match(errors[0]!, /^ERROR:sqlops:sql_avp_load: bad param/);
});

test("avpops (3.4): avp_db_load/store/delete on the avp_table table", async () => {
  const logs = await logsOf(
    `
loadmodule "avpops.so"
modparam("avpops", "db_url", "sqlite://:memory:")
modparam("avpops", "avp_table", "prefs")
startup_route {
	avp_db_query("${USR_PREFERENCES.replace("TABLE_NAME", "prefs")}");
	avp_db_query("${ROWS.replace("TABLE_NAME", "prefs").replace(/\n/g, " ")}");
}
route {
	avp_db_load("$tu", "$avp(fwd)");
	xlog("bob: $rc $avp(fwd)\\n");
	$avp(note) = "hi";
	avp_db_store("$tu", "$avp(note)");
	avp_db_delete("$tu", "$avp(fwd)");
	avp_db_query("SELECT attribute, value FROM prefs WHERE username = 'bob'", "$avp(attr);$avp(val)");
	xlog("bob now: $(avp(attr)[*]) = $(avp(val)[*])\\n");
}
`,
    "3.4",
  );
  assert.deepEqual(logs, ["bob: 1 sip:bob@mobile.example.com", "bob now: note = hi"]);
});

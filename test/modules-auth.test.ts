/**
 * auth and auth_db: challenges, digest verification against a SQLite subscriber table made here,
 * nonce staleness and replay, consume_credentials, load_credentials, the URI checks, the PV-based
 * authorization and the credentials PVs. The client side of digest is computed in the test.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import * as rt from "../runtime/index.ts";
import { auth } from "../runtime/modules/auth.ts";
import { authDb } from "../runtime/modules/auth-db.ts";
import { AUTH_PVS } from "../runtime/modules/auth-pvs.ts";
import { engineFor, request as plainRequest, route, scriptOf, SOURCE } from "./support/runtime-harness.ts";
import { headerOf, request, startScript, type ScriptRun } from "./support/module-scripts.ts";

const dbFile = join(mkdtempSync(join(tmpdir(), "opensips-ts-auth-")), "auth.db");
const NOW = 1_700_000_000_000;

function hash(algorithm: string, text: string): string {
  return createHash(algorithm).update(text).digest("hex");
}

{
  const db = new Database(dbFile);
  const sha = (user: string, password: string) => hash("sha256", `${user}:example.com:${password}`);
  db.exec(`
    CREATE TABLE subscriber (username TEXT, domain TEXT, password TEXT, ha1 TEXT, ha1_sha256 TEXT, rpid TEXT, credit INTEGER, email TEXT);
    CREATE TABLE uri (username TEXT, domain TEXT, uri_user TEXT);
    INSERT INTO subscriber VALUES ('alice', 'example.com', 'wonderland', '${hash("md5", "alice:example.com:wonderland")}', '${sha("alice", "wonderland")}', 'sip:+4930123456@example.com', 42, '');
    INSERT INTO subscriber VALUES ('bob', 'example.com', 'builder', 'not-a-hash', NULL, NULL, NULL, 'bob@example.com');
    INSERT INTO uri VALUES ('alice', 'example.com', 'alice'), ('alice', 'example.com', 'sales');
  `);
  db.close();
}

const MODULES = [auth, authDb];

function authScript(extra: string, body: string): string {
  return `
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "signaling.so"
loadmodule "auth.so"
loadmodule "auth_db.so"
modparam("auth_db", "db_url", "sqlite://${dbFile}")
${extra}
route {
${body}
}
`;
}

const REGISTRAR = authScript(
  `modparam("auth_db", "calculate_ha1", 1)
modparam("auth_db", "password_column", "password")
modparam("auth_db", "load_credentials", "$avp(caller_rpid)=rpid; credit ;email")
modparam("auth", "rpid_avp", "$avp(caller_rpid)")`,
  `	if (!www_authorize("", "subscriber")) {
		xlog("www_authorize rc=$rc\\n");
		www_challenge("", "auth");
		xlog("not reached\\n");
	}
	xlog("authorized rpid=$avp(caller_rpid) credit=$avp(credit) email=$avp(email)\\n");
	if (is_rpid_user_e164()) xlog("rpid is e164\\n");
	sl_send_reply(200, "OK");`,
);

interface Challenge {
  readonly realm: string;
  readonly nonce: string;
  readonly qop: string | null;
  readonly algorithm: string | null;
  readonly stale: boolean;
}

function parseChallenge(value: string): Challenge {
  const param = (name: string): string | null => {
    const match = new RegExp(`[ ,]${name}=(?:"([^"]*)"|([^",\\s]*))`).exec(value);
    return match === null ? null : (match[1] ?? match[2]!);
  };
  assert.match(value, /^Digest /);
  return { realm: param("realm")!, nonce: param("nonce")!, qop: param("qop"), algorithm: param("algorithm"), stale: param("stale") === "true" };
}

interface Answer {
  readonly user: string;
  readonly password: string;
  readonly method: string;
  readonly uri: string;
  readonly header?: string;
  /** The qop to answer with when the challenge offers one; auth by default. */
  readonly qop?: "auth" | "auth-int";
  readonly body?: string;
}

/** The credentials header a client computes for the challenge (RFC 2617, RFC 8760). */
function answer(challenge: Challenge, a: Answer): string {
  const algorithm = challenge.algorithm ?? "MD5";
  const h = (text: string) => hash(algorithm.startsWith("SHA-256") ? "sha256" : "md5", text);
  const cnonce = "0a4f113b";
  const nc = "00000001";
  const baseHa1 = h(`${a.user}:${challenge.realm}:${a.password}`);
  const ha1 = algorithm.endsWith("-sess") ? h(`${baseHa1}:${challenge.nonce}:${cnonce}`) : baseHa1;
  const qop = challenge.qop === null ? null : (a.qop ?? "auth");
  const ha2 = h(qop === "auth-int" ? `${a.method}:${a.uri}:${h(a.body ?? "")}` : `${a.method}:${a.uri}`);
  const response = qop === null ? h(`${ha1}:${challenge.nonce}:${ha2}`) : h(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${qop}:${ha2}`);
  const qopPart = qop === null ? "" : `, qop=${qop}, nc=${nc}, cnonce="${cnonce}"`;
  const algorithmPart = challenge.algorithm === null ? "" : `, algorithm=${challenge.algorithm}`;
  return `${a.header ?? "Authorization"}: Digest username="${a.user}", realm="${challenge.realm}", nonce="${challenge.nonce}", uri="${a.uri}", response="${response}"${algorithmPart}${qopPart}\r\n`;
}

function register(branch: string, headers = ""): string {
  return request("REGISTER", { ruri: "sip:example.com", branch, headers: `Contact: <sip:alice@10.0.0.1>\r\n${headers}` }).replace(
    "To: <sip:bob@example.com>",
    "To: <sip:alice@example.com>",
  );
}

async function challengeOf(run: ScriptRun, message: string, header = "WWW-Authenticate"): Promise<Challenge> {
  await run.send(message);
  const reply = run.env.replies.at(-1)!;
  return parseChallenge(headerOf(reply.text, header)!);
}

const ALICE = { user: "alice", password: "wonderland", method: "REGISTER", uri: "sip:example.com" };

function errors(run: ScriptRun): string[] {
  return run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
}

test("REGISTER: 401 challenge, then the digest answer is authorized and load_credentials fills AVPs", async () => {
  const run = await startScript(REGISTRAR, "3.6", MODULES);
  const challenge = await challengeOf(run, register("z9hG4bK-r1"));
  const first = run.env.replies[0]!;
  assert.equal(first.code, 401);
  assert.equal(first.reason, "Unauthorized");
  assert.deepEqual({ ...challenge, nonce: challenge.nonce.length }, { realm: "example.com", nonce: 44, qop: "auth", algorithm: null, stale: false });
  await run.send(register("z9hG4bK-r2", answer(challenge, ALICE)));
  assert.deepEqual(run.logs(), [
    "www_authorize rc=-4",
    "authorized rpid=sip:+4930123456@example.com credit=42 email=<null>",
    "rpid is e164",
  ]);
  assert.deepEqual(
    run.env.replies.map((r) => r.code),
    [401, 200],
  );
  assert.equal(headerOf(run.env.replies[1]!.text, "WWW-Authenticate"), null);
});

test("wrong password, unknown user and a replayed nonce are refused with -2, -1 and -3 (stale=true)", async () => {
  const run = await startScript(REGISTRAR, "3.6", MODULES);
  const first = await challengeOf(run, register("z9hG4bK-w1"));
  const second = await challengeOf(run, register("z9hG4bK-w2", answer(first, { ...ALICE, password: "looking-glass" })));
  assert.equal(second.stale, false);
  const third = await challengeOf(run, register("z9hG4bK-w3", answer(second, { ...ALICE, user: "carol" })));
  await run.send(register("z9hG4bK-w4", answer(third, ALICE)));
  const replay = await challengeOf(run, register("z9hG4bK-w5", answer(third, ALICE)));
  assert.deepEqual(run.logs(), [
    "www_authorize rc=-4",
    "www_authorize rc=-2",
    "www_authorize rc=-1",
    "authorized rpid=sip:+4930123456@example.com credit=42 email=<null>",
    "rpid is e164",
    "www_authorize rc=-3",
  ]);
  assert.equal(replay.stale, true);
  assert.deepEqual(
    run.env.replies.map((r) => r.code),
    [401, 401, 401, 200, 401],
  );
});

test("an expired nonce is stale: -3 and a new challenge with stale=true", async () => {
  let now = NOW;
  const run = await startScript(authScript(`modparam("auth", "nonce_expire", 10)\nmodparam("auth_db", "calculate_ha1", 1)\nmodparam("auth_db", "password_column", "password")`, `
	if (!www_authorize("", "subscriber")) {
		xlog("rc=$rc\\n");
		www_challenge("", "auth");
	}
	sl_send_reply(200, "OK");`), "3.6", MODULES, () => now);
  const challenge = await challengeOf(run, register("z9hG4bK-s1"));
  now += 10_000;
  const again = await challengeOf(run, register("z9hG4bK-s2", answer(challenge, ALICE)));
  assert.equal(again.stale, true);
  now += 9_000;
  await run.send(register("z9hG4bK-s3", answer(again, ALICE)));
  assert.deepEqual(run.logs(), ["rc=-4", "rc=-3"]);
  assert.deepEqual(
    run.env.replies.map((r) => r.code),
    [401, 401, 200],
  );
});

const PROXY = authScript(
  `modparam("auth_db", "calculate_ha1", 1)
modparam("auth_db", "password_column", "password")`,
  `	if (!proxy_authorize("", "subscriber")) {
		xlog("proxy_authorize rc=$rc\\n");
		proxy_challenge("", "auth");
	}
	if (!consume_credentials()) xlog("nothing consumed\\n");
	if (db_is_from_authorized("uri")) xlog("from allowed\\n"); else xlog("from rc=$rc\\n");
	t_relay();`,
);

function invite(branch: string, from = "alice", headers = ""): string {
  return request("INVITE", { branch, headers }).replace("From: <sip:alice@example.com>", `From: <sip:${from}@example.com>`);
}

test("proxy_authorize: 407 with Proxy-Authenticate, then authorized; consume_credentials strips the header", async () => {
  const run = await startScript(PROXY, "3.6", MODULES);
  const challenge = await challengeOf(run, invite("z9hG4bK-p1"), "Proxy-Authenticate");
  assert.deepEqual([run.env.replies[0]!.code, run.env.replies[0]!.reason], [407, "Proxy Authentication Required"]);
  assert.equal(challenge.realm, "example.com");
  const credentials = answer(challenge, { ...ALICE, method: "INVITE", uri: "sip:bob@10.0.0.2", header: "Proxy-Authorization" });
  await run.send(invite("z9hG4bK-p2", "alice", `${credentials}X-Keep: yes\r\n`));
  const relayed = run.env.requests[0]!.text;
  assert.equal(headerOf(relayed, "Proxy-Authorization"), null);
  assert.equal(headerOf(relayed, "X-Keep"), "yes");
  assert.deepEqual(run.logs(), ["proxy_authorize rc=-4", "from allowed"]);
});

test("db_is_from_authorized refuses a From user the URI table does not map (-9); ACK passes unchecked", async () => {
  const run = await startScript(PROXY, "3.6", MODULES);
  const challenge = await challengeOf(run, invite("z9hG4bK-f1", "mallory"), "Proxy-Authenticate");
  const credentials = answer(challenge, { ...ALICE, method: "INVITE", uri: "sip:bob@10.0.0.2", header: "Proxy-Authorization" });
  await run.send(invite("z9hG4bK-f2", "mallory", credentials));
  await run.send(request("ACK", { branch: "z9hG4bK-f3", toTag: "x" }));
  assert.deepEqual(run.logs(), ["proxy_authorize rc=-4", "from rc=-9", "nothing consumed", "from rc=-2"]);
  assert.deepEqual(errors(run), ["ERROR:auth_db:db_is_from_authorized: No authorized credentials found (error in scripts)"]);
});

test("pre-hashed SHA-256 column: challenge offering SHA-256 and MD5, answered with SHA-256", async () => {
  const run = await startScript(authScript("", `
	if (!www_authorize("", "subscriber")) {
		xlog("rc=$rc\\n");
		www_challenge("", , "MD5,SHA-256");
	}
	sl_send_reply(200, "OK");`), "3.6", MODULES);
  await run.send(register("z9hG4bK-h1"));
  const headers = run.env.replies[0]!.text.split("\r\n").filter((l) => l.startsWith("WWW-Authenticate:"));
  const offered = headers.map((l) => parseChallenge(l.slice("WWW-Authenticate: ".length)));
  assert.deepEqual(offered.map((c) => [c.algorithm, c.qop]), [["SHA-256", "auth"], ["MD5", "auth"]]);
  await run.send(register("z9hG4bK-h2", answer(offered[0]!, ALICE)));
  assert.deepEqual(run.logs(), ["rc=-4"]);
  assert.deepEqual(
    run.env.replies.map((r) => r.code),
    [401, 200],
  );
});

test("a plaintext value in the HA1 column is a server error: 500 and the script stops", async () => {
  const run = await startScript(authScript("", `
	if (!www_authorize("", "subscriber")) www_challenge("", "auth");
	xlog("after rc=$rc\\n");`), "3.6", MODULES);
  const challenge = await challengeOf(run, register("z9hG4bK-e1"));
  await run.send(register("z9hG4bK-e2", answer(challenge, { ...ALICE, user: "bob", password: "builder" })));
  assert.deepEqual(
    run.env.replies.map((r) => [r.code, r.reason]),
    [[401, "Unauthorized"], [500, "Server Internal Error"]],
  );
  assert.deepEqual(run.logs(), []);
  assert.deepEqual(errors(run), ['ERROR:auth_db:www_authorize: Incorrect length of pre-hashed credentials for the algorithm "MD5": 32 expected, 10 provided']);
});

test("db_does_uri_exist: 1 for a subscriber, -5 for anyone else, -1 for a bad URI; db_get_auth_id maps a URI user", async () => {
  const run = await startScript(authScript("", `
	db_does_uri_exist("$ru", "subscriber");
	xlog("$ru rc=$rc\\n");
	db_does_uri_exist("not a uri", "subscriber");
	xlog("bad rc=$rc\\n");
	if (db_get_auth_id("uri", "$ru", $var(auth_id), $avp(auth_realm))) xlog("auth id $var(auth_id)@$avp(auth_realm)\\n");
	else xlog("no auth id\\n");`), "3.6", MODULES);
  await run.send(request("OPTIONS", { ruri: "sip:sales@example.com" }));
  await run.send(request("OPTIONS", { ruri: "sip:alice@example.com", branch: "z9hG4bK-u2" }));
  await run.send(request("OPTIONS", { ruri: "sip:alice@elsewhere.org", branch: "z9hG4bK-u3" }));
  assert.deepEqual(run.logs(), [
    "sip:sales@example.com rc=-5",
    "bad rc=-1",
    "auth id alice@example.com",
    "sip:alice@example.com rc=1",
    "bad rc=-1",
    "auth id alice@example.com",
    "sip:alice@elsewhere.org rc=-5",
    "bad rc=-1",
    "no auth id",
  ]);
});

test("pv_www_authorize checks the username/password variables; bad qop lists are refused", async () => {
  const run = await startScript(`
loadmodule "sl.so"
loadmodule "signaling.so"
loadmodule "auth.so"
modparam("auth", "username_spec", "$var(username)")
modparam("auth", "password_spec", "$avp(password)")
modparam("auth", "calculate_ha1", 1)
route {
	www_challenge("", "1");
	xlog("bad qop rc=$rc\\n");
	$var(username) = "alice";
	$avp(password) = $hdr(X-Password);
	if (!pv_www_authorize("")) {
		xlog("rc=$rc\\n");
		www_challenge("", "auth-int,auth");
	}
	sl_send_reply(200, "OK");
}
`, "3.6", MODULES);
  const challenge = await challengeOf(run, register("z9hG4bK-v1", "X-Password: wonderland\r\n"));
  assert.equal(challenge.qop, "auth,auth-int");
  await run.send(register("z9hG4bK-v2", `X-Password: other\r\n${answer(challenge, ALICE)}`));
  const next = parseChallenge(headerOf(run.env.replies.at(-1)!.text, "WWW-Authenticate")!);
  await run.send(register("z9hG4bK-v3", `X-Password: wonderland\r\n${answer(next, ALICE)}`));
  assert.deepEqual(run.logs(), ["bad qop rc=-1", "rc=-4", "bad qop rc=-1", "rc=-2", "bad qop rc=-1"]);
  assert.deepEqual(
    run.env.replies.map((r) => r.code),
    [401, 401, 200],
  );
  assert.equal(errors(run)[0], 'ERROR:auth:www_challenge: Bad qop type "1"');
});

test("credentials PVs read the message's Proxy-Authorization, else Authorization; $Au falls back to From", async () => {
  const pv = (name: string) => AUTH_PVS.get(name)!(null);
  const names = ["au", "aU", "ad", "ar", "adu", "an", "auth.resp", "auth.alg", "auth.qop", "auth.nc", "auth.cnonce", "auth.opaque", "Au"];
  const seen: rt.Value[][] = [];
  const script = scriptOf({ request: { "": route((ctx) => seen.push(names.map((n) => pv(n).get(ctx)))) } });
  const { engine } = await engineFor(script, { modules: MODULES });
  const credentials =
    'Authorization: Digest username="bob", realm="a.org", nonce="n1", uri="sip:a.org", response="r1"\r\n' +
    'Proxy-Authorization: Digest username="carol@b.org", realm="b.org", nonce="n2", uri="sip:x@b.org", response="r2", algorithm=SHA-256, qop=auth, nc=00000002, cnonce="c2", opaque=""\r\n';
  await engine.handleRequest(plainRequest("INVITE", { headers: credentials }), SOURCE);
  await engine.handleRequest(plainRequest("INVITE", { headers: credentials.split("\r\n")[0] + "\r\n", callId: "c2" }), SOURCE);
  await engine.handleRequest(plainRequest("ACK", { headers: credentials, callId: "c3" }), SOURCE);
  assert.deepEqual(seen, [
    ["carol", "carol@b.org", "b.org", "b.org", "sip:x@b.org", "n2", "r2", "SHA-256", "auth", "00000002", "c2", null, "alice@atlanta.org"],
    ["bob", "bob", null, "a.org", "sip:a.org", "n1", "r1", null, null, null, null, null, "alice@atlanta.org"],
    [null, null, null, null, null, null, null, null, null, null, null, null, "alice@atlanta.org"],
  ]);
});

test("MD5-sess with qop=auth-int covers the body; a changed body is a wrong response (-2)", async () => {
  const run = await startScript(authScript(`modparam("auth_db", "calculate_ha1", 1)\nmodparam("auth_db", "password_column", "password")`, `
	if (!www_authorize("example.com", "subscriber")) {
		xlog("rc=$rc\\n");
		www_challenge("example.com", "auth-int", "MD5-sess");
	}
	sl_send_reply(200, "OK");`), "3.6", MODULES);
  const message = (branch: string, body: string, headers = "") =>
    request("MESSAGE", { ruri: "sip:bob@example.com", branch, body, headers: `Content-Type: text/plain\r\n${headers}` });
  const challenge = await challengeOf(run, message("z9hG4bK-i1", "hello"));
  assert.deepEqual([challenge.algorithm, challenge.qop], ["MD5-sess", "auth-int"]);
  const signed = answer(challenge, { ...ALICE, method: "MESSAGE", uri: "sip:bob@example.com", qop: "auth-int", body: "hello" });
  await run.send(message("z9hG4bK-i2", "hello", signed));
  const next = await challengeOf(run, message("z9hG4bK-i3", "hello"));
  const tampered = answer(next, { ...ALICE, method: "MESSAGE", uri: "sip:bob@example.com", qop: "auth-int", body: "hello" });
  await run.send(message("z9hG4bK-i4", "goodbye", tampered));
  assert.deepEqual(run.logs(), ["rc=-4", "rc=-4", "rc=-2"]);
  assert.deepEqual(
    run.env.replies.map((r) => r.code),
    [401, 200, 401, 401],
  );
});

test("a shared secret lets another engine verify the nonce (with disable_nonce_check); a random one does not", async () => {
  const cfg = (params: string) =>
    authScript(`${params}\nmodparam("auth_db", "calculate_ha1", 1)\nmodparam("auth_db", "password_column", "password")`, `
	if (!www_authorize("", "subscriber")) {
		xlog("rc=$rc\\n");
		www_challenge("", "auth");
	}
	sl_send_reply(200, "OK");`);
  const shared = `modparam("auth", "secret", "0123456789abcdef0123456789abcdef")\nmodparam("auth", "disable_nonce_check", 1)`;
  const issuer = await startScript(cfg(shared), "3.6", MODULES);
  const peer = await startScript(cfg(shared), "3.6", MODULES);
  const stranger = await startScript(cfg(`modparam("auth", "disable_nonce_check", 1)`), "3.6", MODULES);
  const challenge = await challengeOf(issuer, register("z9hG4bK-x1"));
  await peer.send(register("z9hG4bK-x2", answer(challenge, ALICE)));
  await peer.send(register("z9hG4bK-x3", answer(challenge, ALICE)));
  await stranger.send(register("z9hG4bK-x4", answer(challenge, ALICE)));
  assert.deepEqual(
    peer.env.replies.map((r) => r.code),
    [200, 200],
    "without the nonce check a nonce can be reused",
  );
  assert.deepEqual(stranger.logs(), ["rc=-3"]);
  assert.equal(parseChallenge(headerOf(stranger.env.replies[0]!.text, "WWW-Authenticate")!).stale, true);
});

test("append_rpid_hf and is_rpid_user_e164 use the rpid AVP (name-addr or bare URI)", async () => {
  const run = await startScript(`
loadmodule "tm.so"
loadmodule "auth.so"
modparam("auth", "rpid_prefix", "Caller ")
route {
	if (!append_rpid_hf()) xlog("no rpid yet\\n");
	$avp(rpid) = $hdr(X-Rpid);
	if (is_rpid_user_e164()) xlog("e164 $avp(rpid)\\n"); else xlog("not e164 $avp(rpid)\\n");
	append_rpid_hf();
	append_rpid_hf("", ";screen=no");
	t_relay();
}
`, "3.6", MODULES);
  await run.send(invite("z9hG4bK-rp1", "alice", 'X-Rpid: "A, B" <sip:+4930123@example.com>\r\n'));
  await run.send(invite("z9hG4bK-rp2", "alice", "X-Rpid: sip:alice@example.com\r\n"));
  assert.deepEqual(run.logs(), ["no rpid yet", 'e164 "A, B" <sip:+4930123@example.com>', "no rpid yet", "not e164 sip:alice@example.com"]);
  assert.deepEqual(run.env.requests[0]!.text.split("\r\n").filter((l) => l.startsWith("Remote-Party-ID:")), [
    'Remote-Party-ID: Caller "A, B" <sip:+4930123@example.com>;party=calling;id-type=subscriber;screen=yes',
    'Remote-Party-ID: "A, B" <sip:+4930123@example.com>;screen=no',
  ]);
});

test("incomplete credentials get 400, unparsable ones 500; both stop the script", async () => {
  const run = await startScript(authScript("", `
	www_authorize("", "subscriber");
	xlog("rc=$rc\\n");
	consume_credentials();`), "3.6", MODULES);
  await run.send(register("z9hG4bK-m1", 'Authorization: Digest username="alice", realm="example.com", nonce="x", uri="sip:example.com"\r\n'));
  await run.send(register("z9hG4bK-m2", 'Authorization: Digest username="alice, realm="example.com\r\n'));
  await run.send(register("z9hG4bK-m3", 'Authorization: Basic YWxpY2U6d29uZGVybGFuZA==\r\n'));
  assert.deepEqual(
    run.env.replies.map((r) => [r.code, r.reason]),
    [[400, "Bad Request"], [500, "Server Internal Error"]],
  );
  assert.deepEqual(run.logs(), ["rc=-4"]);
  assert.deepEqual(errors(run), [
    "ERROR:auth:find_credentials: failed to parse credentials",
    "ERROR:auth:consume_credentials: no authorized credentials found (error in scripts)",
  ]);
});

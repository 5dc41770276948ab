/** uac_auth: answering a downstream 401/407 challenge from a failure route, then relaying again. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { uac } from "../runtime/modules/uac.ts";
import { headerOf, replyTo, request, startScript, type ScriptRun } from "./support/module-scripts.ts";

const NONCE = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
/** OpenSIPS's core_hash of NONCE (hash_func.h), computed outside the runtime: the cnonce uac_auth sends. */
const NONCE_CORE_HASH = "1604159111";

function script(params: string, failureRoute = "\tuac_auth();\n\t$var(rc) = $rc;\n\txlog(\"uac_auth: $var(rc)\\n\");\n\tif ($var(rc) > 0) t_relay();"): string {
  return `
loadmodule "tm.so"
loadmodule "uac.so"
loadmodule "uac_auth.so"
${params}
route {
	t_on_failure("auth");
	t_relay();
}
failure_route[auth] {
${failureRoute}
}
`;
}

const start = (cfg: string): Promise<ScriptRun> => startScript(cfg, "3.6", [uac]);

/** A final reply from downstream to `sent` carrying the challenge header lines given. */
function challenge(sent: string, code: 401 | 407, headers: string): string {
  const reason = code === 401 ? "Unauthorized" : "Proxy Authentication Required";
  return replyTo(sent, code, reason).replace("\r\nContent-Length: 0", `\r\n${headers}\r\nContent-Length: 0`);
}

const hex = (hash: string, text: string): string => createHash(hash).update(text).digest("hex");

/** The request the failure route relayed after the challenge (the ACK of the challenge goes first). */
function authenticatedRequest(run: ScriptRun): string {
  const sent = run.env.requests.map((r) => r.text).filter((text) => !text.startsWith("ACK "));
  assert.equal(sent.length, 2, "the first request and the authenticated one");
  return sent[1]!;
}

test("a 407 without qop: Proxy-Authorization with the MD5 response, CSeq + 1, the 200 goes upstream with the caller's CSeq", async () => {
  const run = await start(script(`modparam("uac_auth", "credential", "alice:example.com:secret")`));
  await run.send(request("INVITE", { ruri: "sip:bob@10.0.0.2;transport=udp" }));
  const first = run.env.requests[0]!.text;
  await run.send(challenge(first, 407, `Proxy-Authenticate: Digest realm="example.com", nonce="${NONCE}", opaque="5ccc069c403ebaf9f0171e9517f40e41"`));
  assert.deepEqual(run.logs(), ["uac_auth: 1"]);
  const second = authenticatedRequest(run);
  assert.ok(second.startsWith("INVITE sip:bob@10.0.0.2;transport=udp SIP/2.0\r\n"));
  assert.equal(headerOf(first, "CSeq"), "1 INVITE");
  assert.equal(headerOf(second, "CSeq"), "2 INVITE");

  const uri = "sip:bob@10.0.0.2;transport=udp";
  const ha1 = hex("md5", "alice:example.com:secret");
  const response = hex("md5", `${ha1}:${NONCE}:${hex("md5", `INVITE:${uri}`)}`);
  assert.equal(
    headerOf(second, "Proxy-Authorization"),
    `Digest username="alice", realm="example.com", nonce="${NONCE}", uri="${uri}", opaque="5ccc069c403ebaf9f0171e9517f40e41", response="${response}", algorithm=MD5`,
  );
  const lines = second.split("\r\n");
  assert.equal(lines.indexOf(`Proxy-Authorization: ${headerOf(second, "Proxy-Authorization")}`), lines.indexOf("") - 1, "appended after the last header, as OpenSIPS's lump at the end of the headers");

  await run.send(replyTo(second, 200, "OK"));
  const upstream = run.env.replies.filter((r) => r.code !== 100);
  assert.deepEqual(upstream.map((r) => r.code), [200], "the 407 was answered, not relayed");
  assert.equal(headerOf(upstream[0]!.text, "CSeq"), "1 INVITE");
});

test("a 401 offering qop auth,auth-int and SHA-256: Authorization with qop=auth, nc and OpenSIPS's cnonce", async () => {
  const run = await start(script(`modparam("uac_auth", "credential", "alice:example.com:other")\nmodparam("uac_auth", "credential", "alice:example.com:s3cr:et")`));
  await run.send(request("REGISTER", { ruri: "sip:example.com" }));
  await run.send(challenge(run.env.requests[0]!.text, 401, `WWW-Authenticate: Digest realm="example.com", qop="auth,auth-int", algorithm=SHA-256, nonce="${NONCE}"`));
  const second = authenticatedRequest(run);
  const credentials = headerOf(second, "Authorization");
  const ha1 = hex("sha256", "alice:example.com:s3cr:et");
  const ha2 = hex("sha256", "REGISTER:sip:example.com");
  const response = hex("sha256", `${ha1}:${NONCE}:00000001:${NONCE_CORE_HASH}:auth:${ha2}`);
  assert.equal(
    credentials,
    `Digest username="alice", realm="example.com", nonce="${NONCE}", uri="sip:example.com", qop=auth, nc=00000001, cnonce="${NONCE_CORE_HASH}", response="${response}", algorithm=SHA-256`,
    "the last credential given for the realm is used",
  );
  assert.equal(headerOf(second, "CSeq"), "2 REGISTER");

  // The registrar rejects the credentials: no failure route is armed any more, the 401 goes upstream with the caller's CSeq.
  await run.send(challenge(second, 401, `WWW-Authenticate: Digest realm="example.com", qop="auth", nonce="other"`));
  const upstream = run.env.replies.map((r) => `${r.code} ${headerOf(r.text, "CSeq")}`);
  assert.deepEqual(upstream, ["401 1 REGISTER"]);
});

test("MD5-sess with qop auth-int hashes the body; the password may be 0x and the HA1", async () => {
  const ha1 = hex("md5", "alice:example.com:secret");
  const run = await start(script(`modparam("uac_auth", "credential", "alice:example.com:0x${ha1}")`));
  const body = "hello";
  await run.send(request("MESSAGE", { body, headers: "Content-Type: text/plain\r\n" }));
  await run.send(challenge(run.env.requests[0]!.text, 407, `Proxy-Authenticate: Digest realm="example.com", nonce="${NONCE}", qop="auth-int", algorithm=MD5-sess`));
  const second = authenticatedRequest(run);
  const sessionHa1 = hex("md5", `${ha1}:${NONCE}:${NONCE_CORE_HASH}`);
  const ha2 = hex("md5", `MESSAGE:sip:bob@10.0.0.2:${hex("md5", body)}`);
  const response = hex("md5", `${sessionHa1}:${NONCE}:00000001:${NONCE_CORE_HASH}:auth-int:${ha2}`);
  assert.match(headerOf(second, "Proxy-Authorization")!, new RegExp(`qop=auth-int, nc=00000001, cnonce="${NONCE_CORE_HASH}", response="${response}", algorithm=MD5-sess$`));
});

test("auth_*_avp: the AVPs set in the failure route answer the challenge of their realm", async () => {
  const params = ["realm", "username", "password"].map((n) => `modparam("uac_auth", "auth_${n}_avp", "$avp(${n})")`).join("\n");
  const run = await start(
    script(
      params,
      `	$avp(realm) = "sip.example.org";
	$avp(username) = "carol";
	$avp(password) = "pw";
	if (uac_auth()) t_relay();`,
    ),
  );
  await run.send(request("INVITE"));
  await run.send(challenge(run.env.requests[0]!.text, 407, `Proxy-Authenticate: Digest realm="sip.example.org", nonce="${NONCE}"`));
  const ha1 = hex("md5", "carol:sip.example.org:pw");
  const response = hex("md5", `${ha1}:${NONCE}:${hex("md5", "INVITE:sip:bob@10.0.0.2")}`);
  assert.equal(
    headerOf(authenticatedRequest(run), "Proxy-Authorization"),
    `Digest username="carol", realm="sip.example.org", nonce="${NONCE}", uri="sip:bob@10.0.0.2", response="${response}", algorithm=MD5`,
  );
});

const errors = (run: ScriptRun): string[] => run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));

test("failures return -1 and relay nothing new: no credential for the realm, an algorithm not allowed, a reply that is no challenge", async () => {
  const CREDENTIAL = `modparam("uac_auth", "credential", "alice:example.com:secret")`;
  const UNABLE = "ERROR:uac:uac_auth: Unable to extract authentication info";
  const cases: [string, string, string, string[]][] = [
    ["uac_auth()", CREDENTIAL, `realm="elsewhere.org", nonce="${NONCE}"`, []],
    ['uac_auth("SHA-256,SHA-256-sess")', CREDENTIAL, `realm="example.com", nonce="${NONCE}", algorithm=MD5`, [UNABLE]],
    ['uac_auth("MD5")', CREDENTIAL, `realm="example.com", nonce="${NONCE}"`, [UNABLE]],
    ['uac_auth("MD4")', CREDENTIAL, `realm="example.com", nonce="${NONCE}"`, ['ERROR:uac:uac_auth: Unsupported algorithm type: "MD4"']],
    ["uac_auth()", CREDENTIAL, `realm="example.com", nonce="${NONCE}", algorithm=AKAv1-MD5`, ['ERROR:core:parse_authenticate_body: bad algorithm "AKAv1-MD5"', UNABLE]],
    ["uac_auth()", CREDENTIAL, `realm="example.com"`, ["ERROR:core:parse_authenticate_body: realm or nonce missing", UNABLE]],
    ["uac_auth()", `modparam("uac_auth", "credential", "alice@example.com:secret")`, `realm="example.com", nonce="${NONCE}"`, ["ERROR:uac_auth:add_credential: parse error in <alice@example.com:secret>"]],
  ];
  for (const [call, params, challengeParams, expectedErrors] of cases) {
    const run = await start(script(params, `\t${call};\n\t$var(rc) = $rc;\n\txlog("uac_auth: $var(rc)\\n");\n\tif ($var(rc) > 0) t_relay();`));
    await run.send(request("INVITE"));
    await run.send(challenge(run.env.requests[0]!.text, 407, `Proxy-Authenticate: Digest ${challengeParams}`));
    assert.deepEqual(run.logs(), ["uac_auth: -1"], call);
    assert.deepEqual(errors(run), expectedErrors, `${call} with ${challengeParams}`);
    assert.equal(run.env.requests.filter((r) => r.text.startsWith("INVITE ")).length, 1, call);
    assert.deepEqual(run.env.replies.filter((r) => r.code !== 100).map((r) => r.code), [407], `${call}: the challenge goes upstream`);
  }
  const busy = await start(script(CREDENTIAL));
  await busy.send(request("INVITE"));
  await busy.send(replyTo(busy.env.requests[0]!.text, 486, "Busy Here"));
  assert.deepEqual(busy.logs(), ["uac_auth: -1"]);
  assert.deepEqual(errors(busy), [UNABLE]);
});

test("the first challenge with an allowed algorithm is answered; outside a failure route there is no picked reply", async () => {
  const run = await start(script(`modparam("uac_auth", "credential", "alice:example.com:secret")`, '\tif (uac_auth("SHA-256")) t_relay();'));
  await run.send(request("INVITE"));
  await run.send(
    challenge(
      run.env.requests[0]!.text,
      407,
      `Proxy-Authenticate: Digest realm="example.com", nonce="n-md5", algorithm=MD5\r\nProxy-Authenticate: Digest realm="example.com", nonce="n-sha", algorithm=SHA-256`,
    ),
  );
  assert.match(headerOf(authenticatedRequest(run), "Proxy-Authorization")!, /nonce="n-sha".*algorithm=SHA-256$/);

  const early = await start(`
loadmodule "tm.so"
loadmodule "uac.so"
loadmodule "uac_auth.so"
route {
	t_newtran();
	uac_auth();
	xlog("in request route: $rc\\n");
}
`);
  await early.send(request("INVITE"));
  assert.deepEqual(early.logs(), ["CRITICAL:uac:uac_auth: no picked branch (-1)", "in request route: -1"]);
});

/** textops subst / replace / replace_all over the whole message after its start line, as relayed. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { request, startScript } from "./support/module-scripts.ts";

/** Runs `body` (the main route's statements, then t_relay) on one request; the relayed text and the logs. */
async function relayed(body: string, message: string): Promise<{ sent: string; logs: string[] }> {
  const run = await startScript(`
loadmodule "tm.so"
loadmodule "textops.so"
loadmodule "sipmsgops.so"
route {
${body}
	t_relay();
}
`);
  await run.send(message);
  return { sent: run.env.requests[0]!.text, logs: run.logs() };
}

/** The header lines of a message text (between the start line and the blank line). */
function headerLines(text: string): string[] {
  return text.slice(0, text.indexOf("\r\n\r\n")).split("\r\n").slice(1);
}

const TAGGED = request("MESSAGE", { headers: "X-Tag: a1\r\nX-Tag: a2\r\nX-Other: a3\r\n", body: "a4 and a5\r\n" });

test("subst with g replaces every match in every header and in the body; without g only the first", async () => {
  const all = await relayed(`\tsubst('/a([0-9])/b\\1/g');\n\txlog("rc=$rc\\n");`, TAGGED);
  assert.deepEqual(all.logs, ["rc=1"]);
  assert.deepEqual(headerLines(all.sent).filter((l) => l.startsWith("X-")), ["X-Tag: b1", "X-Tag: b2", "X-Other: b3"]);
  assert.ok(all.sent.endsWith("\r\n\r\nb4 and b5\r\n"));

  const first = await relayed(`\tsubst('/a([0-9])/b\\1/');`, TAGGED);
  assert.deepEqual(headerLines(first.sent).filter((l) => l.startsWith("X-")), ["X-Tag: b1", "X-Tag: a2", "X-Other: a3"]);
  assert.ok(first.sent.endsWith("a4 and a5\r\n"));
});

test("subst reaches the second header of a name, and ^ anchors at every header line", async () => {
  const { sent, logs } = await relayed(`\tsubst('/^X-Tag: a2/X-Tag: second/');\n\txlog("rc=$rc seen=$(hdr(X-Tag)[1])\\n");`, TAGGED);
  assert.deepEqual(logs, ["rc=1 seen=a2"], "the script still reads the message as received");
  assert.deepEqual(headerLines(sent).filter((l) => l.startsWith("X-Tag")), ["X-Tag: a1", "X-Tag: second"]);
});

test("the start line is left alone: the Request-URI is not substituted, the To header is", async () => {
  const { sent } = await relayed(`\tsubst('/bob/robert/g');`, request("INVITE"));
  assert.ok(sent.startsWith("INVITE sip:bob@10.0.0.2 SIP/2.0\r\n"));
  assert.ok(headerLines(sent).includes("To: <sip:robert@example.com>"));
});

test("a match may span header lines (the s flag lets . match line breaks)", async () => {
  const message = request("MESSAGE", { headers: "X-A: 1\r\nX-B: 2\r\nX-C: 3\r\n" });
  const { sent } = await relayed(`\tsubst('/X-A: 1.*X-B: 2/X-AB: 12/s');`, message);
  const lines = headerLines(sent);
  assert.deepEqual(lines.slice(lines.indexOf("X-AB: 12"), lines.indexOf("X-AB: 12") + 2), ["X-AB: 12", "X-C: 3"]);
  assert.ok(!sent.includes("X-B"));
});

test("replace changes the first match only, replace_all every one, headers and body alike", async () => {
  const one = await relayed(`\treplace("A[0-9]", "z");\n\txlog("rc=$rc\\n");`, TAGGED);
  assert.deepEqual(one.logs, ["rc=1"], "textops regular expressions ignore case");
  assert.deepEqual(headerLines(one.sent).filter((l) => l.startsWith("X-")), ["X-Tag: z", "X-Tag: a2", "X-Other: a3"]);

  const every = await relayed(`\treplace_all("a[0-9]", "z");`, TAGGED);
  assert.deepEqual(headerLines(every.sent).filter((l) => l.startsWith("X-")), ["X-Tag: z", "X-Tag: z", "X-Other: z"]);
  assert.ok(every.sent.endsWith("\r\n\r\nz and z\r\n"));
  assert.match(every.sent, /\r\nContent-Length: 9\r\n/, "Content-Length follows the changed body");
});

test("a header removed before keeps its removal; nothing matching gives -1", async () => {
  const { sent, logs } = await relayed(
    `\tremove_hf("X-Other");\n\tsubst('/a([0-9])/b\\1/g');\n\txlog("rc=$rc\\n");\n\tif (!subst('/nowhere/x/')) xlog("no match: $rc\\n");`,
    TAGGED,
  );
  assert.deepEqual(logs, ["rc=1", "no match: -1"]);
  assert.deepEqual(headerLines(sent).filter((l) => l.startsWith("X-")), ["X-Tag: b1", "X-Tag: b2"]);
});

test("refused: a match over the blank line ending the headers, and an empty match", async () => {
  const { sent, logs } = await relayed(
    `\tif (!subst('/Content-Length: .*$/x/s')) xlog("blank line: $rc\\n");\n\tif (!subst('/q*/x/')) xlog("empty: $rc\\n");`,
    TAGGED,
  );
  assert.deepEqual(logs, ["blank line: -1", "empty: -1"]);
  assert.equal(sent.replace(/^Via: SIP\/2\.0\/UDP 127\.0\.0\.1:5060;[^\r]*\r\n/m, ""), TAGGED, "nothing but the proxy's Via was added");
});

test("search looks at the whole message, start line included", async () => {
  const { logs } = await relayed(`\tif (search("^INVITE sip:bob@")) xlog("start line\\n");\n\tif (search("^Call-ID: call-1")) xlog("header\\n");`, request("INVITE"));
  assert.deepEqual(logs, ["start line", "header"]);
});

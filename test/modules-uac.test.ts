/** uac: From/To replacement in relayed requests, restoring in replies and in sequential requests. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { uac } from "../runtime/modules/uac.ts";
import { headerOf, replyTo, request, startScript } from "./support/module-scripts.ts";

const ANONYMOUS = "sip:anonymous@anonymous.invalid";

function script(mode: string, route: string): string {
  return `
loadmodule "tm.so"
loadmodule "rr.so"
loadmodule "uac.so"
modparam("uac", "restore_mode", "${mode}")
route {
${route}
}
`;
}

const start = (cfg: string) => startScript(cfg, "3.6", [uac]);

test("uac_replace_from: the relayed request carries the new From; replies go upstream with the original one", async () => {
  const run = await start(
    script(
      "auto",
      `	uac_replace_from("Anonymous", "${ANONYMOUS}");
	xlog("rc=$rc script reads $fu\\n");
	record_route();
	t_relay();`,
    ),
  );
  await run.send(request("INVITE"));
  const sent = run.env.requests[0]!.text;
  assert.equal(headerOf(sent, "From"), `"Anonymous" <${ANONYMOUS}>;tag=alice-tag`);
  assert.match(headerOf(sent, "Record-Route")!, /^<sip:127\.0\.0\.1:5060;lr;ftag=alice-tag;vsf=[A-Za-z0-9+/]+-{0,2}>$/);
  assert.deepEqual(run.logs(), ["rc=1 script reads sip:alice@example.com"]);

  await run.send(replyTo(sent, 180, "Ringing"));
  await run.send(replyTo(sent, 200, "OK"));
  const upstream = run.env.replies.filter((r) => r.code !== 100);
  assert.deepEqual(upstream.map((r) => r.code), [180, 200]);
  for (const reply of upstream) assert.equal(headerOf(reply.text, "From"), "<sip:alice@example.com>;tag=alice-tag");
  assert.equal(headerOf(upstream[1]!.text, "To"), "<sip:bob@example.com>;tag=bob-tag");
});

test("restore_mode none: replies keep the replaced From", async () => {
  const run = await start(script("none", `	uac_replace_from("", "${ANONYMOUS}");\n	record_route();\n	t_relay();`));
  await run.send(request("INVITE"));
  const sent = run.env.requests[0]!.text;
  assert.equal(headerOf(sent, "Record-Route"), "<sip:127.0.0.1:5060;lr;ftag=alice-tag>", "nothing to restore: no parameter");
  await run.send(replyTo(sent, 486, "Busy Here"));
  assert.equal(headerOf(run.env.replies.at(-1)!.text, "From"), `<${ANONYMOUS}>;tag=alice-tag`);
});

test("display names: an empty slot keeps it, \"\" removes it, a display alone is not restored in replies", async () => {
  const withDisplay = (callId: string): string => request("MESSAGE", { callId, branch: `z9hG4bK-${callId}` }).replace("From: <sip:alice@example.com>", 'From: "Alice" <sip:alice@example.com>');
  const run = await start(
    script(
      "auto",
      `	if ($ci == "keep") uac_replace_from(, "sip:a@x.org");
	if ($ci == "drop") uac_replace_from("", "sip:a@x.org");
	if ($ci == "only") uac_replace_to("Bob B", "");
	t_relay();`,
    ),
  );
  for (const id of ["keep", "drop", "only"]) await run.send(withDisplay(id));
  const [keep, drop, only] = run.env.requests.map((r) => r.text);
  assert.equal(headerOf(keep!, "From"), '"Alice" <sip:a@x.org>;tag=alice-tag');
  assert.equal(headerOf(drop!, "From"), "<sip:a@x.org>;tag=alice-tag");
  assert.equal(headerOf(only!, "To"), '"Bob B" <sip:bob@example.com>');
  await run.send(replyTo(only!, 200, "OK"));
  assert.equal(headerOf(run.env.replies.at(-1)!.text, "To"), '"Bob B" <sip:bob@example.com>;tag=bob-tag');
});

test("refused: a URI change in a sequential request in auto mode, a second replacement, a bare URI gets brackets", async () => {
  const run = await start(
    script(
      "auto",
      `	if (!uac_replace_from("", "sip:x@y.org")) xlog("refused: $rc\\n");
	if (has_totag()) exit;
	if (!uac_replace_from("", "sip:z@y.org")) xlog("second: $rc\\n");
	uac_replace_to("Bobby", "");
	t_relay();`,
    ).replace('loadmodule "uac.so"', 'loadmodule "uac.so"\nloadmodule "sipmsgops.so"'),
  );
  await run.send(request("BYE", { toTag: "b-tag" }));
  await run.send(request("MESSAGE").replace("To: <sip:bob@example.com>", "To: sip:bob@example.com"));
  assert.deepEqual(run.logs(), ["refused: -1", "second: -1"]);
  const sent = run.env.requests[0]!.text;
  assert.equal(headerOf(sent, "From"), "<sip:x@y.org>;tag=alice-tag");
  assert.equal(headerOf(sent, "To"), '"Bobby" <sip:bob@example.com>');
});

test("uac_restore_from/to: a sequential request gets the URI back from our Route's parameter, by direction", async () => {
  const first = await start(script("manual", `	uac_replace_from("", "${ANONYMOUS}");\n	record_route();\n	t_relay();`));
  await first.send(request("INVITE"));
  const recordRoute = headerOf(first.env.requests[0]!.text, "Record-Route")!;
  const route = `Route: ${recordRoute}\r\n`;

  const run = await start(
    script(
      "manual",
      `	if (!loose_route()) exit;
	if (uac_restore_from()) xlog("restored\\n");
	if (!uac_restore_to()) xlog("no vst: $rc\\n");
	t_relay();`,
    ),
  );
  // The caller's BYE goes downstream: its From becomes the anonymous URI again.
  await run.send(request("BYE", { toTag: "bob-tag", headers: route, branch: "z9hG4bK-down" }));
  // The callee's BYE goes upstream: its To (the anonymous URI) becomes the caller's again.
  const upstream = request("BYE", { toTag: "x", headers: route, branch: "z9hG4bK-up" })
    .replace("From: <sip:alice@example.com>;tag=alice-tag", "From: <sip:bob@example.com>;tag=bob-tag")
    .replace("To: <sip:bob@example.com>;tag=x", `To: <${ANONYMOUS}>;tag=alice-tag`);
  await run.send(upstream);
  const [down, up] = run.env.requests.map((r) => r.text);
  assert.equal(headerOf(down!, "From"), `<${ANONYMOUS}>;tag=alice-tag`);
  assert.equal(headerOf(up!, "To"), "<sip:alice@example.com>;tag=alice-tag");
  assert.equal(headerOf(up!, "From"), "<sip:bob@example.com>;tag=bob-tag");
  assert.deepEqual(run.logs(), ["restored", "no vst: -1", "restored", "no vst: -1"]);
});

/** `opensips-ts run` as a command: options, output forms and exit codes (the built dist/cli.js). */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseJsonTrace } from "../cli/run-trace.ts";
import { request } from "./support/module-scripts.ts";

const CLI = resolve(fileURLToPath(new URL("../dist/cli.js", import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), "opensips-ts-run-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function cli(...args: string[]) {
  return spawnSync(process.execPath, [CLI, "run", ...args], { encoding: "utf8" });
}

const SCRIPT = file(
  "relay.cfg",
  `socket=udp:127.0.0.1:5060
loadmodule "tm.so"
route {
	xlog("from $si:$sp\\n");
	t_on_failure("f");
	t_relay();
}
failure_route[f] {
	xlog("failed: $T_reply_code\\n");
}
`,
);
const INVITE = file("invite.sip", request("INVITE").replace(/\r\n/g, "\n"));

test("runs a .cfg: readable lines by default, JSON lines with --json, replies from --upstream-reply", () => {
  const readable = cli(SCRIPT, "--sip", INVITE, "--upstream-reply", "180,486", "--source", "192.0.2.7:5070");
  assert.equal(readable.status, 0, readable.stderr);
  assert.equal(
    readable.stdout,
    [
      " 1  route    request",
      " 1  log      NOTICE   from 192.0.2.7:5070",
      " 1  reply    100 Giving it a try",
      " 1  relay    INVITE sip:bob@10.0.0.2 -> sip:bob@10.0.0.2",
      " 1  reply    180 Ringing",
      " 1  relay    ACK sip:bob@10.0.0.2 -> sip:bob@10.0.0.2",
      " 1  route    failure f",
      " 1  log      NOTICE   failed: 486",
      " 1  reply    486 Busy Here",
      "",
    ].join("\n"),
  );
  const json = cli(SCRIPT, "--sip", INVITE, "--json");
  assert.equal(json.status, 0, json.stderr);
  const events = parseJsonTrace(json.stdout);
  assert.deepEqual(events[0], { msg: 1, event: "route", kind: "request", name: null });
  assert.deepEqual(events.at(-1), { msg: 1, event: "relay", ruri: "sip:bob@10.0.0.2", dst: "sip:bob@10.0.0.2", method: "INVITE" });
  assert.equal(json.stdout.trim().split("\n").length, events.length, "one JSON object per line");
});

test("a script with errors: its diagnostics and exit 1", () => {
  const broken = file("broken.cfg", 'socket=udp:127.0.0.1:5060\nroute {\n\tno_such_function();\n}\n');
  const result = cli(broken, "--sip", INVITE);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /broken\.cfg:3:2: error:/);
  assert.equal(result.stdout, "");
});

test("usage errors exit 2: unreadable files, bad codes, bad source, no --sip", () => {
  assert.equal(cli(SCRIPT, "--sip", join(dir, "missing.sip")).status, 2);
  assert.equal(cli(join(dir, "missing.cfg"), "--sip", INVITE).status, 2);
  assert.equal(cli(SCRIPT, "--sip", INVITE, "--upstream-reply", "99").status, 2);
  assert.equal(cli(SCRIPT, "--sip", INVITE, "--source", "nowhere").status, 2);
  assert.equal(cli(SCRIPT).status, 2);
  const notScript = cli(file("plain.js", "export default 42;\n"), "--sip", INVITE);
  assert.equal(notScript.status, 2);
  assert.match(notScript.stderr, /not a compiled opensips-ts script/);
});

test("a file that is not a SIP message is reported in the trace and the run goes on", () => {
  const result = cli(SCRIPT, "--sip", file("garbage.sip", "hello\n"), "--sip", INVITE, "--json");
  assert.equal(result.status, 0, result.stderr);
  const events = parseJsonTrace(result.stdout);
  assert.equal(events[0]?.event, "error");
  assert.equal(events[0]?.msg, 1);
  assert.ok(events.some((e) => e.msg === 2 && e.event === "route"));
});

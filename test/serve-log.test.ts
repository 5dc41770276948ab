/**
 * What `serve` writes to stderr: log lines, transport notices and per-message summaries, as text
 * and as JSON; and how engine events of one run are gathered into one summary.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatEntry, type MessageSummary, type ServeLogEntry } from "../runtime/env/udp-log.ts";
import { Summaries } from "../runtime/env/udp-summary.ts";

const TIME = Date.UTC(2026, 10, 27, 12, 0, 0, 5);
const STAMP = "2026-11-27T12:00:00.005Z";

const invite: MessageSummary = {
  msg: 4,
  received: { type: "request", method: "INVITE", ruri: "sip:bob@10.0.0.2", from: "10.0.0.1:5062", callId: "c1" },
  routes: ["request"],
  replies: [{ code: 100, reason: "Giving it a try", to: "10.0.0.1:5062" }],
  relays: [{ method: "INVITE", ruri: "sip:bob@10.0.0.2", to: "10.0.0.2:5060" }],
  dropped: false,
  errors: [],
};

test("text lines: a log line, a transport notice, a message summary", () => {
  const lines = [
    formatEntry({ kind: "log", msg: 4, level: "INFO", text: "hello" }, "text", TIME),
    formatEntry({ kind: "transport", level: "WARNING", text: "dropped 5 bytes" }, "text", TIME),
    formatEntry({ kind: "message", summary: invite }, "text", TIME),
  ];
  assert.deepEqual(lines, [
    `${STAMP} msg=4 INFO: hello`,
    `${STAMP} udp WARNING: dropped 5 bytes`,
    `${STAMP} msg=4 INVITE sip:bob@10.0.0.2 from 10.0.0.1:5062 | sent 100 Giving it a try to 10.0.0.1:5062 | relayed INVITE sip:bob@10.0.0.2 to 10.0.0.2:5060`,
  ]);
});

test("text summaries of a reply received, a resumed run, a suspended run and a run that sent nothing", () => {
  const base = { routes: [], replies: [], relays: [], dropped: false, errors: [] };
  const reply: MessageSummary = { ...base, msg: 5, received: { type: "reply", code: 180, reason: "Ringing", method: "INVITE", from: "10.0.0.2:5060", callId: "c1" } };
  const resumed: MessageSummary = { ...base, msg: 6, resumed: { route: "credit", rc: 1 }, replies: [{ code: 200, reason: "OK", to: "nowhere" }] };
  const suspended: MessageSummary = { ...invite, msg: 7, replies: [], relays: [], suspended: "avp_db_query", dropped: true, errors: ["boom"] };
  const quiet: MessageSummary = { ...invite, msg: 8, replies: [], relays: [] };
  assert.deepEqual(
    [reply, resumed, suspended, quiet].map((summary) => formatEntry({ kind: "message", summary }, "text", TIME).slice(STAMP.length + 1)),
    [
      "msg=5 reply 180 Ringing (INVITE) from 10.0.0.2:5060 | nothing sent",
      "msg=6 resumed in credit with $rc=1 | sent 200 OK to nowhere",
      "msg=7 INVITE sip:bob@10.0.0.2 from 10.0.0.1:5062 | suspended on avp_db_query() | dropped | error: boom",
      "msg=8 INVITE sip:bob@10.0.0.2 from 10.0.0.1:5062 | nothing sent",
    ],
  );
});

test("JSON lines carry the time, the kind and every field", () => {
  assert.deepEqual(JSON.parse(formatEntry({ kind: "log", msg: 4, level: "ERROR", text: "x" }, "json", TIME)), {
    time: STAMP,
    kind: "log",
    msg: 4,
    level: "ERROR",
    text: "x",
  });
  assert.deepEqual(JSON.parse(formatEntry({ kind: "message", summary: invite }, "json", TIME)), { time: STAMP, kind: "message", ...invite });
});

test("what happens while a received message is handled goes into its summary, whatever message number it is filed under", async () => {
  const written: ServeLogEntry[] = [];
  const summaries = new Summaries((e) => written.push(e));
  const received = { type: "reply", code: 200, reason: "OK", method: "INVITE", from: "10.0.0.2:5060", callId: "c1" } as const;
  const handling = summaries.receiving(received, () => {
    summaries.event({ msg: 9, event: "route", kind: "onreply", name: null });
    summaries.of(3).replies.push({ code: 200, reason: "OK", to: "10.0.0.1:5062" });
    return 9;
  });
  handling.summary.msg = handling.result;
  summaries.of(3).relays.push({ method: "ACK", ruri: "sip:b@h", to: "10.0.0.2:5060" });
  assert.equal(written.length, 0, "nothing is written before the run is over");
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(
    written.map((e) => (e.kind === "message" ? e.summary : null)),
    [
      { msg: 9, received, routes: ["onreply"], replies: [{ code: 200, reason: "OK", to: "10.0.0.1:5062" }], relays: [], dropped: false, errors: [] },
      { msg: 3, routes: [], replies: [], relays: [{ method: "ACK", ruri: "sip:b@h", to: "10.0.0.2:5060" }], dropped: false, errors: [] },
    ],
  );
});

test("later runs (a resume, a timeout) get one summary per message and turn of the event loop", async () => {
  const written: ServeLogEntry[] = [];
  const summaries = new Summaries((e) => written.push(e));
  summaries.event({ msg: 1, event: "route", kind: "request", name: "relay" });
  summaries.event({ msg: 1, event: "suspend", function: "exec" });
  summaries.event({ msg: 2, event: "drop" });
  await new Promise((resolve) => setImmediate(resolve));
  summaries.event({ msg: 1, event: "resume", route: "done", rc: 2 });
  summaries.event({ msg: 1, event: "error", text: "not supported" });
  summaries.flush();
  assert.deepEqual(
    written.map((e) => (e.kind === "message" ? e.summary : null)),
    [
      { msg: 1, routes: ["request[relay]"], replies: [], relays: [], dropped: false, errors: [], suspended: "exec" },
      { msg: 2, routes: [], replies: [], relays: [], dropped: true, errors: [] },
      { msg: 1, routes: [], replies: [], relays: [], dropped: false, errors: ["not supported"], resumed: { route: "done", rc: 2 } },
    ],
  );
});

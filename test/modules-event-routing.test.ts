/** event_routing: notify_on_event / wait_for_event on events raised by raise_event() and engine.raiseEvent. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ModuleImpl } from "../runtime/functions.ts";
import { core } from "../runtime/modules/core.ts";
import { EVENT_FUNCTIONS } from "../runtime/modules/core-events.ts";
import { eventRouting } from "../runtime/modules/event-routing.ts";
import { request, startScript, type ScriptRun } from "./support/module-scripts.ts";

/** The core module with raise_event (core-events.ts), as the engine will have it once registered. */
const coreWithEvents: ModuleImpl = { ...core, functions: new Map([...core.functions, ...EVENT_FUNCTIONS]) };

function errorLines(run: ScriptRun): string[] {
  return run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
}

/** Lets the events raised so far be dispatched (idle() would also wait for the suspended scripts). */
function dispatched(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}

async function start(cfg: string, clock?: () => number): Promise<ScriptRun> {
  return startScript(`loadmodule "tm.so"\nloadmodule "event_routing.so"\n${cfg}`, "3.6", [coreWithEvents, eventRouting], clock);
}

/** Raises E_CALL_PICKUP with the group and picker of the request's headers. */
const RAISE_PICKUP = `
	$avp(attr-name) = "group";
	$avp(attr-val) = $hdr(X-Group);
	$avp(attr-name) = "picker";
	$avp(attr-val) = $fu;
	raise_event("E_CALL_PICKUP", $avp(attr-name), $avp(attr-val));
	xlog("raised: $rc\\n");
	exit;`;

const NOTIFY = `
route {
	if ($rU == "pickup") {${RAISE_PICKUP}
	}
	$avp(secret) = "subscriber only";
	$avp(filter) = "group=1*";
	$avp(filter) = "unknown=whatever";
	notify_on_event("e_call_pickup", $avp(filter), "handle_pickup", 20);
	xlog("subscribed: $rc\\n");
}
route[handle_pickup] {
	xlog("picked by $avp(picker) in group $avp(group); secret=$avp(secret) ru=$ru\\n");
}
event_route[E_CALL_PICKUP] {
	xlog("event route: group $param(group) picker $param(picker)\\n");
}
`;

function pickup(group: string, from = 3): string {
  return request("INVITE", { ruri: "sip:pickup@example.com", branch: `z9hG4bK-pickup-${from}`, callId: `pickup-${from}`, headers: `X-Group: ${group}\r\n` });
}

test("notify_on_event: every matching event runs the notification route after the raising run, with the attributes as AVPs", async () => {
  const run = await start(NOTIFY);
  await run.send(request("INVITE"));
  await run.send(pickup("12"));
  await run.engine.idle();
  await run.send(pickup("2", 4));
  await run.engine.idle();
  await run.send(pickup("15", 5));
  await run.engine.idle();
  assert.deepEqual(run.logs(), [
    "subscribed: 1",
    "raised: 1",
    "event route: group 12 picker sip:alice@example.com",
    "picked by sip:alice@example.com in group 12; secret=<null> ru=sip:user@dummy.com",
    "raised: 1",
    "event route: group 2 picker sip:alice@example.com",
    "raised: 1",
    "event route: group 15 picker sip:alice@example.com",
    "picked by sip:alice@example.com in group 15; secret=<null> ru=sip:user@dummy.com",
  ]);
});

test("a notification subscription expires after its timeout (engine clock)", async () => {
  let now = 1_700_000_000_000;
  const run = await start(NOTIFY, () => now);
  await run.send(request("INVITE"));
  now += 20_000;
  await run.send(pickup("1"));
  await run.engine.idle();
  now += 1_000;
  await run.send(pickup("1", 4));
  await run.engine.idle();
  assert.deepEqual(
    run.logs().filter((l) => l.startsWith("picked")),
    ["picked by sip:alice@example.com in group 1; secret=<null> ru=sip:user@dummy.com"],
    "notified at 20 s, expired at 21 s",
  );
});

test("events raised by the engine notify too; int attributes match as their decimal text", async () => {
  const run = await start(`
route {
	$avp(filter) = "expires=36*";
	$avp(filter) = "aor=bob@*";
	notify_on_event("E_UL_CONTACT_INSERT", $avp(filter), "contact", 30);
}
route[contact] {
	xlog("new contact $avp(uri) of $avp(aor) for $avp(expires)s\\n");
}
`);
  await run.send(request("INVITE"));
  const raise = (aor: string, expires: number): void => {
    run.engine.raiseEvent("E_UL_CONTACT_INSERT", new Map<string, string | number>([["aor", aor], ["uri", `sip:${aor}`], ["expires", expires]]));
  };
  raise("bob@example.com", 3600);
  raise("carol@example.com", 3600);
  raise("bob@example.com", 60);
  await run.engine.idle();
  assert.deepEqual(run.logs(), ["new contact sip:bob@example.com of bob@example.com for 3600s"]);
});

const WAIT = `
route {
	if ($rU == "pickup") {${RAISE_PICKUP}
	}
	$avp(caller) = $fU;
	$avp(filter) = "group=" + $hdr(X-Group);
	async(wait_for_event("E_CALL_PICKUP", $avp(filter), $(hdr(X-Wait){s.int})), resume_call);
	xlog("never runs\\n");
}
route[resume_call] {
	xlog("resumed: rc=$rc caller=$avp(caller) picker=$avp(picker) group=$avp(group)\\n");
}
`;

test("wait_for_event suspends the script until a matching event; the resume route gets its attributes", async () => {
  const run = await start(WAIT);
  const waiting = await run.send(request("INVITE", { headers: "X-Group: 7\r\nX-Wait: 30\r\n" }));
  assert.equal(waiting.status, "suspended");
  await run.send(pickup("8"));
  await dispatched();
  assert.deepEqual(run.logs(), ["raised: 1"], "another group does not resume it");
  await run.send(pickup("7", 4));
  await run.send(pickup("7", 5));
  await run.engine.idle();
  assert.deepEqual(run.logs(), ["raised: 1", "raised: 1", "raised: 1", "resumed: rc=1 caller=alice picker=sip:alice@example.com group=7"]);
});

test("wait_for_event resumes with -2 when its timeout passes first", async () => {
  const run = await start(WAIT);
  await run.send(request("INVITE", { headers: "X-Group: 7\r\nX-Wait: 1\r\n" }));
  await run.engine.idle();
  await run.send(pickup("7"));
  await run.engine.idle();
  assert.deepEqual(run.logs(), ["resumed: rc=-2 caller=alice picker=<null> group=<null>", "raised: 1"]);
});

test("raise_event: nameless values are positional $param()s; names and values must pair up", async () => {
  const run = await start(`
route {
	$avp(v) = "first";
	$avp(v) = "second";
	raise_event("E_PLAIN", $avp(v));
	xlog("plain: $rc\\n");
	$avp(n) = "only-name";
	raise_event("E_PLAIN", $avp(n), $avp(v));
	xlog("mismatch: $rc\\n");
}
event_route[E_PLAIN] {
	xlog("params: $param(1) $param(2)\\n");
}
`);
  await run.send(request("OPTIONS"));
  await run.engine.idle();
  assert.deepEqual(run.logs(), ["plain: 1", "mismatch: -1", "params: second first"]);
  assert.deepEqual(errorLines(run), ["ERROR:core:evi_raise_script_event: missing attribute for the value"]);
});

test("notify_on_event with an unknown route or bad filters: -1 or the bad filters left out", async () => {
  const run = await start(`
route {
	$avp(filter) = "no-separator";
	$avp(filter) = "empty=";
	$var(route) = "missing";
	notify_on_event("E_X", $avp(filter), $var(route), 10);
	xlog("unknown route: $rc\\n");
	notify_on_event("E_X", $avp(filter), "got", 10);
	xlog("bad filters: $rc\\n");
	raise_event("E_X");
}
route[got] {
	xlog("notified\\n");
}
`);
  await run.send(request("OPTIONS"));
  await run.engine.idle();
  assert.deepEqual(run.logs(), ["unknown route: -1", "bad filters: 1", "notified"]);
  assert.deepEqual(errorLines(run), [
    "ERROR:event_routing:notify_on_event: notification route <missing> not defined in script",
    "ERROR:event_routing:notify_on_event: filter <empty=> has no value, discarding",
    "ERROR:event_routing:notify_on_event: filter <no-separator> has no key separtor '=', discarding",
  ]);
});

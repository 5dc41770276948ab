import { test } from "node:test";
import assert from "node:assert/strict";
import type { Call, Script } from "../compiler/ast.ts";
import { checkScript, type CheckTarget } from "../compiler/check.ts";
import { parseScript } from "../compiler/parse.ts";

function check(source: string, target: CheckTarget = "3.6") {
  const parsed = parseScript(source, { file: "test.cfg" });
  assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === "error"), [], "the test script must parse");
  return { ...checkScript(parsed.script, { target }), script: parsed.script };
}

function callsNamed(name: string, info: ReturnType<typeof checkScript>["info"]): Call[] {
  return [...info.calls.keys()].filter((c) => c.name === name);
}

const SCRIPT = `
loadmodule "tm.so"
loadmodule "exec.so"
loadmodule "acme_billing.so"

route[0] {
	route(sub);
}

route[sub] {
	launch(exec("date"), report, "x");
	acme_charge("$fU");
	async(exec("date", , $avp(out)), resume);
}

route[resume] {
	t_relay();
}

route[report] {
	exit;
}

timer_route[tick, 5] {
	xlog("tick\\n");
}

timer_route[tick, 10] {
	xlog("tock\\n");
}
`;

test("CheckInfo resolves every call once, with its parameters and how it runs", () => {
  const { info } = check(SCRIPT);
  const [launched, suspended] = callsNamed("exec", info);
  const launchedInfo = info.calls.get(launched!);
  const suspendedInfo = info.calls.get(suspended!);
  assert.equal(launchedInfo?.kind === "catalogue" && launchedInfo.mode, "launch");
  assert.equal(suspendedInfo?.kind === "catalogue" && suspendedInfo.descriptor.key, "exec.exec");
  assert.equal(suspendedInfo?.kind === "catalogue" && suspendedInfo.mode, "async");
  assert.deepEqual(suspendedInfo?.kind === "catalogue" && suspendedInfo.signature.params.map((p) => p.kind), ["str", "str", "var-out", "var-out", "var-out"]);
  const relay = callsNamed("t_relay", info)[0]!;
  assert.equal(info.calls.get(relay)?.kind === "catalogue" && info.calls.get(relay)?.mode, "sync");
  assert.deepEqual(info.calls.get(callsNamed("acme_charge", info)[0]!), { kind: "unchecked", mode: "sync" });
});

test("CheckInfo lists modules, routes, timers and resume routes", () => {
  const { info, diagnostics } = check(SCRIPT);
  assert.deepEqual(info.loadedModules, ["tm", "exec", "acme_billing"]);
  assert.deepEqual([...info.uncheckedModules], ["acme_billing"]);
  assert.deepEqual(diagnostics.map((d) => d.code), ["OSC3606"]);
  assert.ok(info.routes.byKind.request.get(null), "route[0] is the main route");
  assert.deepEqual([...info.routes.byKind.request.keys()].sort(), [null, "report", "resume", "sub"].sort());
  assert.equal(info.routes.timers.length, 2);
  assert.deepEqual([...info.routes.resumeRoutes].sort(), ["report", "resume"]);
});

test("the same script is judged per target version", () => {
  const source = `
loadmodule "sl.so"
route {
	sl_send_reply("404", "Not Found");
}
`;
  assert.deepEqual(check(source, "2.4").diagnostics, []);
  assert.deepEqual(check(source, "3.4").diagnostics.map((d) => d.code), ["OSC3106"]);
  assert.deepEqual(check(source, "3.6").diagnostics.map((d) => d.code), ["OSC3106"]);
});

test("an internal failure becomes a diagnostic instead of an exception", () => {
  const { script } = check('route {\n\txlog("x");\n}\n');
  const broken = { ...script, items: [...script.items, { kind: "RouteBlock", routeKind: "request", name: "bad", nameSpan: null, body: null, span: script.span }] };
  const { diagnostics } = checkScript(broken as unknown as Script, { target: "3.6" });
  assert.deepEqual(diagnostics.map((d) => [d.severity, d.code]), [["error", "OSC3999"]]);
});

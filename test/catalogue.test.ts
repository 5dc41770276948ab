import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { GENERATED_FILE, generateCatalogueSource } from "../runtime/catalogue/generate.ts";
import { IMPLEMENTED_FILE, generateImplementedSource } from "../runtime/catalogue/generate-implemented.ts";
import { IMPLEMENTED_FUNCTIONS } from "../runtime/catalogue/implemented.generated.ts";
import { decodeParam, decodeSignature, encodeParam, encodeSignature } from "../runtime/catalogue/codec.ts";
import {
  coreParamVersions,
  functionByKey,
  isKnownModule,
  lookupCoreParam,
  lookupFunction,
  lookupPv,
  lookupTransform,
  moduleParams,
  moduleVersions,
  pvVersions,
  type FunctionSignature,
} from "../runtime/catalogue/index.ts";

function found(name: string, version: "2.4" | "3.4" | "3.6", modules: string[] = []): FunctionSignature {
  const result = lookupFunction(name, version, modules);
  assert.equal(result.kind, "found", `${name} on ${version}`);
  return result.kind === "found" ? result.signature : (undefined as never);
}

test("the committed catalogue data matches a fresh generation from the fact tables", () => {
  assert.equal(readFileSync(GENERATED_FILE, "utf8"), generateCatalogueSource());
});

test("parameter and signature codes round-trip", () => {
  const sig = found("exec", "3.6", ["exec"]);
  assert.deepEqual(decodeSignature(encodeSignature(sig)), sig);
  for (const p of sig.params) assert.deepEqual(decodeParam(encodeParam(p)), p);
});

test("3.x kinds follow the cmd_param flags", () => {
  const reply = found("sl_send_reply", "3.6", ["sl"]);
  assert.deepEqual(reply.params.map((p) => [p.kind, p.accepts]), [["int", ["number", "pv"]], ["str", ["string", "pv"]]]);
  assert.deepEqual(reply.routeKinds, ["request", "error"]);
  const setflag = found("setflag", "3.6");
  assert.equal(setflag.params[0]!.kind, "str-static");
  assert.equal(setflag.params[0]!.meaning, "flag");
  const relay = found("t_relay", "3.6", ["tm"]);
  assert.deepEqual([relay.minArgs, relay.maxArgs, relay.params.every((p) => p.optional)], [0, 2, true]);
  assert.equal(found("t_check_status", "3.6", ["tm"]).params[0]!.kind, "regex");
  assert.equal(found("subst", "3.6", ["textops"]).params[0]!.kind, "str-noexpand");
});

test("outputs, AVP-only outputs and output lists are marked", () => {
  const exec = found("exec", "3.6", ["exec"]);
  assert.deepEqual(exec.params.map((p) => p.kind), ["str", "str", "var-out", "var-out", "var-out"]);
  assert.equal(exec.params[4]!.avpOnly, true);
  assert.equal(exec.async, "yes");
  assert.deepEqual(found("rest_get", "3.6", ["rest_client"]).params.map((p) => p.kind), ["str", "var-out", "var-out", "var-out"]);
  assert.equal(found("sql_query", "3.6", ["sqlops"]).params[1]!.meaning, "output-avp-list");
  assert.equal(found("avp_db_query", "3.4", ["avpops"]).params[1]!.meaning, "output-list");
  const raise = found("raise_event", "3.6");
  assert.deepEqual([raise.params[1]!.kind, raise.params[1]!.avpOnly], ["var", true]);
  assert.equal(found("pv_printf", "3.6").params[0]!.kind, "var-out");
});

test("route-name parameters know their route namespace", () => {
  assert.equal(found("t_on_failure", "3.6", ["tm"]).params[0]!.meaning, "route:failure");
  assert.equal(found("t_on_reply", "3.4", ["tm"]).params[0]!.meaning, "route:onreply");
  assert.equal(found("t_on_branch", "2.4", ["tm"]).params[0]!.meaning, "route:branch");
  assert.equal(found("dlg_on_hangup", "3.6", ["dialog"]).params[0]!.meaning, "route:request");
});

test("2.4 module arguments are quoted strings and arity comes from the export rows", () => {
  const rpid = found("append_rpid_hf", "2.4", ["auth"]);
  assert.deepEqual(rpid.argCounts, [0, 2]);
  assert.ok(found("sl_send_reply", "2.4", ["sl"]).params.every((p) => p.accepts.join() === "string"));
  const setflag = found("setflag", "2.4");
  assert.deepEqual([setflag.grammarStatement, setflag.params[0]!.accepts], [true, ["number", "word"]]);
  assert.equal(found("force_rport", "2.4").noParensAllowed, true);
  assert.equal(found("xlog", "2.4").params[0]!.kind, "str");
});

test("lookups resolve by version and by loaded module", () => {
  assert.equal(lookupFunction("sl_send_reply", "3.6", []).kind, "module-not-loaded");
  assert.equal(lookupFunction("avp_db_query", "3.6", ["avpops"]).kind, "other-versions");
  assert.equal(lookupFunction("sql_query", "3.4", ["sqlops"]).kind, "other-versions");
  assert.equal(lookupFunction("no_such_function", "3.6", []).kind, "unknown");
  // Internal API exports (route mask 0) cannot be called from a script.
  assert.equal(lookupFunction("load_tm", "3.6", ["tm"]).kind, "unknown");
  const purr = lookupFunction("pn_process_purr", "3.6", ["mid_registrar"]);
  assert.equal(purr.kind === "found" && purr.descriptor.module, "mid_registrar");
  assert.equal(found("pn_process_purr", "3.6", ["registrar"]).async, "only");
  // The shadowed second call_transfer export can never be reached.
  assert.equal(found("call_transfer", "3.6", ["callops"]).maxArgs, 2);
  assert.deepEqual(functionByKey("tm.t_relay")?.versions, ["2.4", "3.4", "3.6"]);
});

test("pseudo-variables carry writability, arguments, modules and typing", () => {
  assert.deepEqual(lookupPv("rm", "3.6").map((p) => [p.writable, p.stringTyped]), [[false, true]]);
  assert.equal(lookupPv("ru", "3.6")[0]!.writable, true);
  assert.deepEqual(lookupPv("T_reply_code", "3.6").map((p) => [p.module, p.intTyped]), [["tm", true]]);
  assert.deepEqual(lookupPv("branch", "3.6").map((p) => p.takesArgument).sort(), [false, true]);
  assert.equal(lookupPv("avp", "3.6")[0]!.indexable, true);
  assert.deepEqual(pvVersions("msg.branch.uri"), ["3.6"]);
  assert.deepEqual(pvVersions("af"), ["2.4"]);
});

test("transformations, module parameters, core parameters and modules", () => {
  assert.deepEqual(lookupTransform("s", "substr", "3.6"), { module: "core", className: "s", method: "substr", minParams: 2, maxParams: 2 });
  assert.equal(lookupTransform("s", "eval", "2.4"), undefined);
  assert.equal(lookupTransform("rest", "escape", "3.6")?.module, "rest_client");
  assert.deepEqual(moduleParams("tm", "3.6").find((p) => p.name === "fr_timeout"), { module: "tm", name: "fr_timeout", type: "int", repeatable: false });
  assert.equal(lookupCoreParam("udp_workers", "3.6")?.name, "udp_workers");
  assert.deepEqual(coreParamVersions("children"), ["2.4"]);
  assert.equal(isKnownModule("sqlops", "3.6"), true);
  assert.equal(isKnownModule("sqlops", "3.4"), false);
  assert.deepEqual(moduleVersions("avpops"), ["2.4", "3.4"]);
});

test("the catalogue is runtime code: it never imports the compiler", () => {
  const dir = join(import.meta.dirname, "../runtime/catalogue");
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
  for (const file of files) assert.doesNotMatch(readFileSync(join(dir, file), "utf8"), /from "[^"]*compiler\//, file);
});

test("implemented.generated.ts lists exactly the functions of runtime/modules", () => {
  assert.equal(readFileSync(IMPLEMENTED_FILE, "utf8"), generateImplementedSource(), "regenerate with: node --import tsx runtime/catalogue/generate-implemented.ts");
});

test("every implemented function is a catalogue function", () => {
  const unknown = [...IMPLEMENTED_FUNCTIONS].filter((key) => functionByKey(key) === undefined);
  assert.deepEqual(unknown, []);
});

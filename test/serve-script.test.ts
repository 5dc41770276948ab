/**
 * How `serve` loads what it runs: a `.cfg` compiled in memory or a `.js` compiled earlier, both
 * bound to the server's own runtime instance; unreadable files, scripts with errors and modules
 * that are not scripts come back as messages. And `--db`, which points sqlops/avpops at a database.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import * as rt from "../runtime/index.ts";
import { compile } from "../compiler/index.ts";
import { withDatabase } from "../cli/database-override.ts";
import { loadScript } from "../cli/serve-script.ts";
import { scriptOf } from "./support/runtime-harness.ts";

const dir = mkdtempSync(join(tmpdir(), "serve-script-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const OPTIONS = { target: "3.6", color: false } as const;
/** Comparing a string with an integer logs a warning through the run in progress (runtime/active.ts). */
const SCRIPT = 'socket=udp:127.0.0.1:5080\nroute {\n\t$var(s) = "abc";\n\tif ($var(s) == 5) xlog("equal\\n");\n}\n';
const REQUEST =
  "OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\n" +
  "Call-ID: c1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Runs the main route once offline; the log lines it wrote. */
async function logsOf(script: rt.Script): Promise<string[]> {
  const env = new rt.OfflineEnvironment();
  const engine = await rt.createEngine(script, env);
  await engine.handleMessage(REQUEST, { proto: "udp", ip: "127.0.0.1", port: 5062 });
  return env.events.flatMap((e) => (e.event === "log" ? [e.text] : []));
}

const WARNING = 'WARNING:core:comp_scriptvar: cannot compare string value "abc" with integer 5';

test("a .cfg is compiled in memory and runs on the server's runtime instance", async () => {
  const loaded = await loadScript(write("proxy.cfg", SCRIPT), OPTIONS);
  assert.ok(loaded.ok, loaded.ok ? "" : loaded.message);
  assert.deepEqual(loaded.warnings, []);
  assert.equal(loaded.script.sockets[0]!.text, "udp:127.0.0.1:5080");
  assert.deepEqual(await logsOf(loaded.script), [WARNING]);
});

test("a .js compiled earlier loads the same way, its runtime import bound to the server's runtime", async () => {
  const compiled = await compile(SCRIPT, { file: "proxy.cfg", emit: "js" });
  assert.equal(compiled.diagnostics.length, 0);
  const loaded = await loadScript(write("proxy.js", compiled.code), OPTIONS);
  assert.ok(loaded.ok, loaded.ok ? "" : loaded.message);
  assert.deepEqual(await logsOf(loaded.script), [WARNING]);
});

test("what cannot be served comes back as a message: unreadable, not compiling, not a script", async () => {
  const missing = await loadScript(join(dir, "missing.cfg"), OPTIONS);
  assert.equal(missing.ok ? "loaded" : missing.kind, "io");
  const broken = await loadScript(write("broken.cfg", "route {\n\tif ($x ==) exit;\n}\n"), OPTIONS);
  assert.ok(!broken.ok && broken.kind === "script" && broken.message.includes("broken.cfg:2:"), broken.ok ? "" : broken.message);
  const notScript = await loadScript(write("other.js", "export default 42;\n"), OPTIONS);
  assert.deepEqual(notScript, { ok: false, kind: "script", message: `${join(dir, "other.js")} does not export a compiled script (export default rt.defineScript(...))` });
  const throwing = await loadScript(write("throws.js", 'throw new Error("nope");\n'), OPTIONS);
  assert.deepEqual(throwing, { ok: false, kind: "script", message: `${join(dir, "throws.js")} failed to load: nope` });
});

test("--db sets the db_url of sqlops and avpops (keeping a database id) and gives one to those loaded without", () => {
  const modparams: rt.ScriptModParam[] = [
    { module: "sqlops", param: "db_url", value: "2 mysql://old" },
    { module: "acc", param: "db_url", value: "mysql://old" },
    { module: "tm", param: "fr_timeout", value: 5 },
  ];
  const script: rt.Script = { ...scriptOf({}, { modules: ["avpops", "sqlops", "acc"] }), modparams };
  assert.deepEqual(withDatabase(script, "sqlite://:memory:").modparams, [
    { module: "sqlops", param: "db_url", value: "2 sqlite://:memory:" },
    { module: "acc", param: "db_url", value: "mysql://old" },
    { module: "tm", param: "fr_timeout", value: 5 },
    { module: "avpops", param: "db_url", value: "sqlite://:memory:" },
  ]);
});

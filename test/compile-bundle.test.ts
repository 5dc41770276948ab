/**
 * compile() with `bundle: true`: one file that imports nothing from the repository, exports the
 * script and its own runtime copy, and runs a request on that runtime's offline engine.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compile } from "../compiler/index.ts";
import type * as Runtime from "../runtime/index.ts";
import { request, SOURCE } from "./support/runtime-harness.ts";

const SCRIPT = ['loadmodule "sl.so"', "", "route {", '    xlog("bundled $rm from $fU\\n");', '    sl_send_reply(200, "Bundled");', "}", ""].join("\n");

test("bundle: standalone module with the runtime inside runs a request", async () => {
  const result = await compile(SCRIPT, { file: "bundled.cfg", bundle: true, sourcemap: "none" });
  assert.deepEqual(result.diagnostics, []);
  assert.doesNotMatch(result.code, /from\s+["'](opensips-ts\/runtime|\.{1,2}\/)/, "no import of the runtime or of repository files");
  const dir = mkdtempSync(join(tmpdir(), "opensips-bundle-"));
  try {
    const file = join(dir, "bundled.mjs");
    writeFileSync(file, result.code);
    const loaded = (await import(pathToFileURL(file).href)) as { default: Runtime.Script; runtime: typeof Runtime };
    const env = new loaded.runtime.OfflineEnvironment();
    const engine = await loaded.runtime.createEngine(loaded.default, env);
    const handled = await engine.handleRequest(request("OPTIONS"), SOURCE);
    assert.equal(handled.status, "finished", handled.error);
    assert.deepEqual(
      env.events.flatMap((e) => (e.event === "log" ? [e.text] : e.event === "reply" ? [`reply ${e.code} ${e.reason}`] : [])),
      ["bundled OPTIONS from alice", "reply 200 Bundled"],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

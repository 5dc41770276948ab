/**
 * The emitter and compile() as an API: options reach the output, output is deterministic, a missing
 * resume route is the emitter's own error, and no input makes compile() throw.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { compile, compileToTypeScript } from "../compiler/index.ts";
import { emitModule } from "../compiler/emit-module.ts";
import { parseScript } from "../compiler/parse.ts";

const SCRIPT = ['loadmodule "tm.so"', "route {", '    xlog("hello $fU\\n");', "    route(next);", "}", "route[next] { t_relay(); }", ""].join("\n");

test("compileToTypeScript: the runtime import follows options.runtimeImport", () => {
  const result = compileToTypeScript(SCRIPT, { file: "a.cfg", sourcemap: "none", runtimeImport: "../my/runtime.js" });
  assert.match(result.code, /^import \* as rt from "\.\.\/my\/runtime\.js";\n/);
  assert.equal(result.code.match(/^import /gm)?.length, 1, "the runtime is the only import");
});

test("compileToTypeScript: the same input gives the same output", () => {
  const first = compileToTypeScript(SCRIPT, { file: "a.cfg" });
  const second = compileToTypeScript(SCRIPT, { file: "a.cfg" });
  assert.equal(first.code, second.code);
  assert.equal(first.map, second.map);
});

test("compile: emit ts with an external map returns the map apart from the code", async () => {
  const result = await compile(SCRIPT, { file: "a.cfg", emit: "ts", sourcemap: "external" });
  assert.doesNotMatch(result.code, /sourceMappingURL/);
  assert.deepEqual(JSON.parse(result.map!).sources, ["a.cfg"]);
  assert.deepEqual(result.files, ["a.cfg"]);
});

test("emitModule: an async() whose resume route does not exist is an emitter error", () => {
  const parsed = parseScript(['loadmodule "cfgutils.so"', "route {", "    async(sleep(1), nowhere);", "}", ""].join("\n"), { file: "b.cfg" });
  const emitted = emitModule(parsed.script, { file: "b.cfg", target: "3.6", runtimeImport: "opensips-ts/runtime", paramsOf: () => null });
  assert.deepEqual(
    emitted.diagnostics.map((d) => [d.severity, d.code, d.line, d.message]),
    [["error", "OSX5001", 3, 'resume route "nowhere" is not defined']],
  );
});

test("compile: broken or hostile inputs come back as diagnostics, never as exceptions", async () => {
  const inputs = [
    "",
    "route {",
    "route { xlog(\"unterminated); }",
    "}}}}",
    "route { $var(x) = ; }",
    "\u0000\u0001\u0002",
    "route { if ($var(a) == ) { } }",
    "route[x] { route(x); } route[x] { exit; }",
    "route { async(exec(\"x\"), missing); }",
    SCRIPT.slice(0, SCRIPT.length / 2),
    "route { " + "if (1) { ".repeat(300) + "}".repeat(300) + " }",
  ];
  for (const input of inputs) {
    for (const options of [{ emit: "ts" as const }, { emit: "js" as const }, { bundle: true }]) {
      const result = await compile(input, { file: "broken.cfg", sourcemap: "none", ...options });
      assert.ok(Array.isArray(result.diagnostics), input);
      if (result.code === "") assert.ok(result.diagnostics.some((d) => d.severity === "error"), `no code and no error for ${JSON.stringify(input)}`);
    }
  }
});

/** `opensips-ts compile` as users run it: outputs, source maps, bundles, diagnostics, exit codes. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { offlineApp, REPO, runCli, runNode, startCli, tempDirWith } from "./support/cli.ts";

const MAIN = `loadmodule "sl.so"
include_file "sub.cfg"
route {
	xlog("got $rm\\n");
	route(sub);
	sl_send_reply(404, "Not here");
}
`;
const SUB = `route[sub] {\n\txlog("in sub\\n");\n}\n`;
const BROKEN = `loadmodule "sl.so"\nroute {\n\txlog("x\\n");\n\tsl_send_reply(404);\n}\n`;

const INLINE_MAP = /\n\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,([A-Za-z0-9+/=]+)\n$/;

function inlineMapSources(code: string): string[] {
  const encoded = INLINE_MAP.exec(code);
  assert.ok(encoded, "the output ends with an inline source map");
  return (JSON.parse(Buffer.from(encoded[1]!, "base64").toString("utf8")) as { sources: string[] }).sources;
}

test("compile: JavaScript next to the input by default, TypeScript with --emit ts; map sources are relative to the output", async (t) => {
  const dir = tempDirWith(t, { "main.cfg": MAIN, "sub.cfg": SUB });
  const runs = await Promise.all([
    runCli(["compile", "main.cfg"], dir),
    runCli(["compile", "main.cfg", "--emit", "ts", "-o", "out/ts/main.ts"], dir),
    runCli(["compile", "main.cfg", "-o", "out/ext/main.js", "--sourcemap", "external"], dir),
    runCli(["compile", "main.cfg", "-o", "out/none.js", "--sourcemap", "none", "--target", "3.4"], dir),
  ]);
  for (const run of runs) assert.equal(run.code, 0, run.stderr);
  assert.match(runs[0]!.stderr, /wrote main\.js/);

  const js = readFileSync(join(dir, "main.js"), "utf8");
  assert.match(js, /^import \* as rt from "opensips-ts\/runtime";$/m);
  assert.match(js, /function\* route\(ctx\)/);
  assert.doesNotMatch(js, /: rt\.Ctx/, "JavaScript has no type annotations");
  assert.deepEqual(inlineMapSources(js), ["main.cfg", "sub.cfg"]);

  const ts = readFileSync(join(dir, "out/ts/main.ts"), "utf8");
  assert.match(ts, /function\* route\(ctx: rt\.Ctx\): rt\.RouteGen/);
  assert.deepEqual(inlineMapSources(ts), ["../../main.cfg", "../../sub.cfg"]);

  const external = readFileSync(join(dir, "out/ext/main.js"), "utf8");
  assert.match(external, /\n\/\/# sourceMappingURL=main\.js\.map\n$/);
  const map = JSON.parse(readFileSync(join(dir, "out/ext/main.js.map"), "utf8")) as { sources: string[]; sourcesContent: string[] };
  assert.deepEqual(map.sources, ["../../main.cfg", "../../sub.cfg"]);
  assert.deepEqual(map.sourcesContent, [MAIN, SUB]);

  const none = readFileSync(join(dir, "out/none.js"), "utf8");
  assert.doesNotMatch(none, /sourceMappingURL/);
  assert.match(none, /target: "3\.4"/);
  assert.equal(existsSync(join(dir, "out/none.js.map")), false);
});

test("compile: diagnostics print as in check, exit 1 and write nothing; usage errors exit 2", async (t) => {
  const dir = tempDirWith(t, { "bad.cfg": BROKEN, "main.cfg": MAIN, "sub.cfg": SUB });
  const [bad, bundleTs, missing, badEmit, overwrite] = await Promise.all([
    runCli(["compile", "bad.cfg"], dir),
    runCli(["compile", "main.cfg", "--bundle", "--emit", "ts"], dir),
    runCli(["compile", "missing.cfg"], dir),
    runCli(["compile", "main.cfg", "--emit", "wasm"], dir),
    runCli(["compile", "main.cfg", "-o", "main.cfg"], dir),
  ]);
  assert.equal(bad.code, 1, bad.stderr);
  assert.match(bad.stderr, /^bad\.cfg:4:2: error: .*sl_send_reply/m);
  assert.match(bad.stderr, /^4 \|  sl_send_reply\(404\);\n  \|  \^+$/m);
  assert.equal(existsSync(join(dir, "bad.js")), false);

  for (const [run, message] of [
    [bundleTs, /--bundle/],
    [missing, /cannot read missing\.cfg/],
    [badEmit, /emit/],
    [overwrite, /overwrite/],
  ] as const) {
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, message);
  }
  assert.equal(readFileSync(join(dir, "main.cfg"), "utf8"), MAIN, "the input is untouched");
  assert.equal(existsSync(join(dir, "main.js")), false);
});

test("compile --bundle: one file with the runtime inside that loads alone in an empty directory", async (t) => {
  const dir = tempDirWith(t, { "main.cfg": MAIN, "sub.cfg": SUB });
  const run = await runCli(["compile", "main.cfg", "--bundle", "-o", "build/script.mjs"], dir);
  assert.equal(run.code, 0, run.stderr);
  const bundle = readFileSync(join(dir, "build/script.mjs"), "utf8");
  const imports = [...bundle.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]!);
  assert.deepEqual(imports.filter((specifier) => !specifier.startsWith("node:")), [], "only Node built-ins are imported");

  const alone = tempDirWith(t);
  copyFileSync(join(dir, "build/script.mjs"), join(alone, "script.mjs"));
  const load = await runNode(
    [
      "--input-type=module",
      "-e",
      `const { default: s } = await import("./script.mjs");
       console.log(JSON.stringify({ file: s.file, modules: s.modules, request: [...s.routes.request.keys()].sort() }));`,
    ],
    alone,
  );
  assert.equal(load.code, 0, load.stderr);
  assert.deepEqual(JSON.parse(load.stdout), { file: "main.cfg", modules: ["sl"], request: ["", "sub"] });
});

test("compile: with --enable-source-maps, a failing call in a route shows the .cfg file and line in the stack", async (t) => {
  // handle_subscribe (presence) is a function the runtime does not implement: calling it fails the run.
  const dir = tempDirWith(t, {
    "app.cfg": `loadmodule "presence.so"\nloadmodule "sl.so"\n\nroute {\n\txlog("before\\n");\n\thandle_subscribe();\n\tsl_send_reply(200, "OK");\n}\n`,
    // The app runs the compiled script on the runtime's engine, offline, and prints what it reports.
    "run.mjs": offlineApp("opensips-ts/runtime", "./build/app.js"),
  });
  // `opensips-ts/runtime` resolves as in an app that installed the package.
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(REPO, join(dir, "node_modules", "opensips-ts"), "dir");

  const compiled = await runCli(["compile", "app.cfg", "-o", "build/app.js"], dir);
  assert.equal(compiled.code, 0, compiled.stderr);
  const run = await runNode(["--enable-source-maps", "run.mjs"], dir);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /"status":"failed"/);
  assert.match(run.stdout, /"event":"error","text":"not supported by the runtime: handle_subscribe at app\.cfg:6"/);
  assert.match(
    run.stdout + run.stderr,
    /\bat route \(.*\/app\.cfg:6:2\)/,
    "the engine reports the failed run's stack, mapped back to the .cfg (HandleResult or the error trace event)",
  );
});

test("compile --watch: editing an included file recompiles the output", async (t) => {
  const dir = tempDirWith(t, { "main.cfg": MAIN, "sub.cfg": SUB });
  const output = join(dir, "out.js");
  const outputHas = (text: string) => existsSync(output) && readFileSync(output, "utf8").includes(text);
  const watcher = startCli(["compile", "main.cfg", "-o", "out.js", "--sourcemap", "none", "--watch"], dir);
  try {
    await watcher.until(() => /watching 2 file\(s\)/.test(watcher.stderr()), 30_000);
    assert.ok(outputHas('"in sub\\n"'), "the first compilation");
    writeFileSync(join(dir, "sub.cfg"), SUB.replace("in sub", "in the edited sub"));
    await watcher.until(() => outputHas('"in the edited sub\\n"'), 30_000);
    assert.doesNotMatch(watcher.stderr(), /error/);
  } finally {
    await watcher.stop();
  }
});

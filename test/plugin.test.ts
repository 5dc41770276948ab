/**
 * The esbuild plugin as published (`opensips-ts/esbuild`, i.e. dist/esbuild-plugin.js) in real esbuild
 * builds of a small app that imports an opensips.cfg: the bundle runs the script, diagnostics become
 * esbuild errors and warnings at .cfg locations, included files are watched, and the map names the .cfg.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { build, type BuildFailure, type BuildOptions, type OnLoadResult, type Plugin } from "esbuild";
import { offlineApp, REPO, runNode, tempDirWith } from "./support/cli.ts";

const RUNTIME = join(REPO, "runtime", "index.ts");

const SCRIPT = `loadmodule "sl.so"
include_file "routes.cfg"
route {
	xlog("app got $rm\\n");
	route(answer);
	exit;
	xlog("never\\n");
}
`;
const ROUTES = `route[answer] {\n\tsl_send_reply(486, "Busy Here");\n}\n`;

/** The app runs the imported script on the offline engine and prints the trace. */
const APP = offlineApp(RUNTIME, "./opensips.cfg");

type PluginModule = typeof import("../cli/esbuild-plugin.ts");

/** Through the package's own export map, as an app would import it. */
async function publishedPlugin(): Promise<PluginModule> {
  const specifier = "opensips-ts/esbuild";
  return (await import(specifier)) as PluginModule;
}

/** Wraps a plugin so the test sees what its onLoad callbacks hand to esbuild. */
function recordingLoads(plugin: Plugin, loads: OnLoadResult[]): Plugin {
  return {
    name: plugin.name,
    setup: (b) =>
      plugin.setup({
        ...b,
        onLoad: (options, callback) =>
          b.onLoad(options, async (args) => {
            const result = await callback(args);
            if (result) loads.push(result);
            return result;
          }),
      }),
  };
}

function appBuild(dir: string, plugin: Plugin): BuildOptions {
  return {
    absWorkingDir: dir,
    entryPoints: ["app.ts"],
    outfile: "out/app.mjs",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "external",
    logLevel: "silent",
    plugins: [plugin],
  };
}

test("plugin: the bundled app runs the imported script; warnings, watched files and the source map name the .cfg", async (t) => {
  const dir = tempDirWith(t, { "app.ts": APP, "opensips.cfg": SCRIPT, "routes.cfg": ROUTES });
  // The bundle keeps npm packages (the runtime's database drivers) as imports, found as in an installed app.
  symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"), "dir");
  const { opensipsPlugin } = await publishedPlugin();
  const loads: OnLoadResult[] = [];

  const built = await build(appBuild(dir, recordingLoads(opensipsPlugin({ runtimeImport: RUNTIME }), loads)));
  assert.deepEqual(built.errors, []);
  assert.deepEqual(
    built.warnings.map((w) => [w.pluginName, w.location?.file, w.location?.line, w.location?.column, w.location?.lineText]),
    [["opensips-ts", "opensips.cfg", 7, 1, '\txlog("never\\n");']],
  );
  assert.match(built.warnings[0]!.text, /\[OS[A-Z][0-9]{4}\]$/);
  assert.equal(loads.length, 1);
  assert.deepEqual(loads[0]!.watchFiles, [join(dir, "opensips.cfg"), join(dir, "routes.cfg")]);

  const map = JSON.parse(readFileSync(join(dir, "out/app.mjs.map"), "utf8")) as { sources: string[] };
  assert.ok(map.sources.includes("../opensips.cfg"), map.sources.join(", "));
  assert.ok(map.sources.includes("../routes.cfg"), map.sources.join(", "));

  const run = await runNode(["out/app.mjs"], dir);
  assert.equal(run.code, 0, run.stderr);
  const [result, ...trace] = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.equal(result!.status, "finished", run.stdout);
  assert.ok(trace.some((e) => e.event === "log" && e.text === "app got INVITE"), run.stdout);
  assert.ok(trace.some((e) => e.event === "reply" && e.code === 486 && e.reason === "Busy Here"), run.stdout);
});

test("plugin: a broken .cfg fails the build with esbuild errors at the .cfg file, line and column", async (t) => {
  const dir = tempDirWith(t, {
    "app.ts": APP,
    // Line 4: `sl_send_reply` lacks an argument; the é before it is two bytes in UTF-8.
    "opensips.cfg": `loadmodule "sl.so"\ninclude_file "routes.cfg"\nroute {\n\txlog("héllo"); sl_send_reply(404);\n\troute(answer);\n}\n`,
    "routes.cfg": `route[answer] {\n\tno_such_function();\n}\n`,
  });
  const { opensipsPlugin } = await publishedPlugin();
  const failure = await build(appBuild(dir, opensipsPlugin({ runtimeImport: RUNTIME }))).then(
    () => assert.fail("the build succeeded"),
    (error: BuildFailure) => error,
  );
  assert.deepEqual(
    failure.errors.map((e) => [e.pluginName, e.location?.file, e.location?.line, e.location?.column, e.location?.length]),
    [
      ["opensips-ts", "opensips.cfg", 4, 17, 18],
      ["opensips-ts", "routes.cfg", 2, 1, 16],
    ],
  );
  assert.match(failure.errors[0]!.text, /sl_send_reply/);
  assert.equal(failure.errors[0]!.location?.lineText, '\txlog("héllo"); sl_send_reply(404);');
  assert.match(failure.errors[1]!.text, /no_such_function/);
});

/**
 * Source maps end to end: the emitted TypeScript, the esbuild output and the bundle all map known
 * statements back to their `.cfg` lines (through an included file), and a stack trace of an error
 * raised in a route names the `.cfg` file and line under `node --enable-source-maps`.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compile, type CompileOptions } from "../compiler/index.ts";
import { decodeMappings, originalPosition } from "./support/sourcemap-decode.ts";

const RUNTIME_PATH = new URL("../runtime/index.ts", import.meta.url).pathname;

const MAIN = [
  'loadmodule "sl.so"', //                     1
  "", //                                         2
  "route {", //                                  3
  '    xlog("marker-main-1\\n");', //            4
  '    route(helper);', //                       5
  '    xlog("marker-main-2 $rU\\n");', //        6
  '    include_file "sub.cfg"', //               7
  '    sl_send_reply(200, "marker-main-3");', // 8
  "}", //                                        9
  "", //                                        10
  'include_file "routes.cfg"', //               11
  "",
].join("\n");

const SUB = ['    xlog("marker-sub-1\\n");', '    $var(x) = "marker-sub-2";', ""].join("\n");

const ROUTES = [
  "# helper routes", //                          1
  "route[helper] {", //                          2
  '    xlog("marker-routes-1\\n");', //          3
  "}", //                                        4
  "",
].join("\n");

const FILES = new Map([
  ["/virtual/main.cfg", MAIN],
  ["/virtual/sub.cfg", SUB],
  ["/virtual/routes.cfg", ROUTES],
]);

const EXPECTED: [marker: string, file: string, line: number][] = [
  ["marker-main-1", "/virtual/main.cfg", 4],
  ["marker-main-2", "/virtual/main.cfg", 6],
  ["marker-main-3", "/virtual/main.cfg", 8],
  ["marker-sub-1", "/virtual/sub.cfg", 1],
  ["marker-sub-2", "/virtual/sub.cfg", 2],
  ["marker-routes-1", "/virtual/routes.cfg", 3],
];

const OPTIONS: CompileOptions = {
  file: "/virtual/main.cfg",
  readFile: (path) => FILES.get(path) ?? null,
  sourcemap: "external",
};

interface SourceMap {
  sources: string[];
  sourcesContent?: (string | null)[];
  mappings: string;
}

/**
 * For each marker: the `.cfg` file and 1-based line its generated text maps to (a format's text
 * sits in its hoisted constant, which maps to the format's line).
 */
function mappedLines(code: string, mapText: string): [string, string, number][] {
  const map = JSON.parse(mapText) as SourceMap;
  const segments = decodeMappings(map.mappings);
  const lines = code.split("\n");
  return EXPECTED.map(([marker]) => {
    const line = lines.findIndex((l) => l.includes(marker));
    assert.ok(line >= 0, `${marker} not found in the generated code`);
    const original = originalPosition(segments, line, lines[line]!.indexOf(marker));
    assert.ok(original !== null, `${marker}: no mapping on its line`);
    return [marker, map.sources[original.source]!, original.sourceLine + 1];
  });
}

test("emitted TypeScript: statements map to their lines in the main and the included files", async () => {
  const result = await compile(MAIN, { ...OPTIONS, emit: "ts" });
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === "error"), []);
  assert.deepEqual(mappedLines(result.code, result.map!), EXPECTED);
  const map = JSON.parse(result.map!) as SourceMap;
  assert.deepEqual([...map.sources].sort(), [...FILES.keys()].sort());
  for (const [i, source] of map.sources.entries()) assert.equal(map.sourcesContent?.[i], FILES.get(source));
});

test("JavaScript (esbuild transform): the chained map still points at the .cfg lines", async () => {
  const result = await compile(MAIN, { ...OPTIONS, emit: "js" });
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === "error"), []);
  assert.doesNotMatch(result.code, /sourceMappingURL/);
  assert.deepEqual(mappedLines(result.code, result.map!), EXPECTED);
});

test("bundle: the runtime is inside and the script's lines still map to the .cfg files", async () => {
  const result = await compile(MAIN, { ...OPTIONS, bundle: true });
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === "error"), []);
  assert.doesNotMatch(result.code, /from\s+["']opensips-ts\/runtime["']/);
  assert.match(result.code, /function defineScript/);
  assert.deepEqual(mappedLines(result.code, result.map!), EXPECTED);
});

test("inline source map: the code carries the map and the map is returned too", async () => {
  const result = await compile(MAIN, { ...OPTIONS, sourcemap: "inline" });
  const comment = /\/\/# sourceMappingURL=data:application\/json(?:;charset=utf-8)?;base64,([A-Za-z0-9+/=]+)\s*$/.exec(result.code);
  assert.ok(comment, "inline map comment at the end");
  assert.deepEqual(JSON.parse(Buffer.from(comment[1]!, "base64").toString("utf8")), JSON.parse(result.map!));
  const none = await compile(MAIN, { ...OPTIONS, sourcemap: "none" });
  assert.equal(none.map, null);
  assert.doesNotMatch(none.code, /sourceMappingURL/);
});

test("node --enable-source-maps: an error raised in a route shows the .cfg file and line", async () => {
  const dir = mkdtempSync(join(tmpdir(), "opensips-stack-"));
  try {
    const main = join(dir, "main.cfg");
    const mainText = ['loadmodule "my_private_module.so"', "", "route {", '    xlog("before\\n");', "    route(deep);", "}", "", 'include_file "deep.cfg"', ""].join("\n");
    writeFileSync(main, mainText);
    writeFileSync(join(dir, "deep.cfg"), ["route[deep] {", '    xlog("still fine\\n");', "    my_private_function(1);", "}", ""].join("\n"));
    const result = await compile(mainText, { file: main, sourcemap: "inline", runtimeImport: pathToFileURL(RUNTIME_PATH).href });
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === "error"), []);
    writeFileSync(join(dir, "main.mjs"), result.code);
    const runner = [
      `import * as rt from ${JSON.stringify(pathToFileURL(RUNTIME_PATH).href)};`,
      `import script from ${JSON.stringify(pathToFileURL(join(dir, "main.mjs")).href)};`,
      "const engine = await rt.createEngine(script, new rt.OfflineEnvironment());",
      'script.routes.request.get("")(new rt.Ctx(engine.core, { index: 0, vars: new Map() }, 0, "request", null, null)).next();',
    ].join("\n");
    writeFileSync(join(dir, "run.mjs"), runner);
    const run = spawnSync(process.execPath, ["--enable-source-maps", "--import", "tsx", join(dir, "run.mjs")], { encoding: "utf8", cwd: process.cwd() });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /not supported by the runtime: my_private_function at .*deep\.cfg:3/);
    assert.match(run.stderr, /at route_deep \(.*deep\.cfg:3:\d+\)/);
    assert.match(run.stderr, /at route \(.*main\.cfg:5:\d+\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

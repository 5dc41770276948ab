/**
 * `compile()` to JavaScript writes the emitted code without its type annotations: for every emit
 * fixture, the output must be plain JavaScript (esbuild's JS loader accepts no TypeScript syntax)
 * and differ from the TypeScript golden only in those annotations.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { transform } from "esbuild";
import { compile } from "../compiler/index.ts";
import { FIXTURES_DIR } from "./support/golden.ts";

const EMIT = join(FIXTURES_DIR, "emit");
const TARGET_LINE = /^# target: (2\.4|3\.4|3\.6)/;

const withoutAnnotations = (ts: string) =>
  ts
    .replace(/\(ctx: rt\.Ctx\): rt\.RouteGen \{/g, "(ctx) {")
    .replace(/function\* \(\): rt\.RouteGen \{/g, "function* () {")
    .replace(/let t: number;/g, "let t;")
    .replace(/new Map<string, rt\.RouteFn>\(/g, "new Map(");

test("every emit fixture compiles to plain JavaScript equal to its TypeScript minus the annotations", async () => {
  for (const name of readdirSync(EMIT)) {
    const source = readFileSync(join(EMIT, name, "input.cfg"), "utf8");
    const target = (TARGET_LINE.exec(source)?.[1] ?? "3.6") as "2.4" | "3.4" | "3.6";
    const readFile = (path: string) => {
      try {
        return readFileSync(join(EMIT, name, path), "utf8");
      } catch {
        return null;
      }
    };
    const options = { file: "input.cfg", target, sourcemap: "none" as const, readFile };
    const js = await compile(source, { ...options, emit: "js" });
    const ts = await compile(source, { ...options, emit: "ts" });
    assert.notEqual(js.code, "", `${name}: compiles`);
    await assert.doesNotReject(transform(js.code, { loader: "js", format: "esm" }), `${name}: plain JavaScript`);
    assert.equal(js.code, withoutAnnotations(ts.code), `${name}: the TypeScript without its annotations`);
  }
});

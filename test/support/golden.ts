/**
 * The shared golden-fixture runner. A suite lives in `fixtures/<suite>/<case>/`: each case has an
 * `input.cfg` and the golden files the suite produces from it. The suite declares every file name
 * it knows, so an unknown file fails the case (nothing is skipped silently) and a missing golden
 * fails too. With `UPDATE_GOLDEN=1` the goldens are written instead of compared.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

export const FIXTURES_DIR = resolve(fileURLToPath(new URL("../../fixtures", import.meta.url)));

export interface GoldenCase {
  name: string;
  dir: string;
  /** The text of `input.cfg`. */
  input: string;
  /** Reads a file of the case by a path relative to the case folder (null when absent). */
  readFile: (path: string) => string | null;
}

export interface GoldenSuite {
  /** The folder under `fixtures/`. */
  suite: string;
  /** The golden files produced for every case, e.g. `["ast.txt"]`. */
  outputs: string[];
  /** Other files a case may contain (e.g. included `.cfg` files), by name pattern. */
  extraInputs?: RegExp;
  /** Produces the text of every output file. Throwing fails the case with that message. */
  render: (c: GoldenCase) => Record<string, string>;
}

const INPUT = "input.cfg";

export function updatingGoldens(): boolean {
  return process.env.UPDATE_GOLDEN === "1";
}

/** Registers one `node:test` test per case folder. */
export function runGoldenSuite(suite: GoldenSuite): void {
  const root = join(FIXTURES_DIR, suite.suite);
  const cases = existsSync(root) ? readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory()).sort() : [];
  test(`${suite.suite}: the suite has cases`, () => {
    assert.ok(cases.length > 0, `no case folders under ${root}`);
  });
  for (const name of cases) {
    test(`${suite.suite}/${name}`, () => runCase(suite, name, join(root, name)));
  }
}

function runCase(suite: GoldenSuite, name: string, dir: string): void {
  const files = readdirSync(dir).sort();
  assert.ok(files.includes(INPUT), `${suite.suite}/${name}: missing ${INPUT}`);
  const unknown = files.filter((f) => f !== INPUT && !suite.outputs.includes(f) && !suite.extraInputs?.test(f));
  assert.deepEqual(unknown, [], `${suite.suite}/${name}: unknown files (the suite knows ${[INPUT, ...suite.outputs].join(", ")})`);
  const goldenCase: GoldenCase = {
    name,
    dir,
    input: readFileSync(join(dir, INPUT), "utf8"),
    readFile: (path) => readCaseFile(dir, path),
  };
  const actual = suite.render(goldenCase);
  assert.deepEqual(Object.keys(actual).sort(), [...suite.outputs].sort(), `${suite.suite}/${name}: render must produce exactly the declared outputs`);
  for (const output of suite.outputs) {
    const path = join(dir, output);
    const text = actual[output]!;
    if (updatingGoldens()) {
      writeFileSync(path, text);
      continue;
    }
    assert.ok(existsSync(path), `${suite.suite}/${name}: missing golden ${output} (run with UPDATE_GOLDEN=1 to create it)`);
    assert.equal(text, readFileSync(path, "utf8"), `${suite.suite}/${name}: ${output} differs from the golden (UPDATE_GOLDEN=1 rewrites it)`);
  }
}

function readCaseFile(dir: string, path: string): string | null {
  const full = resolve(dir, path);
  if (!full.startsWith(dir + "/") || !existsSync(full) || !statSync(full).isFile()) return null;
  return readFileSync(full, "utf8");
}

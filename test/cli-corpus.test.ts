/**
 * `opensips-ts check --json` over every non-TEMPLATE script of the real-world corpus, one process per target
 * (2.4 for scripts the manifest dates to OpenSIPS 2, else 3.6): the binary answers for every file,
 * with no internal error, and agrees with itself (`ok` ⇔ no error diagnostics, exit code ⇔ all ok).
 * Which scripts are clean, and why the others are not, is pinned in-process by check-corpus.test.ts
 * and corpus-parse.test.ts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { CORPUS_DIR, corpusScripts } from "../bench/corpus.ts";
import { runCli } from "./support/cli.ts";

interface Entry {
  file: string;
  ok: boolean;
  diagnostics: { file: string; severity: string; code: string; message: string; line: number; column: number }[];
}

const INTERNAL_ERRORS = new Set(["OSX9000", "OSC3999", "OSX5000"]);

test("corpus: check --json answers for every script with its target, without internal errors", async (t) => {
  const scripts = corpusScripts();
  assert.ok(scripts.length > 90, "the corpus is there");
  const targets = [...new Set(scripts.map((s) => s.target))];
  const runs = await Promise.all(
    targets.map(async (target) => {
      const files = scripts.filter((s) => s.target === target).map((s) => s.file);
      const run = await runCli(["check", "--json", "--target", target, ...files], CORPUS_DIR);
      assert.notEqual(run.code, 2, run.stderr);
      const entries = JSON.parse(run.stdout) as Entry[];
      assert.deepEqual(entries.map((e) => e.file), files, "one entry per file, in order");
      assert.equal(run.code, entries.every((e) => e.ok) ? 0 : 1, "the exit code agrees with the entries");
      return entries.map((entry) => ({ target, entry }));
    }),
  );
  const entries = runs.flat();
  for (const { entry } of entries) {
    assert.equal(entry.ok, !entry.diagnostics.some((d) => d.severity === "error"), `${entry.file}: ok agrees with its diagnostics`);
    const internal = entry.diagnostics.filter((d) => INTERNAL_ERRORS.has(d.code));
    assert.deepEqual(internal, [], `${entry.file}: no internal error`);
  }
  const clean = entries.filter(({ entry }) => entry.ok).length;
  t.diagnostic(`${clean} of ${entries.length} non-TEMPLATE corpus scripts check clean with their manifest target`);
});

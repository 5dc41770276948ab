/**
 * `opensips-ts check --json` over every non-TEMPLATE script of the real-world corpus, one process per
 * target (2.4 for scripts the manifest dates to OpenSIPS 2, else 3.6): every script must pass.
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

test("corpus: every non-TEMPLATE script passes check --json with its target", async () => {
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
  const failing = runs.flat().filter(({ entry }) => !entry.ok);
  const report = failing.map(({ target, entry }) => {
    const first = entry.diagnostics.find((d) => d.severity === "error")!;
    const errors = entry.diagnostics.filter((d) => d.severity === "error").length;
    return `  [${target}] ${entry.file}: ${errors} error(s), first ${first.file}:${first.line}:${first.column} ${first.code} ${first.message}`;
  });
  assert.equal(failing.length, 0, `${failing.length} of ${scripts.length} corpus scripts fail check:\n${report.join("\n")}`);
});

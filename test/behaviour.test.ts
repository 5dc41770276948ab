/**
 * The behaviour goldens (fixtures/behaviour/), run two ways on the same compiled script of each
 * case: in-process (the runtime sources, the offline engine) against trace.txt, and through the
 * command line (`opensips-ts run <case.js> --json`, the built dist/cli.js), whose JSON trace,
 * rendered, must be the same golden trace.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { parseJsonTrace } from "../cli/run-trace.ts";
import { runGoldenSuite } from "./support/golden.ts";
import {
  CASE_INPUTS,
  caseArgs,
  caseDir,
  caseNames,
  compileCaseToFile,
  renderTrace,
  runCaseInProcess,
  sipFiles,
  startCaseHttpServer,
} from "./support/behaviour-cases.ts";

const execFileAsync = promisify(execFile);
const CLI = resolve(fileURLToPath(new URL("../dist/cli.js", import.meta.url)));
const workDir = mkdtempSync(join(tmpdir(), "opensips-ts-behaviour-"));
const server = await startCaseHttpServer();
after(async () => {
  await server.close();
  rmSync(workDir, { recursive: true, force: true });
});

/** Per case: its compiled script file and in-process trace, or why it failed. */
const runs = new Map<string, { script: string; trace: string } | Error>();
for (const name of caseNames()) {
  try {
    const script = await compileCaseToFile(name, workDir);
    runs.set(name, { script, trace: await runCaseInProcess(name, script) });
  } catch (e) {
    runs.set(name, e instanceof Error ? e : new Error(String(e)));
  }
}

function runOf(name: string): { script: string; trace: string } {
  const run = runs.get(name);
  if (run === undefined || run instanceof Error) throw run ?? new Error(`${name} did not run`);
  return run;
}

runGoldenSuite({
  suite: "behaviour",
  outputs: ["trace.txt"],
  extraInputs: CASE_INPUTS,
  render: (c) => ({ "trace.txt": runOf(c.name).trace }),
});

function cliArguments(name: string, script: string): string[] {
  const args = caseArgs(name);
  const argv = ["run", script, "--json", ...sipFiles(name).flatMap((f) => ["--sip", f]), "--gap", String(args.gap)];
  for (const codes of args.upstreamReply) argv.push("--upstream-reply", codes.join(","));
  if (args.source !== null) argv.push("--source", args.source);
  if (args.db !== null) argv.push("--db", args.db);
  return argv;
}

describe("behaviour goldens through `opensips-ts run --json`", { concurrency: 2 }, () => {
  it("has the built CLI", () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`node build.mjs\` first`);
  });
  for (const name of caseNames()) {
    it(name, async () => {
      const { stdout } = await execFileAsync(process.execPath, [CLI, ...cliArguments(name, runOf(name).script)]);
      assert.equal(renderTrace(parseJsonTrace(stdout)), readFileSync(join(caseDir(name), "trace.txt"), "utf8"));
    });
  }
});

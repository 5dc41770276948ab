/**
 * `npm run bench`: every benchmark in one report. Each runs in its own process so one's warm-up
 * or heap does not colour another's figures. Timings are medians; nothing here passes or fails.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { largestCorpusScript } from "./corpus.ts";

const repo = join(import.meta.dirname, "..");
const COLD_RUNS = 7;

function runBenchmark(file: string, nodeFlags: string[] = []): void {
  const path = join(repo, "bench", file);
  if (!existsSync(path)) return;
  const result = spawnSync(process.execPath, [...nodeFlags, "--import", "tsx", path], { cwd: repo, stdio: "inherit" });
  if (result.status !== 0) process.stdout.write(`(${file} exited with ${result.status})\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Wall time of a fresh `node dist/cli.js …` process: what a user waits for. */
function coldCli(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, [join(repo, "dist", "cli.js"), ...args], { cwd: repo, stdio: "ignore" });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

runBenchmark("parse.ts");
runBenchmark("compile.ts");
runBenchmark("runtime.ts", ["--expose-gc"]);
runBenchmark("sip-parse.ts");

const largest = largestCorpusScript();
const nodeAlone = (() => {
  const times: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, ["-e", "0"]);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
})();
const out = join(repo, "node_modules", ".cache", "bench-cold.js");
process.stdout.write(`\ncold CLI on the largest corpus script (${largest.lines} lines, ${largest.file}), median of ${COLD_RUNS}:\n`);
process.stdout.write(`  node -e 0                     ${nodeAlone.toFixed(0)} ms\n`);
process.stdout.write(`  opensips-ts check             ${coldCli(["check", largest.path, "--target", largest.target]).toFixed(0)} ms\n`);
process.stdout.write(`  opensips-ts compile           ${coldCli(["compile", largest.path, "--target", largest.target, "-o", out]).toFixed(0)} ms\n`);

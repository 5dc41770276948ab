/**
 * Whole-pipeline compile throughput over the real-world corpus (non-TEMPLATE scripts): cfg lines
 * per second, warm, median of 5 runs, with the time of each phase (parse, check, emit, source map).
 * Run: node --import tsx bench/compile.ts
 */
import { performance } from "node:perf_hooks";
import { checkScript } from "../compiler/check.ts";
import { emitModule } from "../compiler/emit-module.ts";
import { compile, DEFAULT_RUNTIME_IMPORT } from "../compiler/index.ts";
import { parseScript } from "../compiler/parse.ts";
import { buildSourceMap } from "../compiler/sourcemap.ts";
import { corpusScripts, type CorpusScript } from "./corpus.ts";

const RUNS = 5;
/** Runs before measuring, so that the figures are of JIT-compiled code. */
const WARM_UP_RUNS = 3;

/** One compile() after another, or all started at once. */
async function wholePipeline(scripts: readonly CorpusScript[], concurrent: boolean): Promise<{ ms: number; failed: number }> {
  const start = performance.now();
  const one = (s: CorpusScript) => compile(s.source, { file: s.path, target: s.target });
  const results = concurrent ? await Promise.all(scripts.map(one)) : [];
  if (!concurrent) for (const s of scripts) results.push(await one(s));
  return { ms: performance.now() - start, failed: results.filter((r) => r.code === "").length };
}

async function medianRun(scripts: readonly CorpusScript[], concurrent: boolean): Promise<{ median: number; runs: number[] }> {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) runs.push((await wholePipeline(scripts, concurrent)).ms);
  return { median: [...runs].sort((a, b) => a - b)[Math.floor(RUNS / 2)]!, runs };
}

interface PhaseTime {
  wall: number;
  /** This process's CPU time. */
  cpu: number;
}

/** Time per phase over the scripts that compile. */
async function phases(scripts: readonly CorpusScript[]): Promise<Record<string, PhaseTime>> {
  const totals: Record<string, PhaseTime> = {};
  const time = async <T>(phase: string, f: () => T | Promise<T>): Promise<T> => {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const value = await f();
    const used = process.cpuUsage(cpu);
    const total = (totals[phase] ??= { wall: 0, cpu: 0 });
    total.wall += performance.now() - wall;
    total.cpu += (used.user + used.system) / 1000;
    return value;
  };
  for (const s of scripts) {
    const parsed = await time("parse", () => parseScript(s.source, { file: s.path }));
    const checked = await time("check", () => checkScript(parsed.script, { target: s.target }));
    if ([...parsed.diagnostics, ...checked.diagnostics].some((d) => d.severity === "error")) continue;
    const emitted = await time("emit", () =>
      emitModule(parsed.script, {
        file: s.path,
        target: s.target,
        runtimeImport: DEFAULT_RUNTIME_IMPORT,
        paramsOf: (call) => {
          const resolved = checked.info.calls.get(call);
          return resolved?.kind === "catalogue" ? resolved.signature.params : null;
        },
        language: "js",
      }),
    );
    await time("sourcemap", () => buildSourceMap(emitted.code, emitted.origins, parsed.sources, `${s.path}.js`));
  }
  return totals;
}

const scripts = corpusScripts();
const lines = scripts.reduce((n, s) => n + s.lines, 0);
let warm = await wholePipeline(scripts, false);
for (let i = 1; i < WARM_UP_RUNS; i++) warm = await wholePipeline(scripts, false);
console.log(`corpus: ${scripts.length} scripts, ${lines} lines (${warm.failed} with error diagnostics, no code)`);
for (const concurrent of [false, true]) {
  const { median, runs } = await medianRun(scripts, concurrent);
  const label = concurrent ? "compile() all at once" : "compile() one by one";
  console.log(`${label}: median ${median.toFixed(1)} ms of ${runs.map((r) => r.toFixed(0)).join("/")} → ${Math.round((lines / median) * 1000)} lines/s`);
}
const byPhase = await phases(scripts);
console.log("phases, one by one, ms wall/cpu: " + Object.entries(byPhase).map(([k, v]) => `${k} ${v.wall.toFixed(0)}/${v.cpu.toFixed(0)}`).join(", "));
const mainThreadCpu = Object.values(byPhase).reduce((n, v) => n + v.cpu, 0);
console.log(`this process's CPU for the whole corpus: ${mainThreadCpu.toFixed(0)} ms → ${Math.round((lines / mainThreadCpu) * 1000)} lines/s`);

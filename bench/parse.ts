/**
 * Front-end throughput: preprocess + lex + parse + AST over every script of the corpus, in cfg lines
 * per second, warm (median of the timed runs after warm-up). Measured twice: the code as shipped
 * (bundled by esbuild, like dist/) and the TypeScript sources as loaded by tsx (whose keep-names
 * transform wraps named closures, which is why the parser caches its alternatives).
 * Run: node --import tsx bench/parse.ts
 */
import { build } from "esbuild";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parseScript as parseFromSource } from "../compiler/parse.ts";
import { CORPUS_DIR } from "./corpus.ts";

const WARM_UP_RUNS = 3;
const TIMED_RUNS = 7;

type Parse = typeof parseFromSource;

interface Script {
  file: string;
  source: string;
}

function corpus(): { scripts: Script[]; lines: number } {
  const scripts = readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith(".cfg"))
    .sort()
    .map((file) => ({ file, source: readFileSync(join(CORPUS_DIR, file), "utf8") }));
  const lines = scripts.reduce((n, s) => n + s.source.split("\n").length - (s.source.endsWith("\n") ? 1 : 0), 0);
  return { scripts, lines };
}

function linesPerSecond(parse: Parse, scripts: Script[], lines: number): number {
  const run = () => {
    const start = performance.now();
    for (const s of scripts) parse(s.source, { file: s.file, readFile: () => null });
    return performance.now() - start;
  };
  for (let i = 0; i < WARM_UP_RUNS; i++) run();
  const times = Array.from({ length: TIMED_RUNS }, run).sort((a, b) => a - b);
  return lines / (times[Math.floor(times.length / 2)]! / 1000);
}

async function shippedParse(): Promise<Parse> {
  const outdir = join(import.meta.dirname, "..", "node_modules", ".cache");
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, "bench-parse.mjs");
  await build({
    entryPoints: [join(import.meta.dirname, "..", "compiler", "parse.ts")],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  return ((await import(pathToFileURL(outfile).href)) as { parseScript: Parse }).parseScript;
}

const { scripts, lines } = corpus();
const format = (n: number) => Math.round(n).toLocaleString("en-US");
process.stdout.write(`parse: ${scripts.length} corpus scripts, ${format(lines)} lines; warm lines/s, median of ${TIMED_RUNS} runs\n`);
process.stdout.write(`  as shipped (esbuild bundle)   ${format(linesPerSecond(await shippedParse(), scripts, lines))}\n`);
process.stdout.write(`  from source (tsx)             ${format(linesPerSecond(parseFromSource, scripts, lines))}\n`);

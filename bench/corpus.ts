/** The real-world corpus the benchmarks run over (read from ../shared/corpus, never copied). */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const CORPUS_DIR = join(import.meta.dirname, "..", "..", "shared", "corpus");

export interface CorpusScript {
  file: string;
  path: string;
  lines: number;
  target: "2.4" | "3.6";
  source: string;
}

/** Every script whose manifest note is not TEMPLATE, with the target its version guess implies. */
export function corpusScripts(): CorpusScript[] {
  const manifest = readFileSync(join(CORPUS_DIR, "MANIFEST.tsv"), "utf8").trim().split("\n").slice(1);
  return manifest
    .map((line) => line.split("\t"))
    .filter((cols) => !(cols[8] ?? "").includes("TEMPLATE"))
    .map((cols) => {
      const path = join(CORPUS_DIR, cols[0]!);
      const source = readFileSync(path, "utf8");
      return { file: cols[0]!, path, lines: source.split("\n").length, target: cols[6] === "2" ? "2.4" : "3.6", source };
    });
}

export function largestCorpusScript(): CorpusScript {
  return corpusScripts().reduce((a, b) => (b.lines > a.lines ? b : a));
}

/**
 * Robustness: thousands of damaged scripts (windows of corpus files truncated, with lines deleted
 * or duplicated, characters inserted, words swapped) must each come back from parseScript as a
 * ParseResult whose diagnostics point into files it read. A seeded PRNG keeps runs reproducible;
 * set MUTATION_SEED to explore other inputs.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { corpusScripts } from "../bench/corpus.ts";
import { parseScript } from "../compiler/parse.ts";

const INPUTS = 10_000;
const WINDOW_LINES = 30;
const INTERESTING = ['{', '}', '(', ')', '[', ']', ';', '"', "'", '$', '/*', '*/', '#', '\\', '\n', ' ', '=', '==', '!', '&&', ',', ':', '.', '-', '0x', 'route', 'if', 'else', '$(', '{s.', '\u0000', '\u00e9'];

/** mulberry32: small, fast, good enough to shuffle test inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = (lines: string[], random: () => number) => string;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

const MUTATIONS: Record<string, Mutation> = {
  truncate: (lines, random) => {
    const text = lines.join("\n");
    return text.slice(0, Math.floor(random() * text.length));
  },
  deleteLine: (lines, random) => lines.filter((_, i) => i !== Math.floor(random() * lines.length)).join("\n"),
  duplicateLine: (lines, random) => {
    const at = Math.floor(random() * lines.length);
    return [...lines.slice(0, at + 1), lines[at]!, ...lines.slice(at + 1)].join("\n");
  },
  insertText: (lines, random) => {
    const text = lines.join("\n");
    const at = Math.floor(random() * (text.length + 1));
    const piece = random() < 0.7 ? pick(INTERESTING, random) : String.fromCharCode(Math.floor(random() * 256));
    return text.slice(0, at) + piece + text.slice(at);
  },
  swapWords: (lines, random) => {
    const words = lines.join("\n").split(/(\s+)/);
    const a = Math.floor(random() * words.length);
    const b = Math.floor(random() * words.length);
    [words[a], words[b]] = [words[b]!, words[a]!];
    return words.join("");
  },
};

test(`mutation: ${INPUTS} damaged corpus windows never make parseScript throw`, () => {
  const random = prng(Number(process.env.MUTATION_SEED ?? 20251127));
  const sources = corpusScripts().map((s) => s.source.split("\n"));
  const names = Object.keys(MUTATIONS);
  const counts = Object.fromEntries(names.map((n) => [n, 0]));
  for (let i = 0; i < INPUTS; i++) {
    const lines = pick(sources, random);
    const start = Math.floor(random() * Math.max(1, lines.length - WINDOW_LINES));
    let window = lines.slice(start, start + WINDOW_LINES);
    let input = "";
    for (let round = 0, rounds = 1 + Math.floor(random() * 3); round < rounds; round++) {
      const name = pick(names, random);
      counts[name]!++;
      input = MUTATIONS[name]!(window, random);
      window = input.split("\n");
    }
    let result;
    try {
      result = parseScript(input, { file: "m.cfg", readFile: () => null });
    } catch (e) {
      assert.fail(`input #${i} threw ${String(e)}\n--- input ---\n${input}`);
    }
    assert.equal(result.script.kind, "Script");
    for (const d of result.diagnostics) {
      assert.ok(result.sources.has(d.file) && d.line >= 1 && d.column >= 1, `input #${i}: diagnostic outside the input: ${JSON.stringify(d)}`);
      assert.ok(!/internal error/.test(d.message), `input #${i}: ${d.message}\n--- input ---\n${input}`);
    }
  }
  for (const name of names) assert.ok(counts[name]! > INPUTS / 10, `mutation ${name} ran ${counts[name]} times`);
});

/**
 * Turns offsets in the flattened script text into spans that name the original file, line and
 * column (through include files). Columns count characters; a tab is one column, as in OpenSIPS.
 */
import type { Span } from "./ast.ts";
import type { LineRun } from "./preprocess.ts";

export class SourceLocator {
  private readonly lineStarts: number[] = [0];
  private lastLine = 0;

  constructor(
    private readonly text: string,
    private readonly runs: readonly LineRun[],
    private readonly fallbackFile: string,
  ) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
  }

  /** The span of `[start, end)` in the flattened text. A span crossing files is cut at its start line. */
  span(start: number, end: number): Span {
    const startLine = this.flatLineOf(start);
    const endLine = end <= start ? startLine : this.flatLineOf(end);
    const from = this.origin(startLine);
    const column = start - this.lineStarts[startLine]! + 1;
    const endColumn = Math.max(start, end) - this.lineStarts[endLine]! + 1;
    if (endLine === startLine) return { file: from.file, line: from.line, column, endLine: from.line, endColumn };
    const to = this.origin(endLine);
    if (to.file !== from.file) return { file: from.file, line: from.line, column, endLine: from.line, endColumn: column + 1 };
    return { file: from.file, line: from.line, column, endLine: to.line, endColumn };
  }

  /** Where OpenSIPS reports an unexpected end of input: column 1 of the last line. */
  endOfInput(): Span {
    let flatLine = this.lineStarts.length - 1;
    if (flatLine > 0 && this.lineStarts[flatLine] === this.text.length) flatLine--;
    const origin = this.origin(flatLine);
    return { file: origin.file, line: origin.line, column: 1, endLine: origin.line, endColumn: 1 };
  }

  private flatLineOf(offset: number): number {
    const starts = this.lineStarts;
    // Spans are mostly asked for in source order: try the line of the previous answer first.
    const hint = this.lastLine;
    if (starts[hint]! <= offset && (hint + 1 === starts.length || starts[hint + 1]! > offset)) return hint;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return lo;
  }

  private origin(flatLine: number): { file: string; line: number } {
    const runs = this.runs;
    if (runs.length === 0) return { file: this.fallbackFile, line: flatLine + 1 };
    if (runs.length === 1) return { file: runs[0]!.file, line: runs[0]!.line + flatLine - runs[0]!.flatLine };
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[mid]!.flatLine <= flatLine) lo = mid;
      else hi = mid - 1;
    }
    const run = runs[lo]!;
    return { file: run.file, line: run.line + (flatLine - run.flatLine) };
  }
}

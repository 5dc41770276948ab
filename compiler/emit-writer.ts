/**
 * The text of one emitted section, written in one pass through ts-morph's CodeBlockWriter, with
 * the origin of each statement/expression recorded for the source map as it is written. The
 * writer is imported from its own package (`code-block-writer`, which ts-morph re-exports):
 * importing it through `ts-morph` would load the TypeScript compiler, about half of a cold
 * `compile`, for a class that does not use it.
 */
import CodeBlockWriter from "code-block-writer";
import type { Span } from "./ast.ts";
import type { Origin } from "./sourcemap.ts";

export class Out {
  private readonly writer = new CodeBlockWriter({ indentNumberOfSpaces: 2, newLine: "\n", useTabs: false });
  readonly origins: Origin[] = [];
  /** The current line's text not yet handed to the writer: one write per line keeps the writer fast. */
  private pending = "";
  /** Origins on the pending line, their offsets relative to it until it is written. */
  private pendingOrigins: Origin[] = [];

  constructor(indentation = 0) {
    this.writer.setIndentationLevel(indentation);
  }

  /** What is written next came from `span`. */
  from(span: Span): this {
    this.pendingOrigins.push({ offset: this.pending.length, span });
    return this;
  }

  write(text: string): this {
    this.pending += text;
    return this;
  }

  /** Writes `text` and ends the line. */
  line(text: string): this {
    this.pending += text;
    this.flush();
    this.writer.newLine();
    return this;
  }

  /** Ends the current line if something is on it. */
  endLine(): this {
    this.flush();
    this.writer.newLineIfLastNot();
    return this;
  }

  blankLine(): this {
    this.flush();
    this.writer.blankLineIfLastNot();
    return this;
  }

  indented(body: () => void): this {
    this.flush();
    this.writer.indent(() => {
      body();
      this.flush();
    });
    return this;
  }

  toString(): string {
    this.flush();
    return this.writer.toString();
  }

  /** Hands the pending text to the writer, which indents it; its origins land after the indentation. */
  private flush(): void {
    if (this.pending === "" && this.pendingOrigins.length === 0) return;
    const before = this.writer.getLength();
    this.writer.write(this.pending);
    const start = this.writer.getLength() - this.pending.length;
    for (const o of this.pendingOrigins) this.origins.push({ offset: Math.max(before, start + o.offset), span: o.span });
    this.pending = "";
    this.pendingOrigins = [];
  }
}

/** A finished piece of the module: its text and where its parts came from. */
export interface Section {
  text: string;
  origins: readonly Origin[];
}

export function section(out: Out): Section {
  return { text: out.toString(), origins: out.origins };
}

/** The sections end to end, with each section's origins moved to its place in the whole. */
export function joinSections(sections: readonly Section[]): { text: string; origins: Origin[] } {
  let text = "";
  const origins: Origin[] = [];
  for (const s of sections) {
    const base = text.length;
    for (const o of s.origins) origins.push({ offset: base + o.offset, span: o.span });
    text += s.text;
  }
  return { text, origins };
}

/**
 * Pending changes to a message's header section, applied when the message is serialised (the
 * "lumps" of OpenSIPS): fields replaced or removed, and text inserted between fields. Positions
 * refer to the fields as received: gap `i` lies just before field `i`, gap `n` after the last one.
 */

export class HeaderEdits {
  /** Field index → the raw text that replaces it; "" removes the field. */
  private readonly replaced: Map<number, string>;
  /** Gap index → the raw text inserted there, in the order it was added. */
  private readonly inserted: Map<number, string>;

  constructor(replaced = new Map<number, string>(), inserted = new Map<number, string>()) {
    this.replaced = replaced;
    this.inserted = inserted;
  }

  get isEmpty(): boolean {
    return this.replaced.size === 0 && this.inserted.size === 0;
  }

  replacement(field: number): string | undefined {
    return this.replaced.get(field);
  }

  replace(field: number, raw: string): void {
    this.replaced.set(field, raw);
  }

  remove(field: number): void {
    this.replaced.set(field, "");
  }

  insertedAt(gap: number): string | undefined {
    return this.inserted.get(gap);
  }

  /** Adds `raw` at `gap`, after any text already inserted there. */
  insert(gap: number, raw: string): void {
    this.inserted.set(gap, (this.inserted.get(gap) ?? "") + raw);
  }

  clone(): HeaderEdits {
    return new HeaderEdits(new Map(this.replaced), new Map(this.inserted));
  }
}

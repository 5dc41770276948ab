/**
 * Pending changes to a message's header section, applied when the message is serialised (the
 * "lumps" of OpenSIPS): fields replaced or removed, and text inserted between fields. Positions
 * refer to the fields as received: gap `i` lies just before field `i`, gap `n` after the last one.
 */

export class HeaderEdits {
  /** Field index → the raw text that replaces it; "" removes the field. Null until the first. */
  private replaced: Map<number, string> | null;
  /** Gap index → the raw text inserted there, in the order it was added. Null until the first. */
  private inserted: Map<number, string> | null;

  constructor(replaced: Map<number, string> | null = null, inserted: Map<number, string> | null = null) {
    this.replaced = replaced;
    this.inserted = inserted;
  }

  get isEmpty(): boolean {
    return this.replaced === null && this.inserted === null;
  }

  replacement(field: number): string | undefined {
    return this.replaced?.get(field);
  }

  replace(field: number, raw: string): void {
    (this.replaced ??= new Map()).set(field, raw);
  }

  remove(field: number): void {
    this.replace(field, "");
  }

  insertedAt(gap: number): string | undefined {
    return this.inserted?.get(gap);
  }

  /** Adds `raw` at `gap`, after any text already inserted there. */
  insert(gap: number, raw: string): void {
    const inserted = (this.inserted ??= new Map());
    inserted.set(gap, (inserted.get(gap) ?? "") + raw);
  }

  clone(): HeaderEdits {
    return new HeaderEdits(this.replaced && new Map(this.replaced), this.inserted && new Map(this.inserted));
  }
}

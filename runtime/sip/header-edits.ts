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

  /** Takes back the first occurrence of `raw` among the text inserted at `gap`; false when it is not there. */
  removeInserted(gap: number, raw: string): boolean {
    const text = this.inserted?.get(gap);
    const at = text === undefined ? -1 : text.indexOf(raw);
    if (text === undefined || at < 0) return false;
    const left = text.slice(0, at) + text.slice(at + raw.length);
    if (left !== "") this.inserted!.set(gap, left);
    else if (this.inserted!.delete(gap) && this.inserted!.size === 0) this.inserted = null;
    return true;
  }

  clone(): HeaderEdits {
    return new HeaderEdits(this.replaced && new Map(this.replaced), this.inserted && new Map(this.inserted));
  }
}

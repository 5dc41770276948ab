/**
 * Message and branch flags. OpenSIPS 3.x names flags by strings (`setflag("NAT")`); a name is
 * given the next free bit the first time it is used, and a decimal name ("3") is that bit. A
 * flag set is a 32-bit mask, as OpenSIPS's `flag_t`.
 */

export const MAX_FLAG = 31;

/** The names in use for one kind of flag (message or branch), shared by the whole script. */
export class FlagNames {
  private readonly bitByName = new Map<string, number>();
  private readonly nameByBit = new Map<number, string>();
  private nextBit = 0;

  /** The bit of `name`, allocating one for a new name; null when the bits are exhausted or the number is out of range. */
  bit(name: string): number | null {
    if (/^[0-9]+$/.test(name)) {
      const n = Number(name);
      return n <= MAX_FLAG ? n : null;
    }
    const known = this.bitByName.get(name);
    if (known !== undefined) return known;
    while (this.nameByBit.has(this.nextBit)) this.nextBit++;
    if (this.nextBit > MAX_FLAG) return null;
    this.bitByName.set(name, this.nextBit);
    this.nameByBit.set(this.nextBit, name);
    return this.nextBit++;
  }

  /** The names of the bits set in `mask` (a bit without a name is its number), lowest first. */
  namesOf(mask: number): string[] {
    const names: string[] = [];
    for (let bit = 0; bit <= MAX_FLAG; bit++) {
      if ((mask >>> bit) & 1) names.push(this.nameByBit.get(bit) ?? String(bit));
    }
    return names;
  }
}

export function setBit(mask: number, bit: number): number {
  return (mask | (1 << bit)) >>> 0;
}

export function clearBit(mask: number, bit: number): number {
  return (mask & ~(1 << bit)) >>> 0;
}

export function hasBit(mask: number, bit: number): boolean {
  return ((mask >>> bit) & 1) === 1;
}

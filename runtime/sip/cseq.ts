/**
 * The CSeq header value: `314159 INVITE`.
 */

export interface CSeq {
  /** The sequence number as written (`$cs` is a string). */
  readonly number: string;
  readonly method: string;
}

const CSEQ = /^([0-9]{1,10})\s+([!%'*+.0-9A-Z_`a-z~-]+)$/;

/** Parses a CSeq value; null when malformed or the number exceeds 2^32 - 1. */
export function parseCSeq(value: string): CSeq | null {
  const match = CSEQ.exec(value);
  if (match === null || Number(match[1]) > 0xffffffff) return null;
  return { number: match[1]!, method: match[2]! };
}

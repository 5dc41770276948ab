/**
 * One RFC 4180 CSV record, as OpenSIPS's `_parse_csv_record(..., CSV_RFC_4180)` reads it:
 * printable ASCII only, a field that starts with `"` is quoted (`""` inside stands for `"`) and
 * must be followed by `,` or the end; a trailing CRLF is dropped.
 */
import { memoLast } from "./memo.ts";

function parse(text: string): string[] | null {
  const input = text.endsWith("\r\n") ? text.slice(0, -2) : text;
  if (/[^\x20-\x7e]/.test(input)) return null;
  const fields: string[] = [];
  let start = 0;
  for (;;) {
    if (input[start] === '"') {
      let value = "";
      let i = start + 1;
      for (;;) {
        const quote = input.indexOf('"', i);
        if (quote < 0) return null;
        value += input.slice(i, quote);
        if (input[quote + 1] !== '"') {
          i = quote + 1;
          break;
        }
        value += '"';
        i = quote + 2;
      }
      fields.push(value);
      if (i >= input.length) return fields;
      if (input[i] !== ",") return null;
      // OpenSIPS stops after a quoted field whose comma ends the text: no empty last field.
      if (i === input.length - 1) return fields;
      start = i + 1;
    } else {
      const comma = input.indexOf(",", start);
      fields.push(input.slice(start, comma < 0 ? input.length : comma));
      if (comma < 0) return fields;
      start = comma + 1;
    }
  }
}

/** The fields, or null for a malformed record. */
export const parseCsvRecord = memoLast(parse);

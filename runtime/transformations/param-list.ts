/**
 * OpenSIPS's generic `parse_params`: `name[=value]` items separated by `;`, as used by the
 * `param` class and by `{uri.param}`. It is stricter and more literal than the SIP-layer parser:
 * a trailing `;` or a missing value after `=` fails the whole list, a quoted value loses its
 * quotes, a `,` or `>` after an item ends the list, and names may be empty.
 */

export interface ListParam {
  readonly name: string;
  /** The value without quotes; "" for a parameter written without `=`. */
  readonly value: string;
}

const isBlank = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\r" || c === "\n";

/** The parameters in written order, or null when the text does not parse. */
export function parseParamList(text: string): ListParam[] | null {
  const list: ListParam[] = [];
  let pos = 0;
  const skipBlanks = (): void => {
    while (isBlank(text[pos])) pos++;
  };
  const scanUntil = (stop: string): string => {
    const start = pos;
    while (pos < text.length && !stop.includes(text[pos]!)) pos++;
    return text.slice(start, pos);
  };
  for (;;) {
    const name = scanUntil(" \t\r\n;,=");
    skipBlanks();
    let value = "";
    if (text[pos] === "=") {
      pos++;
      skipBlanks();
      if (pos >= text.length) return null;
      if (text[pos] === '"') {
        const close = text.indexOf('"', pos + 1);
        if (close < 0) return null;
        value = text.slice(pos + 1, close);
        pos = close + 1;
      } else {
        value = scanUntil(" \t\r\n,;");
        if (value === "") return null;
      }
      skipBlanks();
    }
    list.push({ name, value });
    if (pos >= text.length || text[pos] === "," || text[pos] === ">") return list;
    if (text[pos] !== ";") return null;
    pos++;
    skipBlanks();
    if (pos >= text.length) return null;
  }
}

/** The first parameter called `name`, compared case-insensitively. */
export function findParam(list: readonly ListParam[], name: string): ListParam | undefined {
  const wanted = name.toLowerCase();
  return list.find((p) => p.name.toLowerCase() === wanted);
}

/** The item at `index`, negative indexes counting from the end. */
export function paramAt(list: readonly ListParam[], index: number): ListParam | undefined {
  return list[index < 0 ? list.length + index : index];
}

/**
 * Shell wildcard matching as permissions does it for the address table's `pattern` column:
 * glibc `fnmatch(pattern, text, FNM_PERIOD)`. `*` any run, `?` one character, `[...]` a set
 * (`!` or `^` negates, ranges, `[:alpha:]`-style classes), `\` quotes the next character; a `.`
 * at the start of the text only matches a literal `.` (FNM_PERIOD); `/` is an ordinary character.
 * A `[` without its closing `]` is a literal `[`.
 */

type Token = { readonly kind: "star" } | { readonly kind: "one"; readonly test: (ch: string) => boolean; readonly literal: string | null };

const CLASSES: Readonly<Record<string, RegExp>> = {
  alnum: /[A-Za-z0-9]/,
  alpha: /[A-Za-z]/,
  blank: /[ \t]/,
  cntrl: /[\x00-\x1f\x7f]/,
  digit: /[0-9]/,
  graph: /[\x21-\x7e]/,
  lower: /[a-z]/,
  print: /[\x20-\x7e]/,
  punct: /[!-/:-@[-`{-~]/,
  space: /[ \t\n\v\f\r]/,
  upper: /[A-Z]/,
  xdigit: /[0-9A-Fa-f]/,
};

function literal(ch: string): Token {
  return { kind: "one", test: (c) => c === ch, literal: ch };
}

/** The set starting at `pattern[start]` (just after `[`): its token and the index after `]`, or null when it is not closed. */
function parseSet(pattern: string, start: number): { token: Token; next: number } | null {
  let i = start;
  const negated = pattern[i] === "!" || pattern[i] === "^";
  if (negated) i++;
  const members: ((ch: string) => boolean)[] = [];
  let first = true;
  while (i < pattern.length && (pattern[i] !== "]" || first)) {
    first = false;
    const klass = /^\[:([a-z]+):\]/.exec(pattern.slice(i));
    if (klass !== null && CLASSES[klass[1]!] !== undefined) {
      const re = CLASSES[klass[1]!]!;
      members.push((ch) => re.test(ch));
      i += klass[0].length;
      continue;
    }
    let low = pattern[i]!;
    if (low === "\\" && i + 1 < pattern.length) low = pattern[++i]!;
    i++;
    if (pattern[i] === "-" && i + 1 < pattern.length && pattern[i + 1] !== "]") {
      let high = pattern[i + 1]!;
      i += 2;
      if (high === "\\" && i < pattern.length) high = pattern[i++]!;
      const from = low;
      members.push((ch) => ch >= from && ch <= high);
    } else {
      const only = low;
      members.push((ch) => ch === only);
    }
  }
  if (i >= pattern.length) return null;
  const test = (ch: string): boolean => members.some((member) => member(ch)) !== negated;
  return { token: { kind: "one", test, literal: null }, next: i + 1 };
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i]!;
    if (ch === "*") {
      tokens.push({ kind: "star" });
      i++;
    } else if (ch === "?") {
      tokens.push({ kind: "one", test: () => true, literal: null });
      i++;
    } else if (ch === "[") {
      const set = parseSet(pattern, i + 1);
      tokens.push(set === null ? literal("[") : set.token);
      i = set === null ? i + 1 : set.next;
    } else if (ch === "\\" && i + 1 < pattern.length) {
      tokens.push(literal(pattern[i + 1]!));
      i += 2;
    } else {
      tokens.push(literal(ch));
      i++;
    }
  }
  return tokens;
}

/** Whether `text` matches the wildcard `pattern` (fnmatch with FNM_PERIOD). */
export function fnmatch(pattern: string, text: string): boolean {
  const tokens = tokenize(pattern);
  const chars = [...text];
  if (chars[0] === "." && !(tokens[0]?.kind === "one" && tokens[0].literal === ".")) return false;
  let t = 0;
  let c = 0;
  let starAt = -1;
  let starChar = 0;
  while (c < chars.length) {
    const token = tokens[t];
    if (token?.kind === "star") {
      starAt = t++;
      starChar = c;
    } else if (token !== undefined && token.test(chars[c]!)) {
      t++;
      c++;
    } else if (starAt >= 0) {
      t = starAt + 1;
      c = ++starChar;
    } else {
      return false;
    }
  }
  while (tokens[t]?.kind === "star") t++;
  return t === tokens.length;
}

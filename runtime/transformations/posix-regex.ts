/**
 * POSIX extended regular expressions (glibc `regcomp` with REG_EXTENDED) translated to
 * JavaScript RegExp, for `{re.subst}`.
 *
 * Translated faithfully: bracket expressions (backslash is literal inside them, `]` first is
 * literal, `[:class:]`, `[=c=]`, `[.c.]`), `.` `^` `$` with and without REG_NEWLINE, back
 * references, glibc's `\w \W \s \S \b \B \< \> \` \'`, and any other `\c` as the literal `c`
 * (so `\d` is the letter d, as in glibc). Known difference: POSIX picks the leftmost-longest
 * alternative where JavaScript picks the first one that matches (`a|ab` on "ab").
 */

interface EreOptions {
  readonly ignoreCase: boolean;
  /** REG_NEWLINE: `.` and `[^...]` never match a newline, `^`/`$` also match at line boundaries. */
  readonly newlineSensitive: boolean;
}

const CLASSES: Readonly<Record<string, string>> = {
  alpha: "A-Za-z",
  digit: "0-9",
  alnum: "A-Za-z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\v\\f\\r",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  print: "\\x20-\\x7e",
  graph: "\\x21-\\x7e",
  cntrl: "\\x00-\\x1f\\x7f",
  xdigit: "0-9A-Fa-f",
};

const GLIBC_ESCAPES: Readonly<Record<string, string>> = {
  w: "\\w",
  W: "\\W",
  s: "\\s",
  S: "\\S",
  b: "\\b",
  B: "\\B",
  "<": "\\b(?=\\w)",
  ">": "\\b(?<=\\w)",
  "`": "(?<![\\s\\S])",
  "'": "(?![\\s\\S])",
};

function literal(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/** A bracket expression starting at `pattern[start]` (`[`): its JS class and where it ends. */
function bracket(pattern: string, start: number, options: EreOptions): { source: string; end: number } | null {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === "^") {
    negate = true;
    i++;
  }
  const items: string[] = [];
  let first = true;
  while (i < pattern.length && (pattern[i] !== "]" || first)) {
    first = false;
    let item: string;
    const special = pattern[i] === "[" ? /^\[([:=.])(.*?)\1\]/.exec(pattern.slice(i)) : null;
    if (special !== null) {
      const [whole, kind, name] = special as unknown as [string, string, string];
      if (kind === ":") {
        const cls = CLASSES[name];
        if (cls === undefined) return null;
        item = cls;
      } else {
        if (name.length !== 1) return null;
        item = literal(name);
      }
      i += whole.length;
    } else {
      item = literal(pattern[i]!);
      i++;
      // A range `a-z`; a `-` right before the closing `]` is a literal.
      if (pattern[i] === "-" && pattern[i + 1] !== undefined && pattern[i + 1] !== "]") {
        item += `-${literal(pattern[i + 1]!)}`;
        i += 2;
      }
    }
    items.push(item);
  }
  if (i >= pattern.length) return null;
  const newline = negate && options.newlineSensitive ? "\\n" : "";
  return { source: `[${negate ? "^" : ""}${items.join("")}${newline}]`, end: i + 1 };
}

/** The JS source of an ERE, or null when it does not compile under POSIX rules we check. */
function translate(pattern: string, options: EreOptions): string | null {
  const nl = options.newlineSensitive;
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\") {
      const next = pattern[++i];
      if (next === undefined) return null;
      out += /[1-9]/.test(next) ? `\\${next}` : (GLIBC_ESCAPES[next] ?? literal(next));
    } else if (c === "[") {
      const cls = bracket(pattern, i, options);
      if (cls === null) return null;
      out += cls.source;
      i = cls.end - 1;
    } else if (c === ".") {
      out += nl ? "[^\\n]" : "[\\s\\S]";
    } else if (c === "^") {
      out += nl ? "(?<![^\\n])" : "(?<![\\s\\S])";
    } else if (c === "$") {
      out += nl ? "(?![^\\n])" : "(?![\\s\\S])";
    } else if (c === "(" && pattern[i + 1] === "?") {
      return null;
    } else if (c === "{") {
      const interval = /^\{\d+(,\d*)?\}/.exec(pattern.slice(i));
      if (interval === null) out += "\\{";
      else {
        out += interval[0];
        i += interval[0].length - 1;
      }
    } else {
      out += c === "}" || c === "]" || c === "/" ? `\\${c}` : c;
    }
  }
  return out;
}

/** A global RegExp for the ERE (callers drive `lastIndex`), or null when it does not compile. */
export function compileEre(pattern: string, options: EreOptions): RegExp | null {
  const source = translate(pattern, options);
  if (source === null) return null;
  try {
    return new RegExp(source, options.ignoreCase ? "gi" : "g");
  } catch {
    return null;
  }
}

/**
 * Perl-compatible regular expressions (PCRE2, as the regex and dialplan modules compile them)
 * translated to JavaScript RegExps, which already share most of PCRE's syntax. What is translated:
 * the compile options (PCRE2_CASELESS, _MULTILINE, _DOTALL, _EXTENDED) and leading `(?imsx)`
 * settings; `.` and `$` with PCRE's meaning (`.` stops at LF only; `$` without MULTILINE also
 * matches before a final newline); `\A \z \Z \G \Q…\E \h \H \v \V \R \N \e \a \x{…} \o{…}`,
 * `\g{n}` and the named-group spellings `(?P<n>…) (?'n'…) (?P=n) \k{n} \k'n'`; POSIX classes
 * inside brackets (`[[:digit:]]`); a `]` first in a bracket is literal; `(?#…)` comments.
 * Rejected with an error, as JavaScript has no equivalent: inline option changes after the start,
 * atomic groups, possessive quantifiers, recursion, conditionals, `\K`, `\p{…}`, backtracking
 * verbs and unknown escapes of letters (PCRE2 rejects those too).
 */

export interface PcreOptions {
  readonly caseless?: boolean;
  readonly multiline?: boolean;
  readonly dotall?: boolean;
  readonly extended?: boolean;
}

export type CompiledPcre =
  | { readonly ok: true; readonly re: RegExp; readonly captureCount: number }
  | { readonly ok: false; readonly error: string };

class PcreSyntaxError extends Error {}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: "A-Za-z",
  digit: "0-9",
  alnum: "0-9A-Za-z",
  upper: "A-Z",
  lower: "a-z",
  space: "\\t\\n\\v\\f\\r ",
  blank: "\\t ",
  punct: "!-\\/:-@\\[-`{-~",
  print: " -~",
  graph: "!-~",
  cntrl: "\\x00-\\x1f\\x7f",
  xdigit: "0-9A-Fa-f",
  word: "0-9A-Za-z_",
  ascii: "\\x00-\\x7f",
};

const VERTICAL_SPACE = "\\n\\x0b\\f\\r\\x85\\u2028\\u2029";
const HORIZONTAL_SPACE = "\\t \\xa0";

/** Escapes with the same meaning everywhere, as a piece usable inside a bracket. */
const CLASS_ESCAPES: Readonly<Record<string, string>> = {
  d: "\\d",
  D: "\\D",
  w: "\\w",
  W: "\\W",
  s: "\\s",
  S: "\\S",
  h: HORIZONTAL_SPACE,
  v: VERTICAL_SPACE,
  n: "\\n",
  r: "\\r",
  t: "\\t",
  f: "\\f",
  e: "\\x1b",
  a: "\\x07",
};

/** Escapes outside brackets that differ from JavaScript's or stand for a whole construct. */
const ATOM_ESCAPES: Readonly<Record<string, string>> = {
  A: "(?<![\\s\\S])",
  z: "(?![\\s\\S])",
  Z: "(?=\\n?(?![\\s\\S]))",
  G: "(?<![\\s\\S])",
  h: `[${HORIZONTAL_SPACE}]`,
  H: `[^${HORIZONTAL_SPACE}]`,
  v: `[${VERTICAL_SPACE}]`,
  V: `[^${VERTICAL_SPACE}]`,
  R: "(?:\\r\\n|[\\n\\x0b\\f\\r\\x85])",
  N: "[^\\n]",
  b: "\\b",
  B: "\\B",
};

const UNSUPPORTED_ESCAPES = new Set(["K", "p", "P", "X", "C"]);
const UNSUPPORTED_GROUPS: readonly [string, string][] = [
  ["?>", "atomic groups"],
  ["?|", "branch reset groups"],
  ["?(", "conditional groups"],
  ["?R", "recursion"],
  ["?&", "recursion"],
  ["?P>", "recursion"],
  ["?C", "callouts"],
  ["*", "backtracking verbs"],
];

interface Flags {
  caseless: boolean;
  multiline: boolean;
  dotall: boolean;
  extended: boolean;
}

const FLAG_LETTERS: Readonly<Record<string, keyof Flags>> = { i: "caseless", m: "multiline", s: "dotall", x: "extended" };

function literal(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

function hexEscape(code: number): string {
  if (code > 0xffff) throw new PcreSyntaxError(`character code 0x${code.toString(16)} is beyond what the runtime supports`);
  return `\\u${code.toString(16).padStart(4, "0")}`;
}

class Translator {
  private pos = 0;
  /** After an atom that a quantifier may follow (for possessive `+` detection). */
  private afterQuantifier = false;

  constructor(
    private readonly src: string,
    private readonly flags: Flags,
  ) {}

  /** Leading `(?imsx-imsx)` settings become compile options. */
  leadingOptions(): void {
    for (;;) {
      const match = /^\(\?([imsx]*)(?:-([imsx]*))?\)/.exec(this.src.slice(this.pos));
      if (match === null || match[0] === "(?)") return;
      for (const c of match[1] ?? "") this.flags[FLAG_LETTERS[c]!] = true;
      for (const c of match[2] ?? "") this.flags[FLAG_LETTERS[c]!] = false;
      this.pos += match[0].length;
    }
  }

  translate(): string {
    let out = "";
    while (this.pos < this.src.length) out += this.next();
    return out;
  }

  private next(): string {
    const c = this.src[this.pos++]!;
    const wasQuantifier = this.afterQuantifier;
    this.afterQuantifier = false;
    if (this.flags.extended && /\s/.test(c)) {
      this.afterQuantifier = wasQuantifier;
      return "";
    }
    if (this.flags.extended && c === "#") {
      const end = this.src.indexOf("\n", this.pos);
      this.pos = end < 0 ? this.src.length : end + 1;
      this.afterQuantifier = wasQuantifier;
      return "";
    }
    switch (c) {
      case "\\":
        return this.escape();
      case "[":
        return this.bracket();
      case "(":
        return this.group();
      case ".":
        return this.flags.dotall ? "[\\s\\S]" : "[^\\n]";
      case "$":
        return this.flags.multiline ? "(?=\\n|(?![\\s\\S]))" : "(?=\\n?(?![\\s\\S]))";
      case "^":
        return this.flags.multiline ? "(?<=^|\\n)" : "^";
      case "*":
      case "?":
      case "{":
        return this.quantifier(c, wasQuantifier);
      case "+":
        if (wasQuantifier) throw new PcreSyntaxError("possessive quantifiers are not supported by the runtime");
        return this.quantifier(c, false);
      default:
        return c === "/" ? "\\/" : c;
    }
  }

  /** A quantifier, and whether a possessive `+` may follow it; a `{` that is no quantifier is literal. */
  private quantifier(c: string, afterQuantifier: boolean): string {
    if (c === "?" && afterQuantifier) return "?";
    if (c === "{") {
      const match = /^(\d+)(,\d*)?\}/.exec(this.src.slice(this.pos));
      if (match === null) return "\\{";
      this.pos += match[0].length;
      this.afterQuantifier = true;
      return `{${match[0]}`;
    }
    this.afterQuantifier = true;
    return c;
  }

  /** The character after a `\`. */
  private escapedChar(): string {
    if (this.pos >= this.src.length) throw new PcreSyntaxError("\\ at end of pattern");
    return this.src[this.pos++]!;
  }

  /** `\Q…\E` quoting (a stray `\E` is nothing); null for other escapes. */
  private quoting(c: string): string | null {
    if (c === "Q") return this.quoted();
    return c === "E" ? "" : null;
  }

  private escape(): string {
    const c = this.escapedChar();
    const quoted = this.quoting(c);
    if (quoted !== null) return quoted;
    if (c === "g" || c === "k") return this.backReference(c);
    if (/[1-9]/.test(c)) return `\\${c}`;
    if (UNSUPPORTED_ESCAPES.has(c)) throw new PcreSyntaxError(`\\${c} is not supported by the runtime`);
    const atom = ATOM_ESCAPES[c] ?? CLASS_ESCAPES[c];
    if (atom !== undefined) return atom;
    return this.codeEscape(c) ?? this.otherEscape(c);
  }

  /** `\xhh`, `\x{h…}`, `\o{…}`, `\0oo`, `\cX`; null for other letters. */
  private codeEscape(c: string): string | null {
    const rest = this.src.slice(this.pos);
    if (c === "x") {
      const braced = /^\{([0-9A-Fa-f]+)\}/.exec(rest);
      const plain = /^[0-9A-Fa-f]{0,2}/.exec(rest)![0];
      const digits = braced?.[1] ?? plain;
      this.pos += braced?.[0].length ?? plain.length;
      return hexEscape(digits === "" ? 0 : parseInt(digits, 16));
    }
    if (c === "o") {
      const braced = /^\{([0-7]+)\}/.exec(rest);
      if (braced === null) throw new PcreSyntaxError("\\o must be followed by {octal digits}");
      this.pos += braced[0].length;
      return hexEscape(parseInt(braced[1]!, 8));
    }
    if (c === "0") {
      const digits = /^[0-7]{0,2}/.exec(rest)![0];
      this.pos += digits.length;
      return hexEscape(digits === "" ? 0 : parseInt(digits, 8));
    }
    if (c === "c") {
      const letter = rest[0];
      if (letter === undefined || !/[\x20-\x7e]/.test(letter)) throw new PcreSyntaxError("\\c must be followed by a printable character");
      this.pos++;
      return hexEscape(letter.toUpperCase().charCodeAt(0) ^ 0x40);
    }
    return null;
  }

  private otherEscape(c: string): string {
    if (/[A-Za-z0-9]/.test(c)) throw new PcreSyntaxError(`unrecognized character follows \\: ${c}`);
    return literal(c);
  }

  /** `\Q…\E`: everything up to `\E` (or the end) is literal. */
  private quoted(): string {
    const end = this.src.indexOf("\\E", this.pos);
    const text = this.src.slice(this.pos, end < 0 ? this.src.length : end);
    this.pos = end < 0 ? this.src.length : end + 2;
    return [...text].map(literal).join("");
  }

  /** `\g{n}`, `\gn`, `\g{-n}`, `\g{name}`, `\k<n>`, `\k'n'`, `\k{n}`. */
  private backReference(c: string): string {
    const rest = this.src.slice(this.pos);
    const match = c === "g" ? /^(?:\{(-?\d+|[A-Za-z_]\w*)\}|(-?\d+))/.exec(rest) : /^(?:<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)'|\{([A-Za-z_]\w*)\})/.exec(rest);
    if (match === null) throw new PcreSyntaxError(`malformed \\${c} reference`);
    this.pos += match[0].length;
    const target = match[1] ?? match[2] ?? match[3]!;
    if (/^\d+$/.test(target)) return `\\${target}`;
    if (target.startsWith("-")) throw new PcreSyntaxError("relative back references are not supported by the runtime");
    return `\\k<${target}>`;
  }

  private group(): string {
    const rest = this.src.slice(this.pos);
    if (rest.startsWith("?#")) {
      const end = this.src.indexOf(")", this.pos);
      if (end < 0) throw new PcreSyntaxError("missing ) after (?# comment");
      this.pos = end + 1;
      return "";
    }
    const unsupported = UNSUPPORTED_GROUPS.find(([prefix]) => rest.startsWith(prefix)) ?? (/^\?[+-]?\d/.test(rest) ? ["", "recursion"] : undefined);
    if (unsupported !== undefined) throw new PcreSyntaxError(`${unsupported[1]} are not supported by the runtime`);
    if (/^\?[imsx-]*[:)]/.test(rest) && !/^\?:/.test(rest)) throw new PcreSyntaxError("option settings are supported only at the start of the pattern");
    const named = /^\?(?:P<|<(?![=!])|')([A-Za-z_]\w*)[>']/.exec(rest);
    if (named !== null) {
      this.pos += named[0].length;
      return `(?<${named[1]}>`;
    }
    const reference = /^\?P=([A-Za-z_]\w*)\)/.exec(rest);
    if (reference !== null) {
      this.pos += reference[0].length;
      this.afterQuantifier = false;
      return `\\k<${reference[1]}>`;
    }
    return "(";
  }

  /** A bracket expression after its `[`. */
  private bracket(): string {
    let out = "[";
    if (this.src[this.pos] === "^") {
      out += "^";
      this.pos++;
    }
    let first = true;
    for (;;) {
      if (this.pos >= this.src.length) throw new PcreSyntaxError("missing terminating ] for character class");
      const c = this.src[this.pos++]!;
      if (c === "]" && !first) return `${out}]`;
      first = false;
      if (c === "[" && this.src[this.pos] === ":") out += this.posixClass();
      else if (c === "\\") out += this.classEscape();
      else out += c === "]" || c === "[" ? `\\${c}` : c;
    }
  }

  private posixClass(): string {
    const match = /^:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos));
    const cls = match === null ? undefined : POSIX_CLASSES[match[2]!];
    if (match === null || cls === undefined) throw new PcreSyntaxError("unknown POSIX class name");
    if (match[1] === "^") throw new PcreSyntaxError("negated POSIX classes are not supported by the runtime");
    this.pos += match[0].length;
    return cls;
  }

  private classEscape(): string {
    const c = this.escapedChar();
    const quoted = this.quoting(c);
    if (quoted !== null) return quoted;
    if (c === "b") return "\\x08";
    const piece = CLASS_ESCAPES[c];
    if (piece !== undefined) return piece;
    if (UNSUPPORTED_ESCAPES.has(c) || c === "H" || c === "V") throw new PcreSyntaxError(`\\${c} in a character class is not supported by the runtime`);
    return this.codeEscape(c) ?? this.otherEscape(c);
  }
}

/** How many capturing groups `re` has. */
function captureCount(re: RegExp): number {
  return new RegExp(`${re.source}|`, re.flags).exec("")!.length - 1;
}

/** Compiles a PCRE pattern with the given options. Never throws. */
export function compilePcre(source: string, options: PcreOptions = {}): CompiledPcre {
  const flags: Flags = {
    caseless: options.caseless === true,
    multiline: options.multiline === true,
    dotall: options.dotall === true,
    extended: options.extended === true,
  };
  try {
    const translator = new Translator(source, flags);
    translator.leadingOptions();
    const translated = translator.translate();
    const re = new RegExp(translated, flags.caseless ? "i" : "");
    return { ok: true, re, captureCount: captureCount(re) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * POSIX extended regular expressions (regcomp with REG_EXTENDED, as OpenSIPS compiles `=~`
 * operands) translated to JavaScript RegExps.
 *
 * What differs from JS and is translated: bracket expressions (`[]a]` starts with a literal `]`,
 * a backslash inside brackets is literal, `[[:alpha:]]` classes, `[=a=]`/`[.a.]`), stacked
 * quantifiers (`a+?` is `(a+)?`, not a lazy `+`), a `{` that does not open an interval is a
 * literal, a quantifier with nothing to repeat is an error (REG_BADRPT), glibc's `\<` `\>` `\`` `\'`, and
 * any other escaped letter stands for itself (`\d` is `d`). Without REG_NEWLINE (what `=~`
 * uses) `.` matches a newline; with it, `.` and `[^…]` do not and `^`/`$` match at line breaks.
 * Known difference: POSIX picks the leftmost-longest alternative, JavaScript the first that
 * matches (`a|ab` on "ab").
 */

export interface ScriptRegex {
  /** The ERE as written in the script. */
  readonly source: string;
  /** The compiled expression, or null when `source` is not a valid ERE. */
  readonly re: RegExp | null;
  readonly error: string | null;
}

const CLASSES: Readonly<Record<string, string>> = {
  alpha: "A-Za-z",
  digit: "0-9",
  alnum: "0-9A-Za-z",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  print: " -~",
  graph: "!-~",
  cntrl: "\\x00-\\x1f\\x7f",
  xdigit: "0-9A-Fa-f",
  word: "0-9A-Za-z_",
};

const GLIBC_ESCAPES: Readonly<Record<string, string>> = {
  "<": "\\b(?=\\w)",
  ">": "\\b(?<=\\w)",
  "`": "^",
  "'": "$",
  w: "\\w",
  W: "\\W",
  s: "\\s",
  S: "\\S",
  b: "\\b",
  B: "\\B",
};

class EreSyntaxError extends Error {}

export interface EreOptions {
  /** REG_ICASE */
  readonly ignoreCase?: boolean;
  /** REG_NEWLINE */
  readonly newlineSensitive?: boolean;
}

/** Translates an ERE to JS source (compileEre adds the flags); throws EreSyntaxError. */
export function translateEre(ere: string, newlineSensitive = false): string {
  return new Translator(ere, newlineSensitive).expression(false);
}

class Translator {
  private pos = 0;
  constructor(
    private readonly src: string,
    private readonly newlineSensitive: boolean,
  ) {}

  /** A sequence of alternatives until the end (or a `)` when nested). */
  expression(nested: boolean): string {
    let out = "";
    /** Start offset in `out` of the last atom, -1 when there is none to repeat. */
    let atomStart = -1;
    let quantified = false;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === ")" && nested) return out;
      this.pos++;
      if (c === "|") {
        out += "|";
        atomStart = -1;
        continue;
      }
      if (c === "^" || c === "$") {
        out += c;
        atomStart = -1;
        continue;
      }
      const quantifier = this.quantifier(c);
      if (quantifier !== null) {
        // REG_EXTENDED includes RE_CONTEXT_INVALID_OPS: a repetition with nothing before it
        // (at the start, after `(`, `|` or an anchor) is REG_BADRPT.
        if (atomStart < 0) throw new EreSyntaxError(`nothing to repeat before ${c}`);
        if (quantified) out = `${out.slice(0, atomStart)}(?:${out.slice(atomStart)})`;
        out += quantifier;
        quantified = true;
        continue;
      }
      atomStart = out.length;
      quantified = false;
      if (c === "(") {
        out += `(${this.expression(true)}`;
        if (this.src[this.pos] !== ")") throw new EreSyntaxError("unmatched ( or \\(");
        this.pos++;
        out += ")";
      } else if (c === "[") {
        out += this.bracket();
      } else if (c === "\\") {
        out += this.escape();
      } else if (c === ".") {
        out += this.newlineSensitive ? "[^\\n]" : ".";
      } else if (c === ")") {
        out += "\\)";
      } else {
        out += /[\\/{}()[\]|?*+.^$]/.test(c) ? `\\${c}` : c;
      }
    }
    return out;
  }

  /** `*`, `+`, `?` or a valid `{n}`, `{n,}`, `{n,m}` (consumed); null otherwise. */
  private quantifier(c: string): string | null {
    if (c === "*" || c === "+" || c === "?") return c;
    if (c !== "{") return null;
    const match = /^(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
    if (match === null) return null;
    if (match[3] !== undefined && match[3] !== "" && Number(match[3]) < Number(match[1])) {
      throw new EreSyntaxError("invalid content of \\{\\}");
    }
    this.pos += match[0].length;
    return `{${match[1]}${match[2] ?? ""}}`;
  }

  private escape(): string {
    if (this.pos >= this.src.length) throw new EreSyntaxError("trailing backslash");
    const c = this.src[this.pos++]!;
    if (/[1-9]/.test(c)) return `\\${c}`;
    const glibc = GLIBC_ESCAPES[c];
    if (glibc !== undefined) return glibc;
    return /[A-Za-z0-9]/.test(c) ? c : `\\${c}`;
  }

  /** A bracket expression after its `[`, as a JS character class. */
  private bracket(): string {
    let out = "[";
    if (this.src[this.pos] === "^") {
      out += this.newlineSensitive ? "^\\n" : "^";
      this.pos++;
    }
    let first = true;
    for (;;) {
      if (this.pos >= this.src.length) throw new EreSyntaxError("unmatched [");
      const c = this.src[this.pos++]!;
      if (c === "]" && !first) return `${out}]`;
      first = false;
      if (c === "[" && /[:=.]/.test(this.src[this.pos] ?? "")) {
        out += this.bracketTerm();
      } else if (c === "\\" || c === "]" || c === "[" || c === "^") {
        out += `\\${c}`;
      } else {
        out += c;
      }
    }
  }

  /** `[:class:]`, `[=c=]` or `[.c.]` after its `[`. */
  private bracketTerm(): string {
    const kind = this.src[this.pos]!;
    const end = this.src.indexOf(`${kind}]`, this.pos + 1);
    if (end < 0) throw new EreSyntaxError("unmatched [");
    const name = this.src.slice(this.pos + 1, end);
    this.pos = end + 2;
    if (kind === ":") {
      const cls = CLASSES[name];
      if (cls === undefined) throw new EreSyntaxError(`invalid character class [:${name}:]`);
      return cls;
    }
    if ([...name].length !== 1) throw new EreSyntaxError(`invalid collation character ${name}`);
    return /[\\\]\[^-]/.test(name) ? `\\${name}` : name;
  }
}

/** Compiles an ERE (`=~` uses REG_ICASE without REG_NEWLINE). Never throws. */
export function compileEre(source: string, options: EreOptions = {}): ScriptRegex {
  const newline = options.newlineSensitive === true;
  const flags = `${newline ? "m" : "s"}${options.ignoreCase === true ? "i" : ""}`;
  try {
    return { source, re: new RegExp(translateEre(source, newline), flags), error: null };
  } catch (e) {
    return { source, re: null, error: e instanceof Error ? e.message : String(e) };
  }
}

/** `rt.regex(source)`: a script regex literal, case-insensitive, compiled once when hoisted. */
export function regex(source: string): ScriptRegex {
  return compileEre(source, { ignoreCase: true });
}

const RUNTIME_CACHE_LIMIT = 256;
const runtimeCache = new Map<string, ScriptRegex>();

/**
 * `=~ $pv`: the PV's value compiled at each evaluation (as OpenSIPS does); recent texts are
 * remembered so a loop does not recompile the same expression.
 */
export function regexOfText(source: string): ScriptRegex {
  let compiled = runtimeCache.get(source);
  if (compiled === undefined) {
    compiled = regex(source);
    if (runtimeCache.size >= RUNTIME_CACHE_LIMIT) runtimeCache.delete(runtimeCache.keys().next().value!);
    runtimeCache.set(source, compiled);
  }
  return compiled;
}

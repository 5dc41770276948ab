/**
 * The regex module's groups file (`file` parameter), read as OpenSIPS's load_pcres does: lines
 * are read 499 characters at a time (a longer line is an error); lines starting with white space
 * or `#` are skipped; a line starting with `[` opens the next group (the rest of it is ignored,
 * so groups are numbered 0, 1, … in file order) and must come before any expression; every other
 * line is one alternative of its group, which becomes `((line1)|(line2)|…)` — `^$` when empty.
 * `max_groups` (20) and `group_max_size` (8192) bound the groups.
 */
import { compilePcre, type PcreOptions } from "./regex-module-pcre.ts";

/** fgets' buffer in load_pcres: a line of this many characters (newline included) cannot be closed. */
const FILE_MAX_LINE = 500;

export interface GroupLimits {
  readonly maxGroups: number;
  readonly groupMaxSize: number;
}

/** The lines as fgets returns them from a FILE_MAX_LINE buffer: newline kept, long lines cut. */
function fgetsLines(text: string): string[] {
  const lines: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    const newline = text.indexOf("\n", pos);
    const end = Math.min(newline < 0 ? text.length : newline + 1, pos + FILE_MAX_LINE - 1);
    lines.push(text.slice(pos, end));
    pos = end;
  }
  return lines;
}

/** Each group's pattern, or why the file is refused. */
export function groupPatterns(text: string, limits: GroupLimits): string[] | string {
  const groups: string[][] = [];
  const sizes: number[] = [];
  for (const line of fgetsLines(text)) {
    if (/^\s/.test(line) || line.startsWith("#")) continue;
    if (line.startsWith("[")) {
      if (groups.length >= limits.maxGroups) return `max_groups: ${limits.maxGroups} exceeded`;
      groups.push([]);
      sizes.push(1);
      continue;
    }
    const group = groups.at(-1);
    if (group === undefined) return "first group must be initialized with [0] before any regular expression";
    if (sizes.at(-1)! + line.length >= limits.groupMaxSize - 2) return "pattern max file exceeded";
    if (line.length >= FILE_MAX_LINE - 1) return "cannot add group termination";
    group.push(line.endsWith("\n") ? line.slice(0, -1) : line);
    sizes[sizes.length - 1]! += line.length + 2;
  }
  return groups.map((lines) => (lines.length === 0 ? "^$" : `(${lines.map((l) => `(${l})`).join("|")})`));
}

/** The compiled groups of a file's text, or why they cannot be loaded. */
export function compileGroups(text: string, limits: GroupLimits, options: PcreOptions): RegExp[] | string {
  const patterns = groupPatterns(text, limits);
  if (typeof patterns === "string") return patterns;
  const compiled: RegExp[] = [];
  for (const pattern of patterns) {
    const result = compilePcre(pattern, options);
    if (!result.ok) return `pcre_tmp compilation of '${pattern}' failed: ${result.error}`;
    compiled.push(result.re);
  }
  return compiled;
}

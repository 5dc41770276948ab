/**
 * How OpenSIPS's exec module turns a command's output into script values (exec.c).
 */

/** The async form reads the pipe into a buffer of this size; a full buffer is cut as a line. */
const ASYNC_LINE_BYTES = 1024;
/** The blocking form reads 1 KiB blocks into a 32 KiB buffer and stops before it would fill it. */
const BLOCKING_BLOCK_BYTES = 1024;
const BLOCKING_BUFFER_BYTES = 32 * 1024;

/**
 * `async(exec(cmd, , $out), …)`: the values assigned to `$out`, in order — one per line without
 * its "\n", empty lines included, a last line without "\n" too. An AVP gets them all pushed (last
 * line on top); a `$var` keeps the last one.
 *
 * resume_async_exec reads into a 1024-byte buffer and, whenever a read fills it, ends a line at the
 * buffer's end; this replays that for output that is complete when read (the usual case), so long
 * lines are cut where OpenSIPS cuts them.
 */
export function asyncExecLines(stdout: string): string[] {
  const bytes = Buffer.from(stdout, "utf8");
  const lines: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    const end = Math.min(start + ASYNC_LINE_BYTES, bytes.length);
    let lineStart = start;
    for (let i = start; i < end; i++) {
      if (bytes[i] !== 0x0a) continue;
      lines.push(bytes.toString("utf8", lineStart, i));
      lineStart = i + 1;
    }
    const bufferFull = end - start === ASYNC_LINE_BYTES;
    if (bufferFull || lineStart < end) {
      lines.push(bytes.toString("utf8", lineStart, end));
      lineStart = end;
    }
    start = lineStart;
  }
  return lines;
}

/**
 * `exec(cmd, , $out)` without async: the whole output (trailing newline kept) as one value, or
 * none when there was no output. Output of 32 KiB or more is cut to its first 31 KiB.
 */
export function blockingExecValue(output: string): string | null {
  const bytes = Buffer.from(output, "utf8");
  if (bytes.length === 0) return null;
  if (bytes.length < BLOCKING_BUFFER_BYTES) return output;
  const kept = Math.floor((BLOCKING_BUFFER_BYTES - 1) / BLOCKING_BLOCK_BYTES) * BLOCKING_BLOCK_BYTES;
  return bytes.toString("utf8", 0, kept);
}

/**
 * The environment `exec(…, $avp(env))` adds for the command: each value of the AVP, from the top
 * (most recently added) down, as OSIPS_EXEC_0, OSIPS_EXEC_1, …
 */
export function execEnvironment(avpValuesTopFirst: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  avpValuesTopFirst.forEach((value, index) => {
    env[`OSIPS_EXEC_${index}`] = value;
  });
  return env;
}

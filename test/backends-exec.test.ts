import { test } from "node:test";
import assert from "node:assert/strict";
import { runCommand } from "../runtime/backends/exec.ts";
import { asyncExecLines, blockingExecValue, execEnvironment } from "../runtime/backends/exec-outputs.ts";

test("stdout, stderr and the exit status are reported", async () => {
  assert.deepEqual(await runCommand("echo out; echo err >&2; exit 3", null), {
    ok: true,
    stdout: "out\n",
    stderr: "err\n",
    status: 3,
  });
});

test("stdin is written to the command", async () => {
  assert.deepEqual(await runCommand("tr a-z A-Z", "hello\nworld"), { ok: true, stdout: "HELLO\nWORLD", stderr: "", status: 0 });
});

test("a command that ignores its stdin is not an error", async () => {
  const result = await runCommand("exit 0", "x".repeat(1 << 20));
  assert.deepEqual(result, { ok: true, stdout: "", stderr: "", status: 0 });
});

test("without stdin the command reads end of input", async () => {
  assert.deepEqual(await runCommand("cat; echo done", null), { ok: true, stdout: "done\n", stderr: "", status: 0 });
});

test("environment variables are added to the inherited ones", async () => {
  const result = await runCommand('printf "%s %s" "$OSIPS_EXEC_0" "${PATH:+has-path}"', null, { env: { OSIPS_EXEC_0: "v0" } });
  assert.deepEqual(result, { ok: true, stdout: "v0 has-path", stderr: "", status: 0 });
});

test("a command killed by a signal reports 128 + the signal number", async () => {
  const result = await runCommand("kill -TERM $$", null);
  assert.deepEqual(result, { ok: true, stdout: "", stderr: "", status: 143 });
});

test("a command past its timeout is killed with what it started, and the caller answered at once", async () => {
  const started = performance.now();
  // The background sleep inherits stdout: only killing the whole group lets the pipe close.
  const result = await runCommand("sleep 5.0417 & sleep 5.0417; echo never", null, { timeoutMs: 100 });
  const elapsed = performance.now() - started;
  assert.deepEqual(result, { ok: false, error: "command timed out after 100 ms", timedOut: true });
  assert.ok(elapsed < 2_000, `answered after ${elapsed.toFixed(0)} ms`);
  // "[s]leep" matches the sleeps but not this pgrep's own command line.
  const survivors = await runCommand("pgrep -f '[s]leep 5.0417' || true", null);
  assert.equal(survivors.ok && survivors.stdout.trim(), "");
});

test("async exec assigns one value per line, blocking exec the whole output", () => {
  assert.deepEqual(asyncExecLines("a\n\nb\nlast"), ["a", "", "b", "last"]);
  assert.deepEqual(asyncExecLines("one\ntwo\n"), ["one", "two"]);
  assert.deepEqual(asyncExecLines(""), []);
  assert.equal(blockingExecValue("one\ntwo\n"), "one\ntwo\n");
  assert.equal(blockingExecValue(""), null);
});

test("async exec cuts lines where its 1024-byte read buffer fills", () => {
  const long = "x".repeat(2500);
  assert.deepEqual(asyncExecLines(`${long}\n`), ["x".repeat(1024), "x".repeat(1024), "x".repeat(452)]);
  // A buffer that fills up ends the line in it, even mid-line: "a\n" + 1022 bytes fill the first read.
  assert.deepEqual(asyncExecLines(`a\n${"y".repeat(1500)}`), ["a", "y".repeat(1022), "y".repeat(478)]);
});

test("blocking exec keeps at most 31 KiB of output of 32 KiB or more", () => {
  assert.equal(blockingExecValue("z".repeat(32767))?.length, 32767);
  assert.equal(blockingExecValue("z".repeat(32768))?.length, 31744);
});

test("the environment AVP becomes OSIPS_EXEC_n variables, top value first", () => {
  assert.deepEqual(execEnvironment(["newest", "oldest"]), { OSIPS_EXEC_0: "newest", OSIPS_EXEC_1: "oldest" });
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { sleepFor } from "../runtime/backends/sleep.ts";

test("sleepFor waits without blocking and resolves with 1", async () => {
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 5);
  const started = performance.now();
  assert.equal(await sleepFor(60), 1);
  clearInterval(ticker);
  assert.ok(performance.now() - started >= 55);
  assert.ok(ticks >= 3, `${ticks} ticks`);
});

test("a negative or non-numeric duration does not wait", async () => {
  const started = performance.now();
  assert.equal(await sleepFor(-5), 1);
  assert.equal(await sleepFor(Number.NaN), 1);
  assert.ok(performance.now() - started < 50);
});

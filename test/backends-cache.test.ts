import { test } from "node:test";
import assert from "node:assert/strict";
import { LocalCache } from "../runtime/backends/cache.ts";

function cacheWithClock(): { cache: LocalCache; advance(seconds: number): void } {
  let now = 1_000_000;
  return { cache: new LocalCache(() => now), advance: (seconds) => (now += seconds * 1000) };
}

test("store, fetch and remove", () => {
  const { cache } = cacheWithClock();
  assert.equal(cache.store("k", "v1"), 1);
  assert.deepEqual(cache.fetch("k"), { code: 1, value: "v1" });
  assert.equal(cache.store("k", "v2"), 1);
  assert.deepEqual(cache.fetch("k"), { code: 1, value: "v2" });
  assert.equal(cache.remove("k"), 1);
  assert.deepEqual(cache.fetch("k"), { code: -2 });
  assert.equal(cache.remove("never-there"), 1);
});

test("entries expire after their lifetime; 0 means never", () => {
  const { cache, advance } = cacheWithClock();
  cache.store("short", "s", 10);
  cache.store("forever", "f");
  advance(9.999);
  assert.deepEqual(cache.fetch("short"), { code: 1, value: "s" });
  advance(0.001);
  assert.deepEqual(cache.fetch("short"), { code: -2 });
  advance(1e6);
  assert.deepEqual(cache.fetch("forever"), { code: 1, value: "f" });
});

test("storing again replaces the expiry", () => {
  const { cache, advance } = cacheWithClock();
  cache.store("k", "a", 5);
  advance(4);
  cache.store("k", "b", 5);
  advance(4);
  assert.deepEqual(cache.fetch("k"), { code: 1, value: "b" });
});

test("counters: add creates, adds, keeps the first expiry; sub subtracts", () => {
  const { cache, advance } = cacheWithClock();
  assert.deepEqual(cache.add("calls", 5, 60), { code: 1, value: 5 });
  advance(30);
  assert.deepEqual(cache.add("calls", 2, 1000), { code: 1, value: 7 });
  assert.deepEqual(cache.sub("calls", 10), { code: 1, value: -3 });
  assert.deepEqual(cache.counterFetch("calls"), { code: 1, value: -3 });
  assert.deepEqual(cache.fetch("calls"), { code: 1, value: "-3" });
  advance(30);
  assert.deepEqual(cache.counterFetch("calls"), { code: -2 });
  assert.deepEqual(cache.add("calls", 1), { code: 1, value: 1 });
});

test("counters over non-integer values fail; arithmetic wraps at 32 bits", () => {
  const { cache } = cacheWithClock();
  cache.store("text", "12abc");
  assert.deepEqual(cache.add("text", 1), { code: -1 });
  assert.deepEqual(cache.counterFetch("text"), { code: -1 });
  cache.store("plus", "+5");
  assert.deepEqual(cache.counterFetch("plus"), { code: -1 });
  cache.store("max", "2147483647");
  assert.deepEqual(cache.add("max", 1), { code: 1, value: -2147483648 });
  assert.deepEqual(cache.counterFetch("absent"), { code: -2 });
});

test("purgeExpired drops only expired entries", () => {
  const { cache, advance } = cacheWithClock();
  cache.store("a", "1", 1);
  cache.store("b", "2", 100);
  cache.store("c", "3");
  advance(2);
  assert.equal(cache.purgeExpired(), 1);
  assert.equal(cache.size, 2);
});

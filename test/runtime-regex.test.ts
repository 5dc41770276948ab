/** POSIX ERE → JS translation (runtime/regex.ts). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { compileEre, regex, translateEre } from "../runtime/regex.ts";

function matches(ere: string, text: string): boolean {
  const compiled = regex(ere);
  assert.notEqual(compiled.re, null, `${ere} should compile: ${compiled.error}`);
  return compiled.re!.test(text);
}

test("bracket expressions: leading ], literal backslash, classes", () => {
  assert.equal(matches("^[]a]+$", "]a]"), true);
  assert.equal(matches("^[\\]$", "\\"), true);
  assert.equal(matches("^[[:digit:]]+$", "0123"), true);
  assert.equal(matches("^[[:alpha:]_]+$", "ab_C"), true);
  assert.equal(matches("^[^[:space:]]+$", "a b"), false);
});

test("escapes: \\d is the letter d, glibc word boundaries", () => {
  assert.equal(matches("^\\d$", "d"), true);
  assert.equal(matches("^\\d$", "1"), false);
  assert.equal(matches("\\<bob\\>", "sip:bob@x"), true);
  assert.equal(matches("\\<ob", "sip:bob@x"), false);
});

test("quantifiers: stacked ones are greedy repeats, a bare { is a literal, a leading * is an error", () => {
  assert.equal(translateEre("a+?"), "(?:a+)?");
  assert.equal(matches("^a**$", "aaa"), true);
  assert.equal(matches("^a{$", "a{"), true);
  assert.notEqual(regex("^*x$").error, null);
  assert.notEqual(regex("(?:b)").error, null);
  assert.notEqual(regex("a|+b").error, null);
  assert.equal(matches("^(ab){2}$", "ABAB"), true);
});

test("dot matches a newline; case sensitivity is an option; bad EREs are reported", () => {
  assert.equal(matches("a.b", "a\nb"), true);
  assert.equal(compileEre("abc").re!.test("ABC"), false);
  assert.equal(compileEre("^b.$", { newlineSensitive: true }).re!.test("a\nbc\nd"), true);
  assert.equal(compileEre("b[^x]c", { newlineSensitive: true }).re!.test("b\nc"), false);
  assert.notEqual(regex("a{3,1}").error, null);
  assert.notEqual(regex("[[:nope:]]").error, null);
  assert.notEqual(regex("(a").error, null);
});

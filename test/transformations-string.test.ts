/** The `s` transformation class (spec §9): values, NULL/empty/out-of-range edges, result types. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { applyTransform } from "../runtime/transformations/index.ts";
import type { Value } from "../runtime/value.ts";

const s = (method: string, input: Value, params: Value[] = []): Value => applyTransform("s", method, input, params);

test("every s method passes NULL through as NULL", () => {
  const methods = ["len", "int", "md5", "crc32", "tolower", "toupper", "encode.hexa", "decode.hexa", "hex2dec", "dec2hex",
    "date2unix", "escape.common", "unescape.common", "escape.user", "unescape.user", "escape.param", "unescape.param",
    "b64encode", "b64decode", "trim", "trimr", "triml", "reverse", "eval", "sha1", "sha256"];
  for (const m of methods) assert.equal(s(m, null), null, m);
  assert.equal(s("substr", null, [0, 1]), null);
  assert.equal(s("select", null, [0, ","]), null);
  assert.equal(s("index", null, ["a"]), null);
  assert.equal(s("fill.left", null, ["0", 5]), null);
  assert.equal(s("xor", null, ["k"]), null);
  assert.equal(s("sha1_hmac", null, ["k"]), null);
});

test("s.len is int-typed and counts bytes of the string form", () => {
  assert.equal(s("len", "alice"), 5);
  assert.equal(s("len", ""), 0);
  assert.equal(s("len", 12345), 5);
  assert.equal(s("len", -7), 2);
  assert.equal(s("len", { int: 42, text: "42abc" }), 5);
  assert.equal(s("len", "\u00ff\u0001"), 2, "a byte string counts one per byte");
  assert.equal(s("len", "h\u00e9\u20ac"), 6, "text with characters above U+00FF counts its UTF-8 bytes");
});

test("s.int keeps the original text and takes the leading signed digits (spec §9 [V])", () => {
  assert.deepEqual(s("int", "42abc"), { int: 42, text: "42abc" });
  assert.equal(s("int", "42"), 42, "a plain number needs no text wrapper");
  assert.deepEqual(s("int", "-5x"), { int: -5, text: "-5x" });
  assert.deepEqual(s("int", "+7"), { int: 7, text: "+7" });
  assert.deepEqual(s("int", "abc"), { int: 0, text: "abc" });
  assert.deepEqual(s("int", ""), { int: 0, text: "" });
  assert.deepEqual(s("int", " 42"), { int: 0, text: " 42" }, "no blank skipping, as str2sint");
  assert.deepEqual(s("int", "2868.12 sec"), { int: 2868, text: "2868.12 sec" });
  assert.equal(s("int", 9), 9);
  assert.deepEqual(s("int", { int: 3, text: "3rd" }), { int: 3, text: "3rd" });
  assert.deepEqual(s("int", "4294967297"), { int: 1, text: "4294967297" }, "wraps at 32 bits like C");
});

test("s.tolower / s.toupper map ASCII letters only and give strings", () => {
  assert.equal(s("tolower", "AbC-ÄÖ"), "abc-ÄÖ");
  assert.equal(s("toupper", "sip:Bob@X.org"), "SIP:BOB@X.ORG");
  assert.equal(s("tolower", ""), "");
  assert.equal(s("toupper", 12), "12");
});

test("s.reverse", () => {
  assert.equal(s("reverse", "abc"), "cba");
  assert.equal(s("reverse", ""), "");
  assert.equal(s("reverse", 120), "021");
});

test("s.trim / trimr / triml remove SP HT CR LF and keep int typing", () => {
  assert.equal(s("trim", " \t a b \r\n"), "a b");
  assert.equal(s("trimr", "  ab  "), "  ab");
  assert.equal(s("triml", "  ab  "), "ab  ");
  assert.equal(s("trim", "   "), "");
  assert.equal(s("trim", "\fx"), "\fx", "form feed is not trimmed");
  assert.deepEqual(s("trim", { int: 5, text: " 5 " }), 5);
});

test("s.substr: spec example, negative offsets and lengths, out of range is NULL", () => {
  const uri = "sip:alice@example.com;transport=tcp";
  assert.equal(s("substr", uri, [4, 5]), "alice");
  assert.equal(s("substr", "abcdef", [2, 0]), "cdef", "length 0 = to the end");
  assert.equal(s("substr", "abcdef", [-2, 0]), "ef");
  assert.equal(s("substr", "abcdef", [-3, 2]), "de");
  assert.equal(s("substr", "abcdef", [1, -1]), "bcde", "negative length stops before the end");
  assert.equal(s("substr", "abcdef", [4, 10]), "ef", "length is cut at the end");
  assert.equal(s("substr", "abcdef", [0, -6]), "", "a length eating the whole rest gives the empty string");
  assert.equal(s("substr", "abcdef", [6, 1]), null);
  assert.equal(s("substr", "abcdef", [-7, 1]), null);
  assert.equal(s("substr", "", [0, 0]), null);
  assert.equal(s("substr", 123456, [1, 2]), "23");
  assert.equal(s("substr", "abcdef", ["1", 2]), null, "a string where a number is expected fails, as PV_VAL_INT is required");
  assert.equal(s("substr", "abcdef", [{ int: 1, text: "1st" }, 2]), "bc");
  assert.equal(s("substr", "abcdef", [1]), null);
});

test("s.select: index, negative index, any one-char separator, missing field is NULL", () => {
  const uri = "sip:alice@example.com;transport=tcp";
  assert.equal(s("select", uri, [1, ";"]), "transport=tcp");
  assert.equal(s("select", uri, [0, ";"]), "sip:alice@example.com");
  assert.equal(s("select", "a,b,c", [1, ","]), "b", "the separator may be a comma ({s.select,1,,})");
  assert.equal(s("select", "a,b,c", [-1, ","]), "c");
  assert.equal(s("select", "a,b,c", [-3, ","]), "a");
  assert.equal(s("select", "a,b,c", [3, ","]), null);
  assert.equal(s("select", "a,b,c", [-4, ","]), null);
  assert.equal(s("select", "a b  c", [2, " "]), "", "adjacent separators give an empty field");
  assert.equal(s("select", "", [0, ":"]), "");
  assert.equal(s("select", "", [1, ":"]), null);
  assert.equal(s("select", "x:y", [1, "::"]), "y", "only the first character separates");
  assert.equal(s("select", "x:y", [1, ""]), null);
  assert.equal(s("select", "192.168.1.7", [3, "."]), "7");
});

test("s.index / s.rindex: int-typed positions, optional start (negative wraps), NULL when absent", () => {
  assert.equal(s("index", "hello world", ["o"]), 4);
  assert.equal(s("index", "hello world", ["o", 5]), 7);
  assert.equal(s("index", "hello world", ["o", -4]), 7, "-4 on 11 chars starts at 7");
  assert.equal(s("index", "hello world", ["o", -15]), 7, "-15 wraps like -4");
  assert.equal(s("index", "hello world", ["o", -11]), 4, "a whole multiple starts at 0");
  assert.equal(s("index", "hello", ["xyz"]), null);
  assert.equal(s("index", "hello", ["l", 5]), null, "start past the end");
  assert.equal(s("index", "hi", ["hello"]), null);
  assert.equal(s("index", "", ["a"]), null);
  assert.equal(s("index", "hello", [""]), null, "an empty needle fails");
  assert.equal(s("rindex", "hello world", ["o"]), 7);
  assert.equal(s("rindex", "hello world", ["o", 6]), 4);
  assert.equal(s("rindex", "hello world", ["wor", 100]), 6, "start is clamped to the end");
  assert.equal(s("rindex", "a.b.c", ["."]), 3);
  assert.equal(s("rindex", "abc", ["x"]), null);
  assert.equal(s("index", 12321, ["2"]), 1, "int input is searched as text");
});

test("s.fill.left / s.fill.right pad to a length, with quoted pads and multi-char pads", () => {
  assert.equal(s("fill.left", "5", ["0", 3]), "005");
  assert.equal(s("fill.right", "ab", ["'-'", 5]), "ab---");
  assert.equal(s("fill.left", "ab", ['" "', 4]), "  ab", "a quoted blank pad");
  assert.equal(s("fill.left", "x", ["ab", 4]), "bab" + "x", "a partial pad takes the end of the pad");
  assert.equal(s("fill.right", "x", ["ab", 4]), "x" + "aba");
  assert.equal(s("fill.left", "abcd", ["0", 2]), "abcd", "already longer: unchanged");
  assert.equal(s("fill.left", 1234, ["0", 2]), 1234, "unchanged value keeps its int type");
  assert.equal(s("fill.left", 7, ["0", 3]), "007", "padded result is a string");
  assert.equal(s("fill.left", "1", ["''", 3]), null, "an empty pad is refused");
  assert.equal(s("fill.left", "1", ["0", "3"]), null, "the length must be a number");
});

test("s.width cuts (keeping int typing) or pads with blanks; width below 1 is NULL", () => {
  assert.equal(s("width", "abcdef", [3]), "abc");
  assert.equal(s("width", "ab", [4]), "ab  ");
  assert.equal(s("width", "ab", [2]), "ab");
  assert.deepEqual(s("width", 12345, [2]), { int: 12345, text: "12" });
  assert.equal(s("width", "ab", [0]), null);
  assert.equal(s("width", "ab", [-1]), null);
});

test("s.encode.hexa / s.decode.hexa", () => {
  assert.equal(s("encode.hexa", "ab\n"), "61620a");
  assert.equal(s("encode.hexa", ""), "");
  assert.equal(s("encode.hexa", 10), "3130");
  assert.equal(s("encode.hexa", "\u00ff"), "ff");
  assert.equal(s("decode.hexa", "61620A"), "ab\n");
  assert.equal(s("decode.hexa", "616"), "a", "a trailing odd digit is ignored");
  assert.equal(s("decode.hexa", "6g"), null);
  assert.equal(s("decode.hexa", "ff00"), "\u00ff\u0000", "arbitrary bytes come back as a byte string");
  assert.equal(s("encode.hexa", s("decode.hexa", "00ff7f80")), "00ff7f80", "round trip");
});

test("s.hex2dec is int-typed; s.dec2hex gives lower-case hex text", () => {
  assert.equal(s("hex2dec", "ff"), 255);
  assert.equal(s("hex2dec", "1A"), 26);
  assert.equal(s("hex2dec", ""), 0);
  assert.equal(s("hex2dec", "0x1f"), null, "no 0x prefix");
  assert.equal(s("hex2dec", "ffffffff"), -1, "32-bit wrap");
  assert.equal(s("hex2dec", 17), 17, "int input is already converted");
  assert.equal(s("dec2hex", 255), "ff");
  assert.equal(s("dec2hex", "4096"), "1000");
  assert.equal(s("dec2hex", "-1"), "ffffffff");
  assert.equal(s("dec2hex", "12a"), null, "the whole text must be a number");
  assert.equal(s("dec2hex", ""), null);
  assert.equal(s("dec2hex", { int: 16, text: "16th" }), "10");
});

test("escape/unescape.common use backslashes", () => {
  assert.equal(s("escape.common", `O'Brien "x" a\\b`), `O\\'Brien \\"x\\" a\\\\b`);
  assert.equal(s("escape.common", "a\0b"), "a\\0b");
  assert.equal(s("unescape.common", `O\\'Brien \\"x\\" a\\\\b`), `O'Brien "x" a\\b`);
  assert.equal(s("unescape.common", "a\\0b\\q"), "a\0b\\q", "unknown escapes are kept");
  assert.equal(s("escape.common", ""), "");
});

test("escape/unescape.user and .param percent-escape; non-printables fail", () => {
  assert.equal(s("escape.user", "a b@c/d;e?f"), "a%20b%40c%2fd;e?f");
  assert.equal(s("escape.user", "+49-(0)~*'!_.&=$,"), "+49-(0)~*'!_.&=$,");
  assert.equal(s("escape.user", "tab\t"), null);
  assert.equal(s("escape.param", "a b;c=d,e?f&g\"h@i"), "a%20b%3bc%3dd%2ce%3ff%26g%22h@i");
  assert.equal(s("escape.param", "\u00e9"), null);
  assert.equal(s("unescape.user", "a%20b%40C%2F"), "a b@C/");
  assert.equal(s("unescape.param", "x%3Dy"), "x=y");
  assert.equal(s("unescape.user", "50%"), null, "truncated sequence");
  assert.equal(s("unescape.user", "%zz"), null);
  assert.equal(s("unescape.user", "%0a"), null, "escaped control characters are refused");
});

test("s.b64encode / s.b64decode", () => {
  assert.equal(s("b64encode", "\u0002\u0003\u0004\u0005!@#%^&*"), "AgMEBSFAIyVeJio=");
  assert.equal(s("b64decode", "AgMEBSFAIyVeJio="), "\u0002\u0003\u0004\u0005!@#%^&*");
  assert.equal(s("b64encode", ""), "");
  assert.equal(s("b64encode", 5), "NQ==");
});

test("s.xor repeats the secret and keeps int typing; round trips", () => {
  const secret = "k3y";
  const enc = s("xor", "hello", [secret]);
  assert.equal(enc, String.fromCharCode(..."hello".split("").map((c, i) => c.charCodeAt(0) ^ secret.charCodeAt(i % 3))));
  assert.equal(s("xor", enc, [secret]), "hello");
  assert.deepEqual(s("xor", 1, ["\u0000"]), 1);
  assert.equal(s("xor", "x", [""]), null);
});

test("digests: md5, sha*, sha*_hmac are lower-case hex over the bytes", () => {
  assert.equal(s("md5", ""), "d41d8cd98f00b204e9800998ecf8427e");
  assert.equal(s("md5", "alice"), createHash("md5").update("alice").digest("hex"));
  for (const alg of ["sha1", "sha224", "sha256", "sha384", "sha512"]) {
    assert.equal(s(alg, "bob"), createHash(alg).update("bob").digest("hex"), alg);
    assert.equal(s(`${alg}_hmac`, "bob", ["key"]), createHmac(alg, "key").update("bob").digest("hex"), `${alg}_hmac`);
  }
  assert.equal(s("sha1_hmac", "bob", [""]), null, "an empty key fails");
  assert.equal(s("sha256", 42), createHash("sha256").update("42").digest("hex"));
});

test("s.crc32 is the standard CRC-32 as unsigned decimal text (a string)", () => {
  assert.equal(s("crc32", "hello"), "907060870");
  assert.equal(s("crc32", "123456789"), String(0xcbf43926));
  assert.equal(s("crc32", ""), "0");
});

test("s.date2unix reads a SIP Date value", () => {
  assert.equal(s("date2unix", "Thu, 13 Jun 2024 12:48:00 GMT"), 1718282880);
  assert.equal(s("date2unix", "Thu, 01 Jan 1970 00:00:00 GMT"), 0);
  assert.equal(s("date2unix", "13 Jun 2024 12:48:00 GMT"), null);
  assert.equal(s("date2unix", "Thu, 31 Feb 2024 12:48:00 GMT"), null);
  assert.equal(s("date2unix", "Thu, 13 Jun 2024 12:48:00 UTC"), null);
  assert.equal(s("date2unix", ""), null);
});

test("s.eval expands through the runtime hook, NULL without one", () => {
  const env = { expandFormat: (text: string): Value => text.replace("$rU", "alice") };
  assert.equal(applyTransform("s", "eval", "user=$rU", [], undefined, env), "user=alice");
  assert.equal(s("eval", "user=$rU"), null);
});

/** The `re`, `csv`, `sdp`, `ip` and `rest` transformation classes (spec §9). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { applyTransform, type TransformEnv } from "../runtime/transformations/index.ts";
import type { Value } from "../runtime/value.ts";

const tr = (cls: string, method: string, input: Value, params: Value[] = [], env?: TransformEnv): Value =>
  applyTransform(cls, method, input, params, undefined, env);
const subst = (input: Value, expr: string, env?: TransformEnv): Value => tr("re", "subst", input, [expr], env);

test("re.subst basics: first match, g, i, any delimiter, no match leaves the value", () => {
  assert.equal(subst("+4912345", "/^\\+//"), "4912345", "spec §13 example");
  assert.equal(subst("a.b.c", "/\\./-/"), "a-b.c");
  assert.equal(subst("a.b.c", "/\\./-/g"), "a-b-c");
  assert.equal(subst("ABC abc", "/abc/x/gi"), "x x");
  assert.equal(subst("a/b", "#/#|#"), "a|b", "any delimiter");
  assert.equal(subst("a:b:c", "/:/=/g"), "a=b=c");
  assert.equal(subst("hello", "/xyz/q/"), "hello");
  assert.equal(subst(42, "/9/0/"), 42, "no match keeps the value, int typing included");
  assert.equal(subst(42, "/4/5/"), "52");
});

test("re.subst back-references and replacement escapes", () => {
  assert.equal(subst("John Smith", "/([A-Za-z]+) ([A-Za-z]+)/\\2, \\1/"), "Smith, John");
  assert.equal(subst("abc", "/b/[\\0]/"), "a[b]c", "\\0 is the whole match");
  assert.equal(subst("ab", "/(x)?b/<\\1>/"), "a<>", "an unmatched group is empty");
  assert.equal(subst("a", "/a/\\t\\n\\\\\\$\\//"), "\t\n\\$/");
  assert.equal(subst("a+b", "/\\+/%2B/g"), "a%2Bb", "spec-style escape of +");
});

test("re.subst regexes are POSIX ERE", () => {
  assert.equal(subst("a1b22", "/[[:digit:]]+/#/g"), "a#b#");
  assert.equal(subst("d1", "/\\d/x/"), "x1", "\\d is the letter d in POSIX");
  assert.equal(subst("a\\b", "/[\\]/|/"), "a|b", "backslash is literal in a bracket expression");
  assert.equal(subst("a]b", "/[]]/|/"), "a|b", "] first in a bracket is literal");
  assert.equal(subst("74.222.1.34 x", "/74\\.222\\.1\\.34/38.147.130.239/g"), "38.147.130.239 x");
  assert.equal(subst("aaa", "/a{2}/b/"), "ba");
  assert.equal(subst("a{b", "/a{b/x/"), "x", "a brace that is not an interval is literal");
  assert.equal(subst("word other", "/\\<o/O/"), "word Other");
});

test("re.subst line handling: without s, . stops at newlines and ^ $ match at line ends", () => {
  const sdp = "c=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 0\r\n";
  assert.equal(subst(sdp, "/(IP4 ).*/\\1192.0.2.1/g"), "c=IN IP4 192.0.2.1\nm=audio 4000 RTP/AVP 0\r\n", "POSIX . matches CR (not LF) under REG_NEWLINE");
  assert.equal(subst("a\nb", "/^b/x/"), "a\nx");
  assert.equal(subst("a\nb", "/a$/x/"), "x\nb");
  assert.equal(subst("a\nb", "/a.b/x/"), "a\nb");
  assert.equal(subst("a\nb", "/a.b/x/s"), "x");
  assert.equal(subst("a\nb", "/^b/x/s"), "a\nb");
  assert.equal(subst("aXa", "/^a/b/g"), "bXa", "later matches are not at the start");
});

test("re.subst replacements with PVs and \\u go through the runtime hooks", () => {
  const env: TransformEnv = {
    pvAt: (text, pos) => {
      const m = /^\$var\((\w+)\)/.exec(text.slice(pos));
      if (m === null) return null;
      return { end: pos + m[0].length, value: m[1] === "ip" ? "192.0.2.9" : null };
    },
    requestUri: () => "sip:bob@x",
  };
  assert.equal(subst("c=IN IP4 10.0.0.1", "/(IP4 ).*/\\1$var(ip)/", env), "c=IN IP4 192.0.2.9");
  assert.equal(subst("x", "/x/[$var(none)]/", env), "[<null>]", "a NULL PV prints as <null>");
  assert.equal(subst("x", "/x/\\u/", env), "sip:bob@x");
  assert.equal(subst("x", "/x/\\u/", { requestUri: () => null }), "", "no request URI in a reply");
  assert.equal(subst("x", "/x/$var(ip)/"), null, "a PV in the replacement needs the hook");
});

test("re.subst failures give NULL", () => {
  assert.equal(subst("abc", "/b/"), null, "no replacement part");
  assert.equal(subst("abc", "/b/x"), null, "unterminated replacement");
  assert.equal(subst("abc", "/b/x/q"), null, "unknown flag");
  assert.equal(subst("abc", "\\b\\x\\"), null, "backslash delimiter");
  assert.equal(subst("abc", "/(b/x/"), null, "bad regex");
  assert.equal(subst("abc", "/x*/y/"), null, "an empty match is refused");
  assert.equal(subst("abc", "/(?:b)/x/"), null, "not ERE");
  assert.equal(subst("", "/a/b/"), null, "empty input");
  assert.equal(subst(null, "/a/b/"), null);
  assert.equal(tr("re", "subst", "abc", [""]), null);
  assert.equal(tr("re", "subst", "a}b", ["/\\}/x/"]), "axb", "\\} in the parameter stands for }");
});

test("csv.count and csv.value (RFC 4180)", () => {
  const line = 'a,"b,c","say ""hi""",,d';
  assert.equal(tr("csv", "count", line), 5, "int-typed");
  assert.equal(tr("csv", "value", line, [1]), "b,c");
  assert.equal(tr("csv", "value", line, [2]), 'say "hi"');
  assert.equal(tr("csv", "value", line, [3]), "");
  assert.equal(tr("csv", "value", line, [-1]), "d");
  assert.equal(tr("csv", "value", line, [5]), null);
  assert.equal(tr("csv", "value", line, [-6]), null);
  assert.equal(tr("csv", "count", "a,b\r\n"), 2, "a trailing CRLF is dropped");
  assert.equal(tr("csv", "count", "a,"), 2);
  assert.equal(tr("csv", "count", '"a",'), 1, "OpenSIPS stops after a quoted field whose comma ends the text");
  assert.equal(tr("csv", "count", '"a"b'), null);
  assert.equal(tr("csv", "count", '"a'), null);
  assert.equal(tr("csv", "count", "a\tb"), null, "non-printable characters");
  assert.equal(tr("csv", "count", ""), null);
  assert.equal(tr("csv", "value", "a,b", ["1"]), null, "the index must be a number");
});

const SDP = [
  "v=0",
  "o=- 1 1 IN IP4 10.0.0.1",
  "s=-",
  "c=IN IP4 10.0.0.1",
  "t=0 0",
  "m=audio 4000 RTP/AVP 0 8",
  "a=rtpmap:0 PCMU/8000",
  "a=rtpmap:8 PCMA/8000",
  "m=video 4002 RTP/AVP 96",
  "a=rtpmap:96 H264/90000",
  "",
].join("\r\n");

test("sdp.line picks the n-th line of a type", () => {
  assert.equal(tr("sdp", "line", SDP, ["c"]), "c=IN IP4 10.0.0.1");
  assert.equal(tr("sdp", "line", SDP, ["m", 1]), "m=video 4002 RTP/AVP 96");
  assert.equal(tr("sdp", "line", SDP, ["a", 2]), "a=rtpmap:96 H264/90000");
  assert.equal(tr("sdp", "line", SDP, ["a", 3]), null);
  assert.equal(tr("sdp", "line", SDP, ["z"]), null);
  assert.equal(tr("sdp", "line", SDP, ["a", -1]), null);
  assert.equal(tr("sdp", "line", "v=0\nc=IN IP4 1.2.3.4\n", ["c"]), null, "lines must end in CR LF");
  assert.equal(tr("sdp", "line", "", ["v"]), null);
});

test("sdp.stream and sdp.stream-delete by index or media type", () => {
  const audio = "m=audio 4000 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n";
  const video = "m=video 4002 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n";
  assert.equal(tr("sdp", "stream", SDP, [0]), audio);
  assert.equal(tr("sdp", "stream", SDP, [-1]), video);
  assert.equal(tr("sdp", "stream", SDP, ["VIDEO"]), video);
  assert.equal(tr("sdp", "stream", SDP, ["1"]), video, "a numeric text selects by index");
  assert.equal(tr("sdp", "stream", SDP, [2]), null);
  assert.equal(tr("sdp", "stream", SDP, ["image"]), null);
  assert.equal(tr("sdp", "stream-delete", SDP, ["video"]), SDP.replace(video, ""));
  assert.equal(tr("sdp", "stream-delete", SDP, [0]), SDP.replace(audio, ""));
  assert.equal(tr("sdp", "stream-delete", SDP, [5]), null);
});

test("ip class: pton/ntop/family round trips, is* tests are int-typed", () => {
  const v4 = tr("ip", "pton", "192.168.1.10");
  assert.equal(v4, "\u00c0\u00a8\u0001\u000a");
  assert.equal(tr("ip", "family", v4), "INET");
  assert.equal(tr("ip", "ntop", v4), "192.168.1.10");
  const v6 = tr("ip", "pton", "[2001:db8::ff00:42:8329]");
  assert.equal(tr("ip", "family", v6), "INET6");
  assert.equal(tr("ip", "ntop", v6), "2001:DB8:0:0:0:FF00:42:8329", "OpenSIPS prints IPv6 uncompressed, upper case");
  assert.equal(tr("ip", "family", "abc"), null);
  assert.equal(tr("ip", "ntop", "abc"), null);
  assert.equal(tr("ip", "pton", "example.com"), null);
  assert.equal(tr("ip", "isip", "10.0.0.1"), 1);
  assert.equal(tr("ip", "isip", "::1"), 1);
  assert.equal(tr("ip", "isip", "host"), 0);
  assert.equal(tr("ip", "isip4", "::1"), 0);
  assert.equal(tr("ip", "isip6", "::1"), 1);
  assert.equal(tr("ip", "isip6", "1::2::3"), 0);
  assert.equal(tr("ip", "isip4", "1.2.3"), 0);
  assert.equal(tr("ip", "isip4", "256.1.1.1"), 1, "OpenSIPS's str2ip does not range-check octets");
  assert.equal(tr("ip", "isip", ""), null);
});

test("ip.matches and ip.isprivate", () => {
  assert.equal(tr("ip", "matches", "10.1.2.3", ["10.0.0.0/8"]), 1);
  assert.equal(tr("ip", "matches", "11.1.2.3", ["10.0.0.0/8"]), 0);
  assert.equal(tr("ip", "matches", "192.168.1.77", ["192.168.1.64/27"]), 1);
  assert.equal(tr("ip", "matches", "192.168.1.97", ["192.168.1.64/27"]), 0);
  assert.equal(tr("ip", "matches", "2001:db8::1", ["2001:db8::/32"]), 1);
  assert.equal(tr("ip", "matches", "1.2.3.4", ["0.0.0.0/0"]), 1);
  assert.equal(tr("ip", "matches", "1.2.3.4", ["2001:db8::/32"]), null, "families differ");
  assert.equal(tr("ip", "matches", "1.2.3.4", ["1.2.3.0/33"]), null);
  assert.equal(tr("ip", "matches", "1.2.3.4", ["1.2.3.0"]), null);
  assert.equal(tr("ip", "matches", "host", ["1.2.3.0/24"]), null);
  for (const ip of ["10.9.9.9", "172.31.0.1", "192.168.0.1", "100.64.0.1"]) assert.equal(tr("ip", "isprivate", ip), 1, ip);
  for (const ip of ["172.32.0.1", "8.8.8.8", "127.0.0.1", "::1", "host"]) assert.equal(tr("ip", "isprivate", ip), 0, ip);
});

test("ip.resolve does no DNS: addresses give their canonical text, names NULL", () => {
  assert.equal(tr("ip", "resolve", "10.0.0.1"), "10.0.0.1");
  assert.equal(tr("ip", "resolve", "::1"), "0:0:0:0:0:0:0:1");
  assert.equal(tr("ip", "resolve", "example.com"), null);
});

test("rest.escape / rest.unescape (libcurl URL escaping)", () => {
  assert.equal(tr("rest", "escape", "a b&c=d/é~"), "a%20b%26c%3Dd%2F%C3%A9~".replace("%C3%A9", "%E9"));
  assert.equal(tr("rest", "escape", "h\u20ac"), "h%E2%82%AC", "text beyond latin1 is escaped as UTF-8");
  assert.equal(tr("rest", "unescape", "a%20b%2Fc+d%zz%4"), "a b/c+d%zz%4", "+ and bad sequences stay");
  assert.equal(tr("rest", "escape", ""), "");
  assert.equal(tr("rest", "escape", null), null);
});

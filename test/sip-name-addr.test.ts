import { test } from "node:test";
import assert from "node:assert/strict";
import { formatNameAddr, parseNameAddr, parseNameAddrList, unquoteDisplayName } from "../runtime/sip/name-addr.ts";
import { splitHeaderList } from "../runtime/sip/scan.ts";

test("name-addr with a quoted display name and header parameters", () => {
  assert.deepEqual(parseNameAddr('"Bob" <sip:bob@x.org>;tag=abc'), {
    display: '"Bob"',
    uri: "sip:bob@x.org",
    params: [{ name: "tag", value: "abc" }],
  });
});

test("URI parameters inside <...> stay with the URI", () => {
  const na = parseNameAddr("<sip:a@b;transport=tcp;lr>;expires=60");
  assert.equal(na?.display, null);
  assert.equal(na?.uri, "sip:a@b;transport=tcp;lr");
  assert.deepEqual(na?.params, [{ name: "expires", value: "60" }]);
});

test("a bare addr-spec: the parameters after it belong to the header", () => {
  assert.deepEqual(parseNameAddr("sip:a@b;tag=x;lr"), {
    display: null,
    uri: "sip:a@b",
    params: [
      { name: "tag", value: "x" },
      { name: "lr", value: null },
    ],
  });
  assert.deepEqual(parseNameAddr("  sip:a@b  "), { display: null, uri: "sip:a@b", params: [] });
});

test("display names: unquoted tokens, quoted with <, commas and escaped quotes", () => {
  assert.equal(parseNameAddr("Bob Smith <sip:bob@x.org>")?.display, "Bob Smith");
  const tricky = parseNameAddr('"Bob <the builder>, \\"Jr\\"" <sip:bob@x.org>;tag=1');
  assert.equal(tricky?.display, '"Bob <the builder>, \\"Jr\\""');
  assert.equal(tricky?.uri, "sip:bob@x.org");
  assert.equal(unquoteDisplayName(tricky!.display!), 'Bob <the builder>, "Jr"');
  assert.equal(unquoteDisplayName("Bob"), "Bob");
  assert.equal(parseNameAddr('""<sip:anonymous@anonymous.invalid>')?.display, '""');
});

test("lists split at top-level commas only", () => {
  const list = parseNameAddrList('"Watson, T." <sip:watson@bell.com>;q=0.7, <sip:a@b;x=1,2>, sip:c@d;expires=3');
  assert.deepEqual(
    list?.map((na) => [na.display, na.uri, na.params.length]),
    [
      ['"Watson, T."', "sip:watson@bell.com", 1],
      [null, "sip:a@b;x=1,2", 0],
      [null, "sip:c@d", 1],
    ],
  );
  assert.equal(parseNameAddrList("<sip:a@b>, <sip:c@d"), null);
  assert.deepEqual(splitHeaderList('a, "b, c", <d,e>, f (g, h), i'), ["a", '"b, c"', "<d,e>", "f (g, h)", "i"]);
});

test("malformed name-addrs are null", () => {
  for (const bad of ["", "<>", "<sip:a@b", '"unterminated <sip:a@b>', '"Bob" sip:bob@x.org', "<sip:a@b> junk", "Bob sip:b@x", "sip:a@b>"]) {
    assert.equal(parseNameAddr(bad), null, bad);
  }
});

test("formatNameAddr always brackets the URI", () => {
  assert.equal(formatNameAddr(parseNameAddr("sip:a@b;tag=1")!), "<sip:a@b>;tag=1");
  assert.equal(formatNameAddr(parseNameAddr('"A" <sip:a@b;lr>')!), '"A" <sip:a@b;lr>');
});

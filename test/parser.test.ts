/**
 * The parser beyond the goldens: spans, error recovery (every independent error once, no cascades,
 * the rest of the script still in the AST), statement rules and the reuse of the shared parser.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { GlobalParam, RouteBlock, Statement } from "../compiler/ast.ts";
import { parseScript, type ParseResult } from "../compiler/parse.ts";
import { ScriptParser } from "../compiler/parser.ts";

function parse(source: string): ParseResult {
  return parseScript(source, { file: "t.cfg", readFile: () => null });
}

function codes(source: string): string[] {
  return parse(source).diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);
}

function routes(result: ParseResult): RouteBlock[] {
  return result.script.items.filter((i): i is RouteBlock => i.kind === "RouteBlock");
}

function body(source: string): Statement[] {
  const result = parse(source);
  assert.deepEqual(result.diagnostics, []);
  return routes(result)[0]!.body.statements;
}

test("the grammar passes Chevrotain's validations (the shipped parser skips them at start-up)", () => {
  assert.doesNotThrow(() => new ScriptParser({ validateGrammar: true }));
});

test("spans cover the whole node, end exclusive", () => {
  const [assign] = body("route {\n  $var(a) = 1 + $var(b);\n}\n");
  assert.deepEqual(assign!.span, { file: "t.cfg", line: 2, column: 3, endLine: 2, endColumn: 24 });
  const [ifNode] = body("route {\n  if ($rU) {\n    exit;\n  }\n}\n");
  assert.deepEqual([ifNode!.span.line, ifNode!.span.column, ifNode!.span.endLine, ifNode!.span.endColumn], [2, 3, 4, 4]);
});

test("the script span covers the main file", () => {
  const result = parse("log_level = 1\n\nroute { exit; }\n");
  assert.deepEqual(result.script.span, { file: "t.cfg", line: 1, column: 1, endLine: 3, endColumn: 16 });
});

test("a broken statement is reported and left out; the statements around it stay", () => {
  const result = parse("route {\n  xlog(\"a\\n\");\n  $var(x) = ;\n  exit;\n}\n");
  assert.deepEqual(result.diagnostics.map((d) => `${d.line}:${d.column}`), ["3:13"]);
  assert.deepEqual(routes(result)[0]!.body.statements.map((s) => s.kind), ["CallStatement", "Exit"]);
});

test("after a broken statement the rest of the route and the next routes are still parsed", () => {
  const result = parse("route { if ( ) { exit; } xlog(\"x\"); }\nroute[a] { exit; }\nroute[b] { drop; }\n");
  assert.equal(result.diagnostics.length, 1);
  assert.deepEqual(routes(result).map((r) => r.name), [null, "a", "b"]);
  assert.deepEqual(routes(result)[0]!.body.statements.map((s) => s.kind), ["CallStatement"]);
});

test("a route that cannot be parsed is left out, and the next route is parsed", () => {
  const result = parse("route[a-b] { exit; }\nroute[c] { drop; }\n");
  assert.deepEqual(result.diagnostics.map((d) => d.code), ["OSX2012"]);
  assert.deepEqual(routes(result).map((r) => r.name), ["c"]);
});

test("an error in a condition does not hide errors in the body", () => {
  assert.deepEqual(codes('route {\n  if ("x" == $rU) {\n    exit\n  }\n}\n'), ["2:7 OSX2005", "4:3 OSX2002"]);
});

test("three independent errors in one file are three diagnostics", () => {
  const source = "log_level=3;\nroute {\n  $var(a) = $avp(x)[1];\n  exit;\n}\nroute[b] {\n  if (1 == $var(x)) exit;\n}\n";
  assert.deepEqual(codes(source), ["1:12 OSX2003", "3:20 OSX2007", "7:9 OSX2005"]);
});

test("an unterminated string reports once, without end-of-file noise", () => {
  assert.deepEqual(codes('route {\n  xlog("oops);\n  exit;\n}\n'), ["2:8 OSX1002"]);
});

test("a missing `}` reports once, at the end of the file", () => {
  assert.deepEqual(codes("route {\n  if ($rU) {\n    exit;\n}\n"), ["4:1 OSX2009"]);
});

test("`break` is legal anywhere inside switch, while and for bodies, and nowhere else", () => {
  const ok = "route {\n  while (1) { if ($rU) break; switch ($rU) { case 1: if ($fU) break; } }\n  for ($var(v) in $(avp(l)[*])) { if ($var(v)) break; }\n}\n";
  assert.deepEqual(codes(ok), []);
  assert.deepEqual(codes("route {\n  if ($rU) { break; }\n}\nroute[x] { while (1) { route(y); } }\nroute[y] { break; }\n"), [
    "2:14 OSX2018",
    "5:12 OSX2018",
  ]);
});

test("a route call or async inside a loop does not leak `break` legality into another route", () => {
  assert.deepEqual(codes("route { while (1) { exit; } }\nroute[z] { break; }\n"), ["2:12 OSX2018"]);
});

test("the shared parser starts fresh on every call", () => {
  const broken = "route { break; }\n";
  assert.deepEqual(codes(broken), ["1:9 OSX2018"]);
  assert.deepEqual(codes(broken), ["1:9 OSX2018"]);
  assert.deepEqual(codes("route { while (1) { break; } }\n"), []);
});

test("`route[0]` and `route` are the main route; `onreply_route[0]` is a named route", () => {
  const result = parse("route[0] { exit; }\nonreply_route[0] { exit; }\nonreply_route { exit; }\n");
  assert.deepEqual(
    routes(result).map((r) => [r.routeKind, r.name]),
    [
      ["request", null],
      ["onreply", "0"],
      ["onreply", null],
    ],
  );
});

test("socket definitions are parsed into protocol, host, ports, advertised address and options", () => {
  const result = parse("socket = tcp:[2001:db8::1]:5060-5062,5080 as sip.example.com:5070 reuse_port tag t1 use_workers 4\n");
  assert.deepEqual(result.diagnostics, []);
  const { socket } = result.script.items[0] as GlobalParam;
  assert.deepEqual(socket, {
    proto: "tcp",
    host: "2001:db8::1",
    port: 5060,
    ports: [
      { from: 5060, to: 5062 },
      { from: 5080, to: 5080 },
    ],
    advertised: { host: "sip.example.com", port: 5070 },
    options: [
      { name: "reuse_port", value: null },
      { name: "tag", value: "t1" },
      { name: "use_workers", value: "4" },
    ],
    text: "tcp:[2001:db8::1]:5060-5062,5080 as sip.example.com:5070 reuse_port tag t1 use_workers 4",
  });
});

test("structured globals reject malformed values, each once", () => {
  assert.deepEqual(
    codes(
      "socket = udp:1.2.3.4:5060 bogus\n" +
        "alias = sip.route.com\n" +
        "dst_blacklist = bl: {(udp, 1.2.3.4, 5060, \"x\", 1)}\n" +
        "auto_scaling_profile = P scale up to 4 for 2 cycles\n" +
        "udp_workers = 4 extra\n",
    ),
    ["1:27 OSX2028", "2:13 OSX2028", "3:48 OSX2028", "4:40 OSX2028", "5:17 OSX2028"],
  );
});

test("a 2.x top-level parameter that is not a 3.x keyword still parses (the checker judges it)", () => {
  const result = parse("children = 4\ndisable_tcp = yes\n");
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(
    result.script.items.map((i) => (i as GlobalParam).name),
    ["children", "disable_tcp"],
  );
});

test("function calls: at most 8 arguments, empty slots kept as null", () => {
  const [call] = body("route { f(, 2, ); }\n");
  assert.equal(call!.kind, "CallStatement");
  if (call!.kind === "CallStatement") assert.deepEqual(call.call.args.map((a) => a?.kind ?? null), [null, "NumberLit", null]);
  assert.deepEqual(codes("route { f(1,2,3,4,5,6,7,8); g(1,2,3,4,5,6,7,8,9,10); }\n"), ["1:47 OSX2019"]);
});

test("xlog folds adjacent strings in each argument; a level argument may not be a variable", () => {
  const [xlog] = body('route { xlog("L_INFO", "a" \'b\' "c"); }\n');
  assert.ok(xlog!.kind === "CallStatement");
  assert.deepEqual(
    xlog.call.args.map((a) => (a?.kind === "StringLit" ? a.value : null)),
    ["L_INFO", "abc"],
  );
  assert.deepEqual(codes('route { xlog($var(l), "x"); }\n'), ["1:14 OSX2027"]);
});

test("statement keywords cannot be route names unless quoted", () => {
  assert.deepEqual(codes('route { route(switch); route("switch"); }\nroute["switch"] { exit; }\n'), ["1:15 OSX2013"]);
});

test("parseScript never throws, even on binary garbage", () => {
  const garbage = String.fromCharCode(...Array.from({ length: 400 }, (_, i) => (i * 7919) % 256));
  const result = parseScript(garbage, { file: "g.cfg", readFile: () => null });
  assert.equal(result.script.kind, "Script");
  assert.ok(result.diagnostics.length > 0);
});

/**
 * Scripts whose strings, names, regexes, comments and transformation parameters try to break out
 * of the emitted code: compiled, loaded and run on the offline engine, nothing injected may run
 * (the canary stays unset) and every text comes out exactly as written.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ts } from "ts-morph";
import * as rt from "../runtime/index.ts";
import { compile, compileToTypeScript } from "../compiler/index.ts";
import { engineFor, logTexts, request, SOURCE } from "./support/runtime-harness.ts";

const RUNTIME_URL = pathToFileURL(new URL("../runtime/index.ts", import.meta.url).pathname).href;

declare global {
  var hacked: unknown;
}

const BT = "`";

const SCRIPT = String.raw`# comment: */ globalThis.hacked = 1; /* </script> ${"${globalThis.hacked = 1}"}
/* block: */ /* ${"`${globalThis.hacked = 1}`"} */
route {
    xlog("quote \" backslash \\ end\n");
    xlog('single raw \n "q" \\');
    xlog("backtick ${BT} dollar-brace $${"${globalThis.hacked = 1}"} ${BT}$${"${process.exit(3)}"}${BT}\n");
    xlog("comment */ globalThis.hacked = 1; /* // tail\n");
    xlog("separators [LS] [PS]\n");
    xlog("</script><script>globalThis.hacked = 1</script><!--\n");
    $var(s) = "\"); globalThis.hacked = 1; (\"";
    xlog("$var(s)\n");
    if ($var(s) =~ "^\"\\);.*\\(\"$") xlog("regex matched\n");
    if ($var(s) == "\"); GLOBALTHIS.HACKED = 1; (\"") xlog("equal ignoring case\n");
    $var(__proto__) = "var proto";
    $var(constructor) = "var constructor";
    $avp(toString) = "avp toString";
    $avp(__proto__) = "avp proto";
    $avp(</script>) = "avp markup";
    xlog("$var(__proto__)|$var(constructor)|$avp(toString)|$avp(__proto__)|$avp(</script>)\n");
    $var(tick) = "a${"`"}b";
    xlog("$(var(tick){s.select,1,${"`"}})|$(var(s){re.subst,/\"/'/g})|$(var(s){s.substr,0,2})\n");
    route("__proto__");
    route("constructor");
    route("toString");
    route("$${"${globalThis.hacked = 1}"}");
    route("*/ globalThis.hacked = 1; /*");
    route("</script>");
    $var(dyn) = "hasOwnProperty";
    route($var(dyn));
    xlog("done\n");
}

route["__proto__"] { xlog("in __proto__\n"); }
route["constructor"] { xlog("in constructor\n"); }
route["toString"] { xlog("in toString\n"); }
route["${"${globalThis.hacked = 1}"}"] { xlog("in template\n"); }
route["*/ globalThis.hacked = 1; /*"] { xlog("in comment\n"); }
route["</script>"] { xlog("in markup\n"); }
`.replace("[LS]", "[\u2028]").replace("[PS]", "[\u2029]");

const EXPECTED_LOGS = [
  'quote " backslash \\ end',
  'single raw \\n "q" \\\\',
  "backtick ` dollar-brace ${globalThis.hacked = 1} `${process.exit(3)}`",
  "comment */ globalThis.hacked = 1; /* // tail",
  "separators [\u2028] [\u2029]",
  "</script><script>globalThis.hacked = 1</script><!--",
  '"); globalThis.hacked = 1; ("',
  "regex matched",
  "equal ignoring case",
  "var proto|var constructor|avp toString|avp proto|avp markup",
  "b|'); globalThis.hacked = 1; ('|\")",
  "in __proto__",
  "in constructor",
  "in toString",
  "in template",
  "in comment",
  "in markup",
  "done",
];

async function load(code: string): Promise<rt.Script> {
  const dir = mkdtempSync(join(tmpdir(), "opensips-hostile-"));
  try {
    const file = join(dir, "hostile.mjs");
    writeFileSync(file, code);
    return ((await import(pathToFileURL(file).href)) as { default: rt.Script }).default;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("hostile script: compiles without diagnostics and the TypeScript holds no raw separator or markup end", () => {
  const result = compileToTypeScript(SCRIPT, { file: "hostile.cfg", sourcemap: "none" });
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === "error"), []);
  assert.doesNotMatch(result.code, /[\u2028\u2029]/);
  assert.doesNotMatch(result.code, /<\/script/i);
  assert.deepEqual(templateTokens(result.code), [], "cfg text never lands in a template literal");
});

/** Template-literal tokens of `code`, found with the TypeScript scanner. */
function templateTokens(code: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, code);
  const found: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral || kind === ts.SyntaxKind.TemplateHead) found.push(scanner.getTokenText());
  }
  return found;
}

test("hostile script: running it executes nothing injected and prints every text verbatim", async () => {
  globalThis.hacked = undefined;
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  const result = await compile(SCRIPT, { file: "hostile.cfg", sourcemap: "none", runtimeImport: RUNTIME_URL });
  assert.equal(result.diagnostics.filter((d) => d.severity === "error").length, 0);
  const script = await load(result.code);
  assert.deepEqual(
    [...script.routes.request.keys()].sort(),
    ["", "${globalThis.hacked = 1}", "*/ globalThis.hacked = 1; /*", "</script>", "__proto__", "constructor", "toString"].sort(),
  );
  assert.equal(Object.getPrototypeOf(script.routes.request), Map.prototype);

  const { engine, env } = await engineFor(script);
  const handled = await engine.handleRequest(request("MESSAGE"), SOURCE);
  assert.equal(handled.status, "finished", handled.error);
  assert.deepEqual(logTexts(env).filter((t) => !t.startsWith("ALERT")), EXPECTED_LOGS);
  assert.equal(globalThis.hacked, undefined);
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeKeys);
});

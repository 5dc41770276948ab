/**
 * parseScript over the real-world corpus (read from ../shared/corpus, never copied): every
 * non-TEMPLATE script parses with zero errors, except the few that OpenSIPS itself would reject,
 * which are listed below with the reason and must keep failing for that reason. TEMPLATE scripts
 * (deployment placeholders) may fail, but never with an exception.
 *
 * Includes resolve to the corpus file from the same repository folder when the corpus has it;
 * otherwise the included file is not part of the corpus and stands in as empty.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { test } from "node:test";
import { CORPUS_DIR } from "../bench/corpus.ts";
import { parseScript } from "../compiler/parse.ts";

interface Entry {
  file: string;
  repo: string;
  path: string;
  template: boolean;
}

/** Scripts OpenSIPS rejects too, with the diagnostic codes that must report it. */
const REJECTED_BY_OPENSIPS: Record<string, { why: string; codes: string[] }> = {
  "altanai__opensipsexamples__rate_limiter_accounts__opensips_ratelimmiter.cfg": {
    why: "`modparam(\"uri\", \"use_uri_table\", 0` lacks its `)`",
    codes: ["OSX2001"],
  },
  "altanai__opensipsexamples__record_route__record_route_opensips.cfg": {
    why: "`modparam(\"uri\", \"use_uri_table\", 0` lacks its `)`",
    codes: ["OSX2001"],
  },
  "altanai__opensipsexamples__rediscache_integration__opensips.cfg": {
    why: "placeholder `alias=<public_ip>`",
    codes: ["OSX2028"],
  },
  "altanai__opensipsexamples__registrar__opensips_registrar.cfg": {
    why: "placeholder `listen=udp:<private_ip>:5060`; an `xlog(…)` without `;`",
    codes: ["OSX2028", "OSX2002"],
  },
  "ArthurAnastopulos__tcc-load-balacing__opensips__opensips.cfg": {
    why: "`modparam` with four arguments; `modinit()` at top level",
    codes: ["OSX2001"],
  },
  "dehalokmansahin__opensips-ai-voice-connector__config__opensips.cfg": {
    why: "`event_route[dialog:start]`: a `:` in a route name",
    codes: ["OSX2001"],
  },
  "dehalokmansahin__opensips-ai-voice-connector__infrastructure__opensips__opensips.cfg": {
    why: "`define NAME \"…\"` lines (not OpenSIPS syntax), bare words in expressions, a call with more than 8 arguments",
    codes: ["OSX2028", "OSX2022", "OSX2019"],
  },
  "elaynolie__OpenSIPS_Configuration__opensips.cfg": {
    why: "placeholder address `xxx.xx.xxx.84` (a host label starting with a digit); includes route.cfg below",
    codes: ["OSX2028"],
  },
  "elaynolie__OpenSIPS_Configuration__route.cfg": {
    why: "placeholder `$si == XXX.XXX.XXX.XXX`; a `//` comment",
    codes: ["OSX2001", "OSX2004"],
  },
  "Ilyin-V-V__opensips_configuration__core__core.cfg": {
    why: "`if (t_check_status(…)) && (…)`: the condition's parenthesis closes too early",
    codes: ["OSX2001"],
  },
  "NormB__development-containers__opensips__opensips.cfg.backup.cfg": {
    why: "template placeholders `udp_workers={udp_workers}`",
    codes: ["OSX2028"],
  },
  "onlythedregs__onlythedregs-media-server__opensips__opensips.cfg": {
    why: "`failure_route { … }` without a name",
    codes: ["OSX2001"],
  },
  "somleng__somleng-switch__components__gateway__public_gateway__opensips.cfg": {
    why: "placeholders `SIP_PORT`, `FIFO_NAME` … meant for a text substitution",
    codes: ["OSX2028", "OSX2001"],
  },
  "somleng__somleng-switch__docker__registrar__opensips.cfg": {
    why: "placeholders `SIP_PORT`, `FIFO_NAME` … meant for a text substitution",
    codes: ["OSX2028", "OSX2001"],
  },
  "truesip__opensipapi__config__opensips__opensips-pstn.cfg": {
    why: "`define NAME \"…\"` lines and the bare word `PSTN_GATEWAY` in an expression; `failure_route` without a name",
    codes: ["OSX2028", "OSX2001"],
  },
  "truesip__opensipapi__config__opensips__opensips.cfg": {
    why: "`define NAME \"…\"` lines (not OpenSIPS syntax)",
    codes: ["OSX2028"],
  },
};

function manifest(): Entry[] {
  return readFileSync(join(CORPUS_DIR, "MANIFEST.tsv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split("\t"))
    .map((cols) => ({ file: cols[0]!, repo: cols[1]!, path: cols[2]!, template: (cols[8] ?? "").includes("TEMPLATE") }));
}

function includeReader(entry: Entry, entries: Entry[]): (path: string) => string | null {
  return (path) => {
    const wanted = normalize(join(dirname(entry.path), path));
    const found = entries.find((e) => e.repo === entry.repo && normalize(e.path) === wanted);
    return found ? readFileSync(join(CORPUS_DIR, found.file), "utf8") : "";
  };
}

test("corpus: every script parses as OpenSIPS would parse it", () => {
  const entries = manifest();
  assert.ok(entries.length > 100, "the corpus manifest lists the scripts");
  const unexpected: string[] = [];
  let parsed = 0;
  for (const entry of entries) {
    const source = readFileSync(join(CORPUS_DIR, entry.file), "utf8");
    const result = parseScript(source, { file: entry.file, readFile: includeReader(entry, entries) });
    assert.ok(result.script.kind === "Script", entry.file);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    if (entry.template) continue;
    const rejected = REJECTED_BY_OPENSIPS[entry.file];
    if (rejected) {
      const codes = new Set(errors.map((d) => d.code));
      assert.ok(errors.length > 0, `${entry.file} should be rejected: ${rejected.why}`);
      for (const code of rejected.codes) assert.ok(codes.has(code), `${entry.file}: expected ${code} (${rejected.why}), got ${[...codes].join(", ")}`);
      continue;
    }
    parsed++;
    for (const d of errors) unexpected.push(`${d.file}:${d.line}:${d.column}: ${d.message} [${d.code}]`);
  }
  assert.deepEqual(unexpected, []);
  assert.ok(parsed >= 70, `only ${parsed} scripts parsed cleanly`);
});

test("corpus: the known rejections are real corpus files", () => {
  const files = new Set(manifest().map((e) => e.file));
  for (const file of Object.keys(REJECTED_BY_OPENSIPS)) assert.ok(files.has(file), file);
});

/**
 * Every real-world script of the corpus (except TEMPLATEs, which need a preprocessor) checks with
 * zero errors for its OpenSIPS version: `opensips_major_version_guess` 2 → 2.4, otherwise 3.6.
 *
 * Two explicit lists refine that rule; every entry was investigated by hand:
 * - TARGETS: scripts whose version guess is off (they check clean on the listed version);
 * - BROKEN: scripts that are wrong for every version the catalogue knows, with the error codes
 *   they get (on the version that fits them best) and why.
 * Fragments (MANIFEST note "fragment: no loadmodule") are meant to be included by another file,
 * so what they use from it (modules, routes) is not held against them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { checkScript, type CheckTarget } from "../compiler/check.ts";
import { parseScript } from "../compiler/parse.ts";

const CORPUS = join(import.meta.dirname, "../../shared/corpus");

/** Codes a fragment gets for what its including file provides. */
const FROM_INCLUDING_FILE = new Set(["OSC3002", "OSC3003", "OSC3004", "OSC3005", "OSC3102", "OSC3115", "OSC3302"]);

const TARGETS: Readonly<Record<string, { target: CheckTarget; why: string }>> = {
  "faheem2084__opensips-cluster__opensips_configs__opensips.cfg": { target: "3.4", why: "loads avpops, removed in 3.5" },
  "flycun__opensips-cfg__opensips.cfg": { target: "3.4", why: "uses avp_db_query, removed in 3.5" },
  "MikeB1124__package-opensips__opensips.cfg": { target: "3.4", why: "loads avpops, removed in 3.5" },
  "mach1el__SIP-backup__etc__opensips__opensips_drouting.cfg": { target: "2.4", why: "children=, quoted reply codes, bare flag names: 2.x" },
  "Siptalk__pbx-cloud-bridge__opensips__opensips.cfg": { target: "2.4", why: "children=, $pr, quoted reply codes: 2.x" },
  "truesip__opensipapi__config__opensips__opensips.cfg": { target: "2.4", why: "children=, method== conditions: 2.x" },
  "wangduanduan__opensips-cfg-template__opensips.cfg": { target: "2.4", why: "children=, the uri module, quoted reply codes: 2.x" },
  "Ilyin-V-V__opensips_configuration__core__core.cfg": { target: "2.4", why: "$pr, $Ri, bare flag names: 2.x (version unknown in the manifest)" },
};

const BROKEN: Readonly<Record<string, { target: CheckTarget; errors: string[]; why: string }>> = {
  "Adityasiig__Opensips-Deploy__examples__opensips.cfg.example.cfg": {
    target: "3.4",
    errors: ["OSC3107"],
    why: "nat_uac_test(23): integer flags, a string parameter in 3.4/3.6 (the script also needs avpops, so not 3.6)",
  },
  "altanai__opensipsexamples__rediscache_integration__opensips.cfg": {
    target: "2.4",
    errors: ["OSC3002", "OSC3003", "OSC3102"],
    why: "is_method()/append_hf() without sipmsgops, check_address() without permissions, t_on_reply() and route() name routes it never defines",
  },
  "ArthurAnastopulos__tcc-load-balacing__opensips__opensips.cfg": {
    target: "2.4",
    errors: ["OSC3102", "OSC3115", "OSC3601"],
    why: "routes and modparams come before the loadmodule lines they need; sl, maxfwd, sipmsgops, db_postgres are never loaded",
  },
  "blox-org__blox-cfg__opensips__blox-invite.cfg.m4.rendered.cfg": {
    target: "2.4",
    errors: ["OSC3101"],
    why: "is_ip_rfc1918() is exported by no OpenSIPS version (a patched build)",
  },
  "blox-org__blox-cfg__opensips__blox-lan2wan-allomts.cfg.m4.rendered.cfg": {
    target: "2.4",
    errors: ["OSC3101", "OSC3307"],
    why: "is_ip_rfc1918(), add_body(), strip_body() and {s.encode.base64}/{s.decode.base64} exist in no OpenSIPS version",
  },
  "dehalokmansahin__opensips-ai-voice-connector__config__opensips.cfg": {
    target: "2.4",
    errors: ["OSC3102", "OSC3406", "OSC3602"],
    why: "port=, mi_http port, uac credential (uac_auth's), has_totag()/is_method() without uri/sipmsgops: mixes in Kamailio modules",
  },
  "dehalokmansahin__opensips-ai-voice-connector__config__opensips__opensips.cfg": {
    target: "3.6",
    errors: ["OSC3101", "OSC3106", "OSC3113", "OSC3602", "OSC3605"],
    why: "json_get_field() exists nowhere; quoted reply codes and quoted output variables, the 2.x uri module, mi_http port",
  },
  "dehalokmansahin__opensips-ai-voice-connector__infrastructure__opensips__opensips.cfg": {
    target: "3.6",
    errors: ["OSC3104", "OSC3107", "OSC3401", "OSC3405", "OSC3602"],
    why: "raise_event() with 6-10 arguments, 1.x module parameters (tm fr_timer, rr enable_full_lr), children=, msg:len",
  },
  "DuoSoftware__DVP-Scripts__opensips__cb__opensips.cfg": {
    target: "2.4",
    errors: ["OSC3602"],
    why: "mid_registrar has no insertion_mode parameter in any version",
  },
  "hamidrhashmi__EdgeProxy__opensips.cfg": {
    target: "2.4",
    errors: ["OSC3602"],
    why: "acc log_flag/failed_transaction_flag were removed in 2.2 (do_accounting() replaced them)",
  },
  "hogbinj__OpenSips__opensips.cfg": {
    target: "3.4",
    errors: ["OSC3107", "OSC3402", "OSC3602"],
    why: "set_advertised_address(1.2.3.4) unquoted and set_advertised_port(5091) as a number in a 3.x script; tls_mgm tls_handshake_timeout is 2.x",
  },
  "huongbn__docker-opensips__src__opensips.cfg": {
    target: "2.4",
    errors: ["OSC3102"],
    why: "calls load_balance(), rest_get(), rest_post() but never loads load_balancer or rest_client",
  },
  "ishmaelen__opensips_config__opensips.cfg": {
    target: "2.4",
    errors: ["OSC3602"],
    why: "acc db_flag/failed_transaction_flag were removed in 2.2",
  },
  "mach1el__ansible_deploy_sip__files__opensips.cfg": {
    target: "3.6",
    errors: ["OSC3107"],
    why: "nat_uac_test(127): integer flags, a string parameter in 3.4/3.6",
  },
  "onlythedregs__onlythedregs-media-server__opensips__opensips.cfg": {
    target: "3.6",
    errors: ["OSC3102", "OSC3605"],
    why: "calls rtpengine_*() without loading rtpengine; loads the 2.x uri module",
  },
  "OpenSIPS__docker-opensips__conf__opensips_authdb.cfg": {
    target: "3.6",
    errors: ["OSC3107", "OSC3405"],
    why: "children= (2.x) next to proxy_challenge(realm, 0) with a numeric qop (3.x takes a string)",
  },
  "OpenSIPS__opensips__branch-3.6__examples__nathelper.cfg": {
    target: "3.6",
    errors: ["OSC3107"],
    why: "stale example: fix_nated_sdp(1) passes integer flags to a string parameter",
  },
  "OpenSIPS__opensips__branch-3.6__modules__sipcapture__examples__opensips.cfg": {
    target: "3.6",
    errors: ["OSC3406"],
    why: "stale example: disable_tcp is not a 3.x global parameter",
  },
  "OpenSIPS__opensips__branch-3.2__test__5.cfg": {
    target: "3.6",
    errors: ["OSC3102", "OSC3106", "OSC3107", "OSC3602"],
    why: "legacy parser-test script: acc 1.x flags, registrar method_filtering, is_method() without sipmsgops, quoted reply codes",
  },
  "OpenSIPS__sipssert-opensips-tests__stir-shaken__18.verify-error-437-cert-expired__opensips.cfg": {
    target: "3.6",
    errors: ["OSC3002"],
    why: "route[stir_shaken_verify] is in an included file the corpus does not have",
  },
  "OpenSIPS__sipssert-opensips-tests__stir-shaken__28.acc-stats-error-403-wrong-iat__opensips.cfg": {
    target: "3.6",
    errors: ["OSC3002"],
    why: "route[stir_shaken_verify] is in an included file the corpus does not have",
  },
  "plsitcs__opensips__configs__opensips.cfg": {
    target: "3.6",
    errors: ["OSC3107"],
    why: "nat_uac_test(127): integer flags, a string parameter in 3.4/3.6",
  },
  "somleng__somleng-switch__docker__registrar__opensips.cfg": {
    target: "3.4",
    errors: ["OSC3107"],
    why: "nat_uac_test(18): integer flags (the script also loads avpops, so not 3.6)",
  },
  "truesip__opensipapi__config__opensips__opensips-pstn.cfg": {
    target: "2.4",
    errors: ["OSC3111"],
    why: "uac_auth() in a route[...] block, which 2.4 parses as a request route; uac_auth is failure-route only",
  },
  "webitel__opensips__opensips.cfg": {
    target: "3.6",
    errors: ["OSC3103", "OSC3107", "OSC3303", "OSC3402", "OSC3405", "OSC3605"],
    why: "mixes 2.x (bare flag names, $pr, children=, avpops, event_jsonrpc) with unquoted 3.x numbers",
  },
};

interface ManifestRow {
  file: string;
  guess: string;
  notes: string;
}

function manifest(): ManifestRow[] {
  const lines = readFileSync(join(CORPUS, "MANIFEST.tsv"), "utf8").trim().split("\n");
  const header = lines[0]!.split("\t");
  const column = (name: string) => header.indexOf(name);
  return lines.slice(1).map((line) => {
    const cells = line.split("\t");
    return { file: cells[column("file")]!, guess: cells[column("opensips_major_version_guess")]!, notes: cells[column("notes")] ?? "" };
  });
}

/** The corpus flattens `repo/path/file` to `repo__path__file`: an include names a sibling of the including file. */
function corpusReader(file: string): (path: string) => string | null {
  const prefix = file.slice(0, file.lastIndexOf("__"));
  return (path) => {
    const sibling = join(CORPUS, `${prefix}__${basename(path)}`);
    return existsSync(sibling) ? readFileSync(sibling, "utf8") : null;
  };
}

function errorCodes(row: ManifestRow, target: CheckTarget): { codes: string[]; first: string[] } {
  const parsed = parseScript(readFileSync(join(CORPUS, row.file), "utf8"), { file: row.file, readFile: corpusReader(row.file) });
  const fragment = row.notes.includes("fragment");
  const errors = checkScript(parsed.script, { target }).diagnostics.filter(
    (d) => d.severity === "error" && !(fragment && FROM_INCLUDING_FILE.has(d.code)),
  );
  return { codes: [...new Set(errors.map((d) => d.code))].sort(), first: errors.slice(0, 5).map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`) };
}

const rows = manifest().filter((row) => !row.notes.includes("TEMPLATE"));

test("the exception lists name only scripts of the manifest", () => {
  const files = new Set(rows.map((r) => r.file));
  for (const file of [...Object.keys(TARGETS), ...Object.keys(BROKEN)]) assert.ok(files.has(file), file);
});

test("every corpus script checks with zero errors for its version (or fails exactly as listed)", (t) => {
  let clean = 0;
  const failures: string[] = [];
  for (const row of rows) {
    const broken = BROKEN[row.file];
    const target = broken?.target ?? TARGETS[row.file]?.target ?? (row.guess === "2" ? "2.4" : "3.6");
    const { codes, first } = errorCodes(row, target);
    const expected = broken?.errors ?? [];
    if (codes.join() !== [...expected].sort().join()) failures.push(`${row.file} [${target}] expected ${expected.join(",") || "no errors"}, got:\n  ${first.join("\n  ")}`);
    if (codes.length === 0) clean++;
  }
  t.diagnostic(`${rows.length} scripts: ${clean} clean (${Object.keys(TARGETS).length} on a corrected version), ${Object.keys(BROKEN).length} wrong for every version`);
  assert.deepEqual(failures, []);
});

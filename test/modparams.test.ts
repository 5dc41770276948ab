/** modparam's first argument names modules by an anchored, case-insensitive POSIX ERE (spec §3.5). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { intModParam, modParam, modParamValues } from "../runtime/modules/modparams.ts";
import type { Script } from "../runtime/script.ts";

const script = {
  modparams: [
    { module: "usrloc|auth_db", param: "use_domain", value: 1 },
    { module: "TM", param: "fr_timeout", value: 7 },
    { module: "auth", param: "nonce_expire", value: 60 },
    { module: "dialog", param: "profiles_with_value", value: "caller" },
    { module: "dia.*", param: "profiles_with_value", value: "callee" },
  ],
} as unknown as Script;

test("one modparam sets the parameter of every module its expression names", () => {
  assert.equal(modParam(script, "usrloc", "use_domain"), 1);
  assert.equal(modParam(script, "auth_db", "use_domain"), 1);
  assert.equal(modParam(script, "registrar", "use_domain"), undefined);
});

test("module names match case-insensitively and only as a whole", () => {
  assert.equal(intModParam(script, "tm", "fr_timeout", 5), 7);
  assert.equal(modParam(script, "auth", "nonce_expire"), 60);
  assert.equal(modParam(script, "auth_db", "nonce_expire"), undefined, "`auth` does not name auth_db");
  assert.deepEqual(modParamValues(script, "dialog", "profiles_with_value"), ["caller", "callee"]);
});

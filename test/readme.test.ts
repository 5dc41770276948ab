/** The README's list of supported functions is the runtime's registry, module by module. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MODULES } from "../runtime/modules/index.ts";

test("README lists exactly the functions the runtime implements", () => {
  const readme = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8");
  const listed = new Map<string, string[]>();
  for (const match of readme.matchAll(/^- \*\*([a-z_]+)\*\*: (.+)$/gm)) {
    listed.set(match[1]!, [...match[2]!.matchAll(/`([a-z_0-9]+)`/g)].map((m) => m[1]!));
  }
  const implemented = new Map(MODULES.map((m) => [m.name, [...m.functions.keys()].sort()]));
  assert.deepEqual(listed, implemented);
});

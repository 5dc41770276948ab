// Builds dist/: the CLI (bundled, so a cold start loads few files; the compiler's heavy parts are
// split into chunks loaded only by the commands that need them), the runtime, the compiler API and
// the esbuild plugin.
import { rmSync } from "node:fs";
import { build } from "esbuild";

rmSync("dist", { recursive: true, force: true });

await build({
  entryPoints: {
    cli: "cli/main.ts",
    compiler: "compiler/index.ts",
    runtime: "runtime/index.ts",
    "esbuild-plugin": "cli/esbuild-plugin.ts",
  },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Small pure-JS dependencies are bundled (one file to load instead of hundreds); the heavy or
  // native ones stay external and load only in the commands that use them.
  external: ["esbuild", "better-sqlite3", "pg"],
  sourcemap: "linked",
  logLevel: "warning",
});

// Builds dist/: the CLI (bundled, so a cold start loads few files; the compiler's heavy parts are
// split into chunks loaded only by the commands that need them), the runtime, the compiler API and
// the esbuild plugin.
import { build } from "esbuild";

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
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
});

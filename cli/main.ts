#!/usr/bin/env node
/**
 * The opensips-ts command line: check, compile, run and serve OpenSIPS scripts.
 * Each command's module is imported only when that command runs, so `check` never loads the
 * emitter (ts-morph) or the runtime.
 */
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { TARGETS } from "./options.ts";

const EXIT_USAGE = 2;

await yargs(hideBin(process.argv))
  .scriptName("opensips-ts")
  .usage("$0 <command> [options]")
  .command(
    "check <files..>",
    "Parse and check scripts; print every diagnostic",
    (y) =>
      y
        .positional("files", { type: "string", array: true, demandOption: true, describe: ".cfg files" })
        .option("json", { type: "boolean", default: false, describe: "print one JSON array of results" })
        .option("target", { choices: TARGETS, default: "3.6" as const, describe: "OpenSIPS version" })
        .option("preprocessor", { type: "string", describe: 'pipe each main file through this shell command first (like opensips -p)' })
        .option("color", { type: "boolean", describe: "colour the output (default: when stdout is a terminal)" }),
    async (argv) => {
      const { runCheck } = await import("./check.ts");
      process.exitCode = await runCheck({
        files: argv.files,
        json: argv.json,
        target: argv.target,
        preprocessor: argv.preprocessor,
        color: argv.color ?? process.stdout.isTTY === true,
      });
    },
  )
  .demandCommand(1, "Name a command: check.")
  .strict()
  .fail((message, error) => {
    if (error) throw error;
    process.stderr.write(`opensips-ts: ${message}\nRun 'opensips-ts --help' for usage.\n`);
    process.exit(EXIT_USAGE);
  })
  .help()
  .version(false)
  .parseAsync();

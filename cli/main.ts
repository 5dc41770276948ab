#!/usr/bin/env node
/**
 * The opensips-ts command line: check, compile, run and serve OpenSIPS scripts.
 * Each command's module is imported only when that command runs, so `check` never loads the
 * emitter (ts-morph) or the runtime.
 */
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { TARGET_OPTION, type Target } from "./options.ts";

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
        .option("target", {
          type: "string",
          choices: TARGET_OPTION.choices,
          describe: "OpenSIPS version (default: 3.6, or 2.4 for a script written in 2.x syntax)",
        })
        .option("preprocessor", { type: "string", describe: 'pipe each main file through this shell command first (like opensips -p)' })
        .option("color", { type: "boolean", describe: "colour the output (default: when stdout is a terminal)" }),
    async (argv) => {
      const { runCheck } = await import("./check.ts");
      process.exitCode = await runCheck({
        files: argv.files,
        json: argv.json,
        target: argv.target as Target | undefined,
        preprocessor: argv.preprocessor,
        color: argv.color ?? process.stdout.isTTY === true,
      });
    },
  )
  .command(
    "compile <input>",
    "Compile a script to JavaScript (or TypeScript) with a source map back to the .cfg",
    (y) =>
      y
        .positional("input", { type: "string", demandOption: true, describe: "the .cfg file" })
        .option("output", { alias: "o", type: "string", describe: "output file (default: next to the input)" })
        .option("emit", { choices: ["js", "ts"] as const, default: "js" as const })
        .option("bundle", { type: "boolean", default: false, describe: "one standalone file with the runtime inside" })
        .option("sourcemap", { choices: ["inline", "external", "none"] as const, default: "inline" as const })
        .option("target", TARGET_OPTION)
        .option("preprocessor", { type: "string", describe: "pipe the file through this shell command first" })
        .option("watch", { type: "boolean", default: false, describe: "recompile when the script or an included file changes" })
        .option("color", { type: "boolean", describe: "colour the diagnostics (default: when stderr is a terminal)" }),
    async (argv) => {
      const { runCompile } = await import("./compile.ts");
      process.exitCode = await runCompile({
        input: argv.input,
        output: argv.output,
        emit: argv.emit,
        bundle: argv.bundle,
        sourcemap: argv.sourcemap,
        target: argv.target,
        preprocessor: argv.preprocessor,
        watch: argv.watch,
        color: argv.color ?? process.stderr.isTTY === true,
      });
    },
  )
  .command(
    "serve <input>",
    "Run a script as a SIP proxy over UDP (stop with Ctrl-C); logs go to stderr",
    (y) =>
      y
        .positional("input", { type: "string", demandOption: true, describe: "the .cfg file, or a .js compiled from one" })
        .option("listen", { type: "string", describe: "listen on [udp:]IP:PORT instead of the script's first socket (port 0: any free port)" })
        .option("db", { type: "string", describe: "database URL replacing the script's db_url (sqlite:///path, :memory:, postgres://…)" })
        .option("target", TARGET_OPTION)
        .option("log", { choices: ["text", "json"] as const, default: "text" as const, describe: "log line format" })
        .option("preprocessor", { type: "string", describe: "pipe the .cfg through this shell command first" })
        .option("color", { type: "boolean", describe: "colour the diagnostics (default: when stderr is a terminal)" }),
    async (argv) => {
      const { runServe } = await import("./serve.ts");
      process.exitCode = await runServe({
        input: argv.input,
        listen: argv.listen,
        db: argv.db,
        target: argv.target,
        log: argv.log,
        preprocessor: argv.preprocessor,
        color: argv.color ?? process.stderr.isTTY === true,
      });
    },
  )
  .command(
    "run <script>",
    "Run SIP messages through a script offline and print what it did",
    (y) =>
      y
        .positional("script", { type: "string", demandOption: true, describe: "the .cfg file, or a compiled .js" })
        .option("sip", { type: "string", array: true, demandOption: true, describe: "a raw SIP message file (repeat for several, delivered in order)" })
        .option("json", { type: "boolean", default: false, describe: "one JSON object per trace event" })
        .option("source", { type: "string", describe: "where the messages come from, IP:PORT (default 127.0.0.1:5060)" })
        .option("upstream-reply", { type: "string", array: true, default: [] as string[], describe: "reply codes for each relayed request in turn (180,200 = several replies)" })
        .option("db", { type: "string", describe: "database URL replacing the script's db_url (sqlite:///path, :memory:, postgres://…)" })
        .option("gap", { type: "number", default: 1000, describe: "ms to wait before the next message while one is suspended" })
        .option("target", { ...TARGET_OPTION, describe: "OpenSIPS version (for a .cfg)" })
        .option("color", { type: "boolean", describe: "colour the diagnostics (default: when stderr is a terminal)" }),
    async (argv) => {
      const { runRun } = await import("./run.ts");
      process.exitCode = await runRun({
        script: argv.script,
        sip: argv.sip,
        json: argv.json,
        source: argv.source,
        upstreamReply: argv["upstream-reply"],
        db: argv.db,
        gap: argv.gap,
        target: argv.target,
        color: argv.color ?? process.stderr.isTTY === true,
      });
    },
  )
  .demandCommand(1, "Name a command: check, compile, run or serve.")
  .strict()
  .fail((message, error) => {
    if (error) throw error;
    process.stderr.write(`opensips-ts: ${message}\nRun 'opensips-ts --help' for usage.\n`);
    process.exit(EXIT_USAGE);
  })
  .help()
  .version(false)
  .parseAsync();

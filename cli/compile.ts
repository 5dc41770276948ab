/** `opensips-ts compile`: a .cfg to JavaScript (or TypeScript), optionally bundled with the runtime. */
import { mkdirSync, readFileSync, watch, writeFileSync, type FSWatcher } from "node:fs";
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";
import { compile } from "../compiler/index.ts";
import { renderDiagnostic, sortDiagnostics } from "../compiler/diagnostics.ts";
import { inlineSourceMapComment } from "../compiler/sourcemap.ts";
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, type Target } from "./options.ts";

export interface CompileCommandOptions {
  input: string;
  output?: string;
  emit: "js" | "ts";
  bundle: boolean;
  sourcemap: "inline" | "external" | "none";
  target: Target;
  preprocessor?: string;
  watch: boolean;
  color: boolean;
}

const WATCH_DEBOUNCE_MS = 50;

export async function runCompile(options: CompileCommandOptions): Promise<number> {
  if (options.emit === "ts" && options.bundle) {
    process.stderr.write("opensips-ts: --bundle produces JavaScript; it cannot be combined with --emit ts\n");
    return EXIT_USAGE;
  }
  const output = options.output ?? defaultOutput(options.input, options.emit);
  if (resolve(output) === resolve(options.input)) {
    process.stderr.write(`opensips-ts: the output ${output} would overwrite the input; name another with -o\n`);
    return EXIT_USAGE;
  }
  const first = await compileOnce(options, output);
  if (!options.watch) return first.exitCode;
  watchAndRecompile(options, output, first.files);
  return new Promise<number>(() => {});
}

interface Outcome {
  exitCode: number;
  files: string[];
}

async function compileOnce(options: CompileCommandOptions, output: string): Promise<Outcome> {
  let source: string;
  try {
    source = readFileSync(options.input, "utf8");
  } catch {
    process.stderr.write(`opensips-ts: cannot read ${options.input}\n`);
    return { exitCode: EXIT_USAGE, files: [options.input] };
  }
  // The map comes back separately so its source paths can be made relative to the output file.
  const result = await compile(source, {
    file: options.input,
    target: options.target,
    emit: options.emit,
    bundle: options.bundle,
    sourcemap: options.sourcemap === "none" ? "none" : "external",
    preprocessor: options.preprocessor,
  });
  const diagnostics = sortDiagnostics(result.diagnostics);
  for (const d of diagnostics) process.stderr.write(renderDiagnostic(d, { sources: result.sources, color: options.color }) + "\n\n");
  if (diagnostics.some((d) => d.severity === "error")) return { exitCode: EXIT_ERRORS, files: result.files };

  try {
    mkdirSync(dirname(output), { recursive: true });
    writeOutput(output, result.code, result.map === null ? null : relocateMap(result.map, output), options.sourcemap);
  } catch (error) {
    process.stderr.write(`opensips-ts: cannot write ${output}: ${(error as Error).message}\n`);
    return { exitCode: EXIT_USAGE, files: result.files };
  }
  process.stderr.write(`opensips-ts: wrote ${output}\n`);
  return { exitCode: EXIT_OK, files: result.files };
}

function defaultOutput(input: string, emit: "js" | "ts"): string {
  const name = basename(input, extname(input)) + "." + emit;
  return join(dirname(input), name);
}

function writeOutput(output: string, code: string, map: string | null, mode: CompileCommandOptions["sourcemap"]): void {
  const body = code.endsWith("\n") ? code : code + "\n";
  if (map === null || mode === "none") {
    writeFileSync(output, code);
  } else if (mode === "external") {
    writeFileSync(output + ".map", map);
    writeFileSync(output, `${body}//# sourceMappingURL=${basename(output)}.map\n`);
  } else {
    writeFileSync(output, `${body}${inlineSourceMapComment(map)}\n`);
  }
}

/**
 * A map's sources resolve against the file that carries it; the compiler names them as they were
 * read (relative to the working directory), which is wrong as soon as the output is elsewhere.
 */
function relocateMap(mapText: string, output: string): string {
  const map = JSON.parse(mapText) as { sources: string[] };
  const outputDir = dirname(resolve(output));
  map.sources = map.sources.map((source) => relative(outputDir, resolve(source)).split(sep).join("/"));
  return JSON.stringify(map);
}

/**
 * Recompiles when the script or any file it includes changes; the set of files is refreshed each
 * time (which also follows editors that save by replacing the file). Compilations run one at a time,
 * so an older one never overwrites a newer output.
 */
function watchAndRecompile(options: CompileCommandOptions, output: string, initialFiles: string[]): void {
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let queue = Promise.resolve();
  const rewatch = (files: string[]) => {
    for (const w of watchers) w.close();
    watchers = files.flatMap((file) => {
      try {
        return [watch(file, schedule)];
      } catch {
        return [];
      }
    });
  };
  const recompile = async () => {
    const outcome = await compileOnce(options, output);
    rewatch(outcome.files);
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      queue = queue.then(recompile);
    }, WATCH_DEBOUNCE_MS);
  };
  rewatch(initialFiles);
  process.stderr.write(`opensips-ts: watching ${initialFiles.length} file(s) for changes\n`);
}

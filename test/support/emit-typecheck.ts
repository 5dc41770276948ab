/**
 * Type-checks emitted TypeScript under `strict` with one shared ts-morph Project, with
 * `opensips-ts/runtime` mapped to the repository's `runtime/index.ts`. Files are kept in memory.
 */
import { fileURLToPath } from "node:url";
import { Project, ts } from "ts-morph";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const RUNTIME_INDEX = `${REPO}runtime/index.ts`;

let shared: Project | null = null;

function project(): Project {
  shared ??= new Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      noEmit: true,
      skipLibCheck: true,
      types: ["node"],
      typeRoots: [`${REPO}node_modules/@types`],
      paths: { "opensips-ts/runtime": [RUNTIME_INDEX] },
    },
  });
  return shared;
}

/**
 * The type errors of each emitted module (`file` names it; it is placed under the repository so
 * relative resolution works), as `line: message` texts; an empty list means it type-checks.
 */
export function typeErrors(modules: ReadonlyMap<string, string>): Map<string, string[]> {
  const p = project();
  const files = [...modules].map(([name, code]) => p.createSourceFile(`${REPO}tmp/typecheck/${name}`, code, { overwrite: true }));
  const result = new Map<string, string[]>();
  for (const [i, name] of [...modules.keys()].entries()) {
    const file = files[i]!;
    result.set(
      name,
      file.getPreEmitDiagnostics().map((d) => {
        const message = ts.flattenDiagnosticMessageText(d.compilerObject.messageText, "\n");
        const where = d.getSourceFile()?.getFilePath() === file.getFilePath() ? `line ${d.getLineNumber()}` : d.getSourceFile()?.getFilePath();
        return `${where}: ${message}`;
      }),
    );
  }
  for (const file of files) p.removeSourceFile(file);
  return result;
}

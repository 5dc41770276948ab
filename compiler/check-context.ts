/** State shared by the checker passes of one script. */
import type { Call, RouteBlock, RouteKind, Script, Span } from "./ast.ts";
import { diagnostic, type Diagnostic, type Severity } from "./diagnostics.ts";
import type { ResolvedCall, RouteTable } from "./check-info.ts";
import type { CatalogueVersion } from "../runtime/catalogue/types.ts";

/** The route block being checked. */
export interface Scope {
  block: RouteBlock;
  /** The kind OpenSIPS checks the body as: `route[x]` bodies are parsed as REQUEST. */
  kind: RouteKind;
  /** Modules loaded by `loadmodule` lines above this block (OpenSIPS resolves names while parsing). */
  modules: readonly string[];
}

export interface LoadedModule {
  name: string;
  /** Index of its `loadmodule` among the script's top-level items. */
  position: number;
  span: Span;
}

export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly calls = new Map<Call, ResolvedCall>();
  readonly loaded: LoadedModule[] = [];
  /** Loaded modules the catalogue does not know. */
  readonly unchecked = new Set<string>();

  constructor(
    readonly script: Script,
    readonly version: CatalogueVersion,
    readonly routes: RouteTable,
    /** Filled while checking: the routes `async()`/`launch()` name (the set behind `routes.resumeRoutes`). */
    readonly resumeRoutes: Set<string>,
  ) {}

  report(severity: Severity, code: string, message: string, span: Span): void {
    this.diagnostics.push(diagnostic(severity, code, message, span));
  }

  get isV3(): boolean {
    return this.version !== "2.4";
  }

  /** Modules loaded above top-level item `position`. */
  modulesBefore(position: number): string[] {
    return this.loaded.filter((m) => m.position < position).map((m) => m.name);
  }

  /** How to make `module` available to a route: add its loadmodule, or move it above the route. */
  loadHint(module: string): string {
    return this.loaded.some((m) => m.name === module)
      ? `move loadmodule "${module}.so" above this route`
      : `add loadmodule "${module}.so"`;
  }

  scopeOf(block: RouteBlock): Scope {
    return {
      block,
      kind: block.routeKind,
      modules: this.modulesBefore(this.script.items.indexOf(block)),
    };
  }
}

export function routeLabel(kind: RouteKind, name: string | null): string {
  const header = kind === "request" ? "route" : `${kind}_route`;
  return name === null ? header : `${header}[${name}]`;
}

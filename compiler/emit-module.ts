/**
 * The emitted module: the runtime import, the hoisted constants, one generator function per route
 * block, and `export default rt.defineScript({...})` describing modules, parameters, sockets and
 * route tables. Route bodies are written first (they declare the constants they use), then the
 * sections are joined and the origins of the body shifted past the constants.
 */
import type { GlobalParam, GlobalValue, ModParam, RouteBlock, RouteKind, Script } from "./ast.ts";
import type { Diagnostic } from "./diagnostics.ts";
import { typeAnnotation, type EmitContext, type EmitOptions, type RouteScope } from "./emit-context.ts";
import { Hoisted } from "./emit-hoist.ts";
import { jsNumber, jsString } from "./emit-literals.ts";
import { routeFunctionName } from "./emit-names.ts";
import { writeStatements } from "./emit-stmt.ts";
import { joinSections, Out, section, type Section } from "./emit-writer.ts";
import type { Origin } from "./sourcemap.ts";

export interface EmittedModule {
  code: string;
  /** Sorted by offset. */
  origins: Origin[];
  diagnostics: Diagnostic[];
}

const MAPPED_KINDS = ["request", "failure", "onreply", "branch", "event"] as const;
const SINGLE_KINDS = ["error", "local", "startup"] as const;
const SOCKET_PARAMS = new Set(["socket", "listen"]);

export function emitModule(script: Script, options: EmitOptions): EmittedModule {
  const routes = script.items.filter((i): i is RouteBlock => i.kind === "RouteBlock");
  const functionOf = functionNames(routes);
  const ec: EmitContext = {
    out: new Out(),
    hoist: new Hoisted(),
    options,
    diagnostics: [],
    routeNames: routeTables(routes, functionOf),
    scope: newScope(),
  };
  const routeSections = routes.map((route) => routeSection(ec, route, functionOf.get(route)!));
  const definition = new Out();
  writeDefinition(definition, ec, script, functionOf);
  const { text: code, origins } = joinSections([
    { text: `import * as rt from ${jsString(options.runtimeImport)};\n\n`, origins: [] },
    section(ec.hoist.out),
    { text: ec.hoist.out.origins.length > 0 ? "\n" : "", origins: [] },
    ...routeSections,
    section(definition),
  ]);
  return { code, origins, diagnostics: ec.diagnostics };
}

function newScope(): RouteScope {
  return { loops: 0, switches: 0, conditions: 0, breakTargets: [], usesTemp: false };
}

/** One unique identifier per block; a repeated name (legal for timers) gets `$2`, `$3`, … */
function functionNames(routes: readonly RouteBlock[]): Map<RouteBlock, string> {
  const names = new Map<RouteBlock, string>();
  const seen = new Map<string, number>();
  for (const route of routes) {
    const base = routeFunctionName(route.routeKind, route.name);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    names.set(route, count === 1 ? base : `${base}$${count}`);
  }
  return names;
}

/** Lookup by kind and name (the first block wins); unnamed blocks are under "". */
function routeTables(routes: readonly RouteBlock[], functionOf: ReadonlyMap<RouteBlock, string>): Map<RouteKind, Map<string, string>> {
  const tables = new Map<RouteKind, Map<string, string>>();
  for (const route of routes) {
    let table = tables.get(route.routeKind);
    if (table === undefined) tables.set(route.routeKind, (table = new Map()));
    const key = route.name ?? "";
    if (!table.has(key)) table.set(key, functionOf.get(route)!);
  }
  return tables;
}

/** `function* name(ctx) { … }`; a route that ends without `return` gives its last action's code (§5.8). */
function routeSection(ec: EmitContext, route: RouteBlock, name: string): Section {
  ec.scope = newScope();
  ec.out = new Out(1);
  if (!writeStatements(ec, route.body.statements)) ec.out.line("return ctx.rc;");
  const typed = (text: string) => typeAnnotation(ec.options, text);
  const header = `function* ${name}(ctx${typed(": rt.Ctx")})${typed(": rt.RouteGen")} {\n${ec.scope.usesTemp ? `  let t${typed(": number")};\n` : ""}`;
  return joinSections([
    { text: header, origins: [{ offset: 0, span: route.span }] },
    section(ec.out),
    { text: "}\n\n", origins: [] },
  ]);
}

function writeDefinition(out: Out, ec: EmitContext, script: Script, functionOf: ReadonlyMap<RouteBlock, string>): void {
  const globals = script.items.filter((i): i is GlobalParam => i.kind === "GlobalParam");
  const modparams = script.items.filter((i): i is ModParam => i.kind === "ModParam");
  const modules = script.items.flatMap((i) => (i.kind === "LoadModule" ? [jsString(i.module)] : []));
  out.line("export default rt.defineScript({");
  out.indented(() => {
    out.line(`file: ${jsString(ec.options.file)},`);
    out.line(`target: ${jsString(ec.options.target)},`);
    out.line(`modules: [${modules.join(", ")}],`);
    writeList(out, "modparams", modparams, (p) => {
      const value = p.value.kind === "NumberLit" ? jsNumber(p.value.value) : jsString(p.value.value);
      return `{ module: ${jsString(p.module.value)}, param: ${jsString(p.param.value)}, value: ${value} }`;
    });
    writeList(out, "globals", globals.filter((g) => !SOCKET_PARAMS.has(g.name)), (g) => `{ name: ${jsString(g.name)}, value: ${globalValue(g.values)} }`);
    writeList(out, "sockets", globals.flatMap((g) => (g.socket ? [g.socket] : [])), (s) => {
      const proto = s.proto === null ? "null" : jsString(s.proto);
      const port = s.port === null ? "null" : jsNumber(s.port);
      return `{ proto: ${proto}, host: ${jsString(s.host)}, port: ${port}, text: ${jsString(s.text)} }`;
    });
    out.line("routes: {");
    out.indented(() => writeRouteTables(out, script, ec.routeNames, functionOf, typeAnnotation(ec.options, "<string, rt.RouteFn>")));
    out.line("},");
  });
  out.line("});");
}

function writeList<T>(out: Out, key: string, items: readonly T[], item: (x: T) => string): void {
  if (items.length === 0) {
    out.line(`${key}: [],`);
    return;
  }
  out.line(`${key}: [`);
  out.indented(() => {
    for (const x of items) out.line(`${item(x)},`);
  });
  out.line("],");
}

/** A parameter's value: the number or text of a single token, the tokens' texts joined by blanks otherwise. */
function globalValue(values: readonly GlobalValue[]): string {
  const only = values.length === 1 ? values[0]! : null;
  if (only?.kind === "NumberLit") return jsNumber(only.value);
  return jsString(values.map((v) => (v.kind === "NumberLit" ? v.text : v.kind === "StringLit" ? v.value : v.text)).join(" "));
}

function writeRouteTables(
  out: Out,
  script: Script,
  routeNames: EmitContext["routeNames"],
  functionOf: ReadonlyMap<RouteBlock, string>,
  mapTypeArguments: string,
): void {
  for (const kind of MAPPED_KINDS) {
    const entries = [...(routeNames.get(kind) ?? [])].map(([name, fn]) => `[${jsString(name)}, ${fn}]`);
    out.line(`${kind}: new Map${mapTypeArguments}([${entries.join(", ")}]),`);
  }
  for (const kind of SINGLE_KINDS) out.line(`${kind}: ${routeNames.get(kind)?.get("") ?? "null"},`);
  const timers = script.items.filter((i): i is RouteBlock => i.kind === "RouteBlock" && i.routeKind === "timer");
  writeList(out, "timer", timers, (r) => {
    return `{ name: ${jsString(r.name ?? "")}, interval: ${jsNumber(r.interval ?? 0)}, route: ${functionOf.get(r)!} }`;
  });
}

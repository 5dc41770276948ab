/**
 * A stable, readable text form of an AST for golden files: one node per line, indented by depth,
 * `Kind key-fields @line:col` (the file is named when it is not the script's own file).
 */
import type {
  Argument,
  Block,
  Expr,
  FormatString,
  GlobalValue,
  NumberLit,
  PseudoVar,
  PvIndex,
  Script,
  SocketDef,
  Span,
  Statement,
  TopItem,
  Transform,
} from "./ast.ts";

export function dumpAst(script: Script): string {
  const out = new Dumper(script.span.file);
  out.line(0, "Script", script.span);
  for (const item of script.items) out.topItem(item, 1);
  return out.lines.join("\n") + "\n";
}

class Dumper {
  readonly lines: string[] = [];

  constructor(private readonly mainFile: string) {}

  line(depth: number, text: string, span: Span, role?: string): void {
    const where = span.file === this.mainFile ? `${span.line}:${span.column}` : `${span.file}:${span.line}:${span.column}`;
    this.lines.push(`${"  ".repeat(depth)}${role ? role + ": " : ""}${text} @${where}`);
  }

  topItem(item: TopItem, depth: number): void {
    switch (item.kind) {
      case "GlobalParam":
        this.line(depth, `GlobalParam ${item.name}`, item.span);
        for (const v of item.values) this.globalValue(v, depth + 1);
        if (item.socket) this.lines.push(`${"  ".repeat(depth + 1)}socket: ${socketText(item.socket)}`);
        for (const alias of item.aliases ?? []) this.lines.push(`${"  ".repeat(depth + 1)}alias: ${socketText(alias)}`);
        return;
      case "LoadModule":
        this.line(depth, `LoadModule ${item.module} path=${quote(item.path.value)}`, item.span);
        return;
      case "ModParam":
        this.line(depth, `ModParam module=${quote(item.module.value)} param=${quote(item.param.value)}`, item.span);
        this.expr(item.value, depth + 1, "value");
        return;
      case "RouteBlock": {
        const extras = [
          item.name === null ? "unnamed" : `name=${quote(item.name)}`,
          item.interval !== undefined ? `interval=${item.interval}` : "",
          item.eventMode ? `mode=${item.eventMode}` : "",
        ];
        this.line(depth, `RouteBlock ${item.routeKind} ${extras.filter(Boolean).join(" ")}`, item.span);
        this.block(item.body, depth + 1);
      }
    }
  }

  private globalValue(v: GlobalValue, depth: number): void {
    if (v.kind === "Word") this.line(depth, `Word ${v.text}`, v.span);
    else this.expr(v, depth);
  }

  block(b: Block, depth: number, role?: string): void {
    this.line(depth, `Block ${b.braced ? "braced" : "single"}`, b.span, role);
    for (const s of b.statements) this.statement(s, depth + 1);
  }

  statement(s: Statement, depth: number, role?: string): void {
    switch (s.kind) {
      case "CallStatement":
        this.call(s.call, depth, "CallStatement", role);
        return;
      case "Assign":
        this.line(depth, `Assign ${s.op}`, s.span, role);
        this.pv(s.target, depth + 1, "target");
        this.expr(s.value, depth + 1, "value");
        return;
      case "If":
        this.line(depth, "If", s.span, role);
        this.expr(s.condition, depth + 1, "cond");
        this.block(s.then, depth + 1, "then");
        if (s.else) this.block(s.else, depth + 1, "else");
        return;
      case "Switch":
        this.line(depth, "Switch", s.span, role);
        this.pv(s.subject, depth + 1, "subject");
        for (const c of s.cases) {
          const label = c.label === null ? "Default" : `Case ${c.label.kind === "StringLit" ? quote(c.label.value) : numberText(c.label)}`;
          this.line(depth + 1, label, c.span);
          for (const inner of c.statements) this.statement(inner, depth + 2);
        }
        return;
      case "While":
        this.line(depth, `While${s.noParens ? " no-parens" : ""}`, s.span, role);
        this.expr(s.condition, depth + 1, "cond");
        this.block(s.body, depth + 1, "body");
        return;
      case "ForEach":
        this.line(depth, "ForEach", s.span, role);
        this.pv(s.iterator, depth + 1, "iterator");
        this.pv(s.collection, depth + 1, "in");
        this.block(s.body, depth + 1, "body");
        return;
      case "Return":
        this.line(depth, `Return${s.code ? "" : " code=default"}`, s.span, role);
        if (s.code) this.expr(s.code, depth + 1, "code");
        for (const v of s.values) this.expr(v, depth + 1, "value");
        return;
      case "RouteCall":
        this.expr(s, depth, role);
        return;
      case "Async":
        this.line(depth, `Async resume=${quote(s.resume)}${s.timeout ? ` timeout=${s.timeout.text}` : ""}`, s.span, role);
        this.call(s.call, depth + 1, "Call");
        return;
      case "Launch":
        this.line(depth, `Launch${s.report !== null ? ` report=${quote(s.report)}` : ""}`, s.span, role);
        this.call(s.call, depth + 1, "Call");
        if (s.param) this.format(s.param, depth + 1, "param");
        return;
      case "Assert":
        this.line(depth, "Assert", s.span, role);
        this.expr(s.condition, depth + 1, "cond");
        if (s.message) this.expr(s.message, depth + 1, "message");
        return;
      case "Exit":
      case "Drop":
      case "Break":
      case "Empty":
        this.line(depth, s.kind, s.span, role);
    }
  }

  private call(c: Extract<Expr, { kind: "Call" }>, depth: number, label: string, role?: string): void {
    this.line(depth, `${label} ${c.name}${c.noParens ? " no-parens" : ""}`, c.span, role);
    c.args.forEach((a, i) => this.argument(a, depth + 1, `arg${i + 1}`));
  }

  private argument(a: Argument | null, depth: number, role: string): void {
    if (a === null) this.lines.push(`${"  ".repeat(depth)}${role}: (empty)`);
    else if (a.kind === "Word") this.line(depth, `Word ${a.text}`, a.span, role);
    else this.expr(a, depth, role);
  }

  expr(e: Expr, depth: number, role?: string): void {
    switch (e.kind) {
      case "NumberLit":
        this.line(depth, `NumberLit ${numberText(e)}`, e.span, role);
        return;
      case "StringLit":
        this.line(depth, `StringLit ${quote(e.value)}${e.quote === "'" ? " single-quoted" : ""}`, e.span, role);
        if (e.format) this.format(e.format, depth + 1, "format");
        return;
      case "NullLit":
        this.line(depth, "NullLit", e.span, role);
        return;
      case "IpNet":
        this.line(depth, `IpNet ${e.text}`, e.span, role);
        return;
      case "Word":
        this.line(depth, `Word ${e.text}`, e.span, role);
        return;
      case "LegacyKeyword":
        this.line(depth, `LegacyKeyword ${e.name}`, e.span, role);
        return;
      case "PseudoVar":
        this.pv(e, depth, role);
        return;
      case "Binary":
      case "Logical":
        this.line(depth, `${e.kind} ${e.op}`, e.span, role);
        this.expr(e.left, depth + 1);
        this.expr(e.right, depth + 1);
        return;
      case "Compare":
        this.line(depth, `Compare ${e.op}`, e.span, role);
        this.expr(e.left, depth + 1);
        this.expr(e.right, depth + 1);
        return;
      case "BitNot":
      case "Not":
        this.line(depth, e.kind, e.span, role);
        this.expr(e.operand, depth + 1);
        return;
      case "ValueTest":
      case "Paren":
        this.line(depth, e.kind, e.span, role);
        this.expr(e.expr, depth + 1);
        return;
      case "Call":
        this.call(e, depth, "Call", role);
        return;
      case "RouteCall":
        this.line(depth, `RouteCall ${routeTargetText(e.target)}`, e.span, role);
        if (e.target.kind === "format") this.format(e.target.format, depth + 1, "name");
        if (e.target.kind === "pv") this.pv(e.target.pv, depth + 1, "name");
        e.args.forEach((a, i) => this.expr(a, depth + 1, `arg${i + 1}`));
        return;
      case "Assign":
        this.statement(e, depth, role);
        return;
      case "StatementCondition":
        this.line(depth, "StatementCondition", e.span, role);
        if (e.statement.kind === "Block") this.block(e.statement, depth + 1);
        else this.statement(e.statement, depth + 1);
    }
  }

  pv(p: PseudoVar, depth: number, role?: string): void {
    const fields = [`PseudoVar ${p.name || "(invalid)"}`];
    if (p.context) fields.push(`context=${p.context}`);
    if (p.arg?.kind === "text") fields.push(`arg=${quote(p.arg.text)}`);
    if (p.index && p.index.kind !== "pv") fields.push(`index=${indexText(p.index)}`);
    if (p.long) fields.push("long");
    if (p.trailing !== null) fields.push(`trailing=${quote(p.trailing)}`);
    this.line(depth, fields.join(" "), p.span, role);
    if (p.arg?.kind === "pv") this.pv(p.arg.pv, depth + 1, "arg");
    if (p.index?.kind === "pv") this.pv(p.index.pv, depth + 1, "index");
    for (const t of p.transforms) this.transform(t, depth + 1);
  }

  private transform(t: Transform, depth: number): void {
    const index = t.nameaddrIndex && t.nameaddrIndex.kind !== "pv" ? ` index=${indexText(t.nameaddrIndex)}` : "";
    const texts = t.params.map((p) => (p.kind === "text" ? quote(p.text) : "$…"));
    this.line(depth, `Transform ${t.class}.${t.method}${index}${texts.length ? ` params=[${texts.join(", ")}]` : ""}`, t.span);
    if (t.nameaddrIndex?.kind === "pv") this.pv(t.nameaddrIndex.pv, depth + 1, "index");
    t.params.forEach((p, i) => p.kind === "pv" && this.pv(p.pv, depth + 1, `param${i + 1}`));
  }

  format(f: FormatString, depth: number, role: string): void {
    this.line(depth, `FormatString${f.error ? ` error=${quote(f.error.message)}` : ""}`, f.span, role);
    for (const part of f.parts) {
      if (part.kind === "Text") this.lines.push(`${"  ".repeat(depth + 1)}Text ${quote(part.text)}`);
      else this.pv(part, depth + 1);
    }
  }
}

function numberText(n: NumberLit): string {
  return n.text === String(n.value) ? n.text : `${n.value} (${n.text})`;
}

function indexText(i: PvIndex): string {
  switch (i.kind) {
    case "int":
      return String(i.value);
    case "all":
      return "*";
    case "append":
      return "append";
    case "name":
      return i.name;
    case "pv":
      return "$…";
  }
}

function routeTargetText(t: Extract<Expr, { kind: "RouteCall" }>["target"]): string {
  return t.kind === "static" ? `name=${quote(t.name)}` : `dynamic=${t.kind}`;
}

function socketText(s: SocketDef): string {
  const parts = [`proto=${s.proto ?? "-"}`, `host=${s.host}`, `port=${s.port ?? "-"}`];
  if (s.ports && (s.ports.length > 1 || s.ports[0]!.from !== s.ports[0]!.to)) {
    parts.push(`ports=${s.ports.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(",")}`);
  }
  if (s.advertised) parts.push(`as=${s.advertised.host}${s.advertised.port !== null ? `:${s.advertised.port}` : ""}`);
  for (const o of s.options ?? []) parts.push(o.value === null ? o.name : `${o.name}=${o.value}`);
  return parts.join(" ");
}

function quote(s: string): string {
  return JSON.stringify(s);
}

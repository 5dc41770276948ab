/**
 * Constants built once when the emitted module loads: PV accessors, format strings, regexes,
 * function bindings and switch labels. Each distinct expression is declared once (`pv0`, `fmt0`, `re0`, `fn0`, …)
 * and referenced by name from the route functions, so no cfg text is parsed per message.
 */
import type { Span } from "./ast.ts";
import { Out } from "./emit-writer.ts";

export type HoistKind = "pv" | "fmt" | "re" | "fn" | "labels";

export class Hoisted {
  readonly out = new Out();
  private readonly byExpression = new Map<string, string>();
  private readonly counts: Record<HoistKind, number> = { pv: 0, fmt: 0, re: 0, fn: 0, labels: 0 };

  /** The name of the constant holding `expression`, declaring it on first use. */
  constant(kind: HoistKind, expression: string, span: Span): string {
    const known = this.byExpression.get(expression);
    if (known !== undefined) return known;
    const name = `${kind}${this.counts[kind]++}`;
    this.byExpression.set(expression, name);
    this.out.from(span).line(`const ${name} = ${expression};`);
    return name;
  }
}

/**
 * The compact text form of the generated catalogue rows, and its decoder. Keeping the data as
 * short strings makes importing the catalogue nearly free; rows are decoded when first looked up.
 *
 * Function row:  `module \t name \t sig(2.4) \t sig(3.4) \t sig(3.6)`, a missing version is `-`.
 * Signature:     `min,max,counts,routeMask,async,flags,params`
 *                max `*` = variadic; counts `0|2` or empty; async `n|y|o`; flags from `g p x`
 *                (grammar statement, no-parens allowed, obsolete); params joined by `;`.
 * Parameter:     `kind[?][^]/accepts[!meaning][@fixup]`: `?` optional, `^` AVP only, accepts from
 *                `s n p w` (string, number, pv, word).
 * Other rows:    `versionMask \t …fields` with bit 1 = 2.4, 2 = 3.4, 4 = 3.6.
 */
import {
  CATALOGUE_VERSIONS,
  ROUTE_KINDS,
  type ArgForm,
  type AsyncSupport,
  type CatalogueVersion,
  type FunctionSignature,
  type ParamDescriptor,
  type ParamKind,
  type ParamMeaning,
  type RouteKind,
} from "./types.ts";

const FORM_LETTERS: Record<ArgForm, string> = { string: "s", number: "n", pv: "p", word: "w" };
const LETTER_FORMS: Record<string, ArgForm> = { s: "string", n: "number", p: "pv", w: "word" };
const ASYNC_LETTERS: Record<AsyncSupport, string> = { no: "n", yes: "y", only: "o" };
const LETTER_ASYNC: Record<string, AsyncSupport> = { n: "no", y: "yes", o: "only" };

const PARAM_PATTERN = /^([a-z-]+)(\?)?(\^)?\/([snpw]*)(?:!([a-z:-]+))?(?:@(.+))?$/;

export function versionBit(version: CatalogueVersion): number {
  return 1 << CATALOGUE_VERSIONS.indexOf(version);
}

export function versionsOfMask(mask: number): CatalogueVersion[] {
  return CATALOGUE_VERSIONS.filter((v) => (mask & versionBit(v)) !== 0);
}

export function routeMaskOf(kinds: readonly RouteKind[]): number {
  return kinds.reduce((mask, kind) => mask | (1 << ROUTE_KINDS.indexOf(kind)), 0);
}

export function routeKindsOfMask(mask: number): RouteKind[] {
  return ROUTE_KINDS.filter((_, bit) => (mask & (1 << bit)) !== 0);
}

export function encodeParam(p: ParamDescriptor): string {
  return (
    p.kind +
    (p.optional ? "?" : "") +
    (p.avpOnly ? "^" : "") +
    "/" +
    p.accepts.map((f) => FORM_LETTERS[f]).join("") +
    (p.meaning ? "!" + p.meaning : "") +
    (p.fixup ? "@" + p.fixup : "")
  );
}

export function decodeParam(text: string): ParamDescriptor {
  const m = PARAM_PATTERN.exec(text);
  if (!m) throw new Error(`catalogue: bad parameter code "${text}"`);
  return {
    kind: m[1] as ParamKind,
    optional: m[2] === "?",
    avpOnly: m[3] === "^",
    accepts: [...m[4]!].map((letter) => LETTER_FORMS[letter]!),
    meaning: (m[5] as ParamMeaning | undefined) ?? null,
    fixup: m[6] ?? null,
  };
}

export function encodeSignature(s: FunctionSignature): string {
  const flags = (s.grammarStatement ? "g" : "") + (s.noParensAllowed ? "p" : "") + (s.obsolete ? "x" : "");
  return [
    s.minArgs,
    s.maxArgs === null ? "*" : s.maxArgs,
    s.argCounts ? s.argCounts.join("|") : "",
    routeMaskOf(s.routeKinds),
    ASYNC_LETTERS[s.async],
    flags,
    s.params.map(encodeParam).join(";"),
  ].join(",");
}

export function decodeSignature(text: string): FunctionSignature {
  const [min, max, counts, routeMask, async, flags, params] = text.split(",") as [string, string, string, string, string, string, string];
  return {
    minArgs: Number(min),
    maxArgs: max === "*" ? null : Number(max),
    argCounts: counts === "" ? null : counts.split("|").map(Number),
    routeKinds: routeKindsOfMask(Number(routeMask)),
    async: LETTER_ASYNC[async]!,
    grammarStatement: flags.includes("g"),
    noParensAllowed: flags.includes("p"),
    obsolete: flags.includes("x"),
    params: params === "" ? [] : params.split(";").map(decodeParam),
  };
}

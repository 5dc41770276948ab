/**
 * The typed syntax tree of an OpenSIPS script. Every node carries the span of the source text it
 * came from (through include files), so diagnostics and source maps can name `.cfg` lines.
 *
 * The parser accepts the union of the 3.x grammar and the 2.x-era forms real scripts still use
 * (spec §14); nodes that only exist in older versions are marked so the checker can reject them
 * for the selected target.
 */

/** 1-based line and column; `end` is exclusive. */
export interface Span {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

interface NodeBase {
  span: Span;
}

// ---------------------------------------------------------------------------------------------
// Top level

export interface Script extends NodeBase {
  kind: "Script";
  items: TopItem[];
}

export type TopItem = GlobalParam | LoadModule | ModParam | RouteBlock;

/** `name = value …` at top level (`log_level = 3`, `socket = udp:*:5060 as 1.2.3.4`, `children = 4`). */
export interface GlobalParam extends NodeBase {
  kind: "GlobalParam";
  name: string;
  nameSpan: Span;
  /** The value tokens in order, as written (several for socket/alias/auto_scaling_profile forms). */
  values: GlobalValue[];
  /** Parsed socket for `socket =` / `listen =`. */
  socket?: SocketDef;
  /** Parsed entries of `alias = …` (several per line). */
  aliases?: SocketDef[];
}

export type GlobalValue = NumberLit | StringLit | Word;

export interface SocketDef {
  proto: string | null;
  host: string;
  port: number | null;
  /** Raw text of the whole definition, e.g. `udp:10.0.0.5:5060 as 198.51.100.7:5060`. */
  text: string;
  /** Every port and port range written (`5060-5070,5080`); `port` is the first one. */
  ports?: PortRange[];
  /** `as host[:port]`: the advertised address. */
  advertised?: { host: string; port: number | null };
  /** Socket options as written: `reuse_port`, `tag core_tcp`, `use_workers 8`, `accept_subdomain`… */
  options?: SocketOption[];
}

export interface PortRange {
  from: number;
  to: number;
}

export interface SocketOption {
  name: string;
  value: string | null;
}

export interface LoadModule extends NodeBase {
  kind: "LoadModule";
  path: StringLit;
  /** The module's name: the path's basename without `.so` (`"/usr/lib/x/tm.so"` → `tm`). */
  module: string;
}

export interface ModParam extends NodeBase {
  kind: "ModParam";
  /** Anchored case-insensitive regex over loaded module names (`"usrloc|auth_db"`). */
  module: StringLit;
  param: StringLit;
  /** Adjacent string literals are folded into one StringLit. */
  value: StringLit | NumberLit;
}

export type RouteKind =
  | "request"
  | "failure"
  | "onreply"
  | "branch"
  | "error"
  | "local"
  | "startup"
  | "timer"
  | "event";

export interface RouteBlock extends NodeBase {
  kind: "RouteBlock";
  routeKind: RouteKind;
  /**
   * The route's name; null for the unnamed blocks (`route`, `onreply_route`, `error_route`,
   * `local_route`, `startup_route`). `route[0]` is the main route and gets null too.
   */
  name: string | null;
  nameSpan: Span | null;
  /** `timer_route[name, interval]`. */
  interval?: number;
  /** 2.x `event_route[E, sync|async]`. */
  eventMode?: "sync" | "async";
  body: Block;
}

// ---------------------------------------------------------------------------------------------
// Statements

export interface Block extends NodeBase {
  kind: "Block";
  statements: Statement[];
  /** False for the single-statement body of a braceless if/else/while/for. */
  braced: boolean;
}

export type Statement =
  | CallStatement
  | Assign
  | If
  | Switch
  | While
  | ForEach
  | Return
  | Exit
  | Drop
  | Break
  | RouteCall
  | Async
  | Launch
  | Assert
  | Empty;

/** A function call used as a statement: `t_relay();`, `xlog("L_INFO", "…");`. */
export interface CallStatement extends NodeBase {
  kind: "CallStatement";
  call: Call;
}

export interface Call extends NodeBase {
  kind: "Call";
  name: string;
  nameSpan: Span;
  /** `null` is an empty slot: `f(a, , $var(x))`. */
  args: (Argument | null)[];
  /** 2.x form written without parentheses (`force_rport;`). */
  noParens?: boolean;
}

/**
 * 3.x arguments are a string, a (signed) number or one pseudo-variable. A bare word (`setflag(NAT)`)
 * is 2.x syntax. `xlog`/`xdbg` fold adjacent strings into one StringLit.
 */
export type Argument = StringLit | NumberLit | PseudoVar | Word;

export type AssignOp = "=" | ":=" | "+=" | "-=" | "*=" | "/=" | "%=" | "&=" | "|=" | "^=";

export interface Assign extends NodeBase {
  kind: "Assign";
  target: PseudoVar;
  op: AssignOp;
  value: Expr;
}

export interface If extends NodeBase {
  kind: "If";
  condition: Expr;
  then: Block;
  else: Block | null;
}

export interface Switch extends NodeBase {
  kind: "Switch";
  subject: PseudoVar;
  cases: SwitchCase[];
}

export interface SwitchCase extends NodeBase {
  kind: "SwitchCase";
  /** null for `default:`. */
  label: NumberLit | StringLit | null;
  statements: Statement[];
}

export interface While extends NodeBase {
  kind: "While";
  condition: Expr;
  body: Block;
  /** 2.x form without parentheses around the condition (`while $var(i) < 3 …`). */
  noParens?: boolean;
}

export interface ForEach extends NodeBase {
  kind: "ForEach";
  iterator: PseudoVar;
  collection: PseudoVar;
  body: Block;
}

/** `return`, `return(N)`, `return $pv`, `return(code, v1, v2…)` (3.6). */
export interface Return extends NodeBase {
  kind: "Return";
  /** null: plain `return` / `return()` / `return(, v1)` — code 1. */
  code: NumberLit | PseudoVar | null;
  values: (StringLit | NumberLit | PseudoVar | NullLit)[];
}

export interface Exit extends NodeBase {
  kind: "Exit";
}

export interface Drop extends NodeBase {
  kind: "Drop";
}

export interface Break extends NodeBase {
  kind: "Break";
}

/** A lone `;`. */
export interface Empty extends NodeBase {
  kind: "Empty";
}

export interface RouteCall extends NodeBase {
  kind: "RouteCall";
  target: RouteTarget;
  args: (StringLit | NumberLit | PseudoVar | NullLit)[];
}

export type RouteTarget =
  | { kind: "static"; name: string; span: Span }
  /** `route("r_$var(k)")`: a format evaluated at run time. */
  | { kind: "format"; format: FormatString; span: Span }
  /** `route($var(name))`: looked up by value. */
  | { kind: "pv"; pv: PseudoVar; span: Span };

export interface Async extends NodeBase {
  kind: "Async";
  call: Call;
  resume: string;
  resumeSpan: Span;
  /** Seconds, 3.1+. */
  timeout: NumberLit | null;
}

export interface Launch extends NodeBase {
  kind: "Launch";
  call: Call;
  report: string | null;
  reportSpan: Span | null;
  /** Third argument: a format string, PV-expanded at launch time; `$param(1)` of the report route. */
  param: FormatString | null;
}

export interface Assert extends NodeBase {
  kind: "Assert";
  condition: Expr;
  message: StringLit | null;
}

// ---------------------------------------------------------------------------------------------
// Conditions and value expressions share one Expr type; the parser only builds the shapes the
// grammar allows in each position (spec §6.1, §7.1).

export type Expr =
  | NumberLit
  | StringLit
  | NullLit
  | IpNet
  | PseudoVar
  | Word
  | LegacyKeyword
  | Binary
  | BitNot
  | Not
  | Logical
  | Compare
  | ValueTest
  | Paren
  | Call
  | RouteCall
  | Assign
  | StatementCondition;

export type ArithmeticOp = "+" | "-" | "*" | "/" | "%" | "&" | "|" | "^" | "<<" | ">>";

/** Arithmetic and bitwise operators: one precedence level each group, left-assoc (spec §2). */
export interface Binary extends NodeBase {
  kind: "Binary";
  op: ArithmeticOp;
  left: Expr;
  right: Expr;
}

/** `~value`. */
export interface BitNot extends NodeBase {
  kind: "BitNot";
  operand: Expr;
}

/** `!cond` / `not cond`. */
export interface Not extends NodeBase {
  kind: "Not";
  operand: Expr;
}

/** `&&`/`and`, `||`/`or`: one precedence level, left-assoc (spec §2). */
export interface Logical extends NodeBase {
  kind: "Logical";
  op: "&&" | "||";
  left: Expr;
  right: Expr;
}

export type CompareOp = "==" | "!=" | "<" | ">" | "<=" | ">=" | "=~" | "!~";

/** `PV op value`. The left operand is always a PV in 3.x; 2.x allows a LegacyKeyword. */
export interface Compare extends NodeBase {
  kind: "Compare";
  op: CompareOp;
  left: PseudoVar | LegacyKeyword;
  right: Expr;
}

/** `[ value ]`: true when the value is a non-zero integer or a non-empty string (spec §6.6). */
export interface ValueTest extends NodeBase {
  kind: "ValueTest";
  expr: Expr;
}

export interface Paren extends NodeBase {
  kind: "Paren";
  expr: Expr;
}

/** A nested `if` or a braced action list used as a condition atom (rare, but in the grammar). */
export interface StatementCondition extends NodeBase {
  kind: "StatementCondition";
  statement: If | Block;
}

/** 2.x core keywords in conditions: `method == "INVITE"`, `uri =~ "…"`, `src_ip == …`, `myself`. */
export interface LegacyKeyword extends NodeBase {
  kind: "LegacyKeyword";
  name:
    | "method"
    | "uri"
    | "from_uri"
    | "to_uri"
    | "src_ip"
    | "dst_ip"
    | "src_port"
    | "dst_port"
    | "proto"
    | "af"
    | "status"
    | "msg:len"
    | "myself";
}

// ---------------------------------------------------------------------------------------------
// Literals

export interface NumberLit extends NodeBase {
  kind: "NumberLit";
  value: number;
  /** As written (`0x1F`, `010`, `yes`, `-5`). */
  text: string;
}

export interface StringLit extends NodeBase {
  kind: "StringLit";
  /** After escape processing (double quotes) or raw (single quotes); folded strings joined. */
  value: string;
  quote: '"' | "'";
  /**
   * The value parsed as a format string (spec §7.4), present when it contains `$`. Whether it is
   * used as a format depends on where the string stands; parse failures are in `format.error`.
   */
  format?: FormatString;
}

export interface NullLit extends NodeBase {
  kind: "NullLit";
}

/** Unquoted IP address or network: `10.0.0.0/8`, `192.168.1.1`, `::1`. */
export interface IpNet extends NodeBase {
  kind: "IpNet";
  text: string;
}

/** A bare word where 2.x accepted one (`setflag(NAT)`, `af == INET`, hostnames). */
export interface Word extends NodeBase {
  kind: "Word";
  text: string;
}

export interface FormatString extends NodeBase {
  kind: "FormatString";
  parts: FormatPart[];
  /** Set when a `$` does not start a valid pseudo-variable; `span` points at it. */
  error?: { message: string; span: Span };
}

export type FormatPart = { kind: "Text"; text: string } | PseudoVar;

// ---------------------------------------------------------------------------------------------
// Pseudo-variables (spec §8) and transformations (spec §9)

export interface PseudoVar extends NodeBase {
  kind: "PseudoVar";
  /** `ru`, `avp`, `T_reply_code`, `msg.branch.uri`, … (without `$`). */
  name: string;
  /** `$(<request>ru)` / `$(<reply>hdr(X))`. */
  context: "request" | "reply" | null;
  /** The inner name: `$avp(uid)` → text `uid`; `$avp($var(n))` → a PV. */
  arg: PvArg | null;
  index: PvIndex | null;
  transforms: Transform[];
  /** True for the long form `$( … )`. */
  long: boolean;
  /** Text the PV parser did not consume (`$ru{uri.user}` → `{uri.user}`), which OpenSIPS ignores. */
  trailing: string | null;
}

export type PvArg = { kind: "text"; text: string } | { kind: "pv"; pv: PseudoVar };

export type PvIndex =
  | { kind: "int"; value: number }
  | { kind: "all" }
  | { kind: "append" }
  | { kind: "pv"; pv: PseudoVar }
  /** A PV-specific index keyword other than `append`, e.g. `$(sdp.line(…)[insertAfter])`. */
  | { kind: "name"; name: string };

export interface Transform extends NodeBase {
  kind: "Transform";
  /** Lower-cased: `s`, `uri`, `param`, `nameaddr`, `csv`, `re`, `ip`, `via`, `sdp`, `rest`, … */
  class: string;
  /** `len`, `substr`, `param`, `value`, … For `{nameaddr.0.uri}` the method is `uri` and `nameaddrIndex` is set. */
  method: string;
  params: TransformParam[];
  nameaddrIndex?: PvIndex;
}

export type TransformParam = { kind: "text"; text: string } | { kind: "pv"; pv: PseudoVar };

export type Node =
  | Script
  | TopItem
  | Statement
  | Expr
  | Block
  | SwitchCase
  | FormatString
  | Transform;

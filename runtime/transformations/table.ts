/**
 * Every supported transformation by class and method (lower case), as OpenSIPS 3.6 names them.
 * Not supported: the `isup` class of sip_i (ISUP bodies have no model in this runtime).
 */
import type { TransformFn } from "./types.ts";
import * as csv from "./csv.ts";
import * as ip from "./ip.ts";
import * as nameaddr from "./nameaddr.ts";
import * as param from "./param.ts";
import * as re from "./re.ts";
import * as rest from "./rest.ts";
import * as sdp from "./sdp.ts";
import * as basic from "./string-basic.ts";
import * as codec from "./string-codec.ts";
import { date2unix } from "./string-date.ts";
import * as esc from "./string-escape.ts";
import { evaluate } from "./string-eval.ts";
import { crc32, digest, hmac } from "./string-hash.ts";
import { index, rindex } from "./string-search.ts";
import * as slice from "./string-slice.ts";
import * as uri from "./uri.ts";
import * as via from "./via.ts";

type ClassTable = Readonly<Record<string, TransformFn>>;

export const TRANSFORM_TABLE: Readonly<Record<string, ClassTable>> = {
  s: {
    len: basic.len,
    int: basic.int,
    md5: digest("md5"),
    crc32,
    tolower: basic.tolower,
    toupper: basic.toupper,
    "encode.hexa": codec.encodeHexa,
    "decode.hexa": codec.decodeHexa,
    hex2dec: codec.hex2dec,
    dec2hex: codec.dec2hex,
    date2unix,
    "escape.common": esc.escapeCommon,
    "unescape.common": esc.unescapeCommon,
    "escape.user": esc.escapeUser,
    "unescape.user": esc.unescapePercent,
    "escape.param": esc.escapeParam,
    "unescape.param": esc.unescapePercent,
    index,
    rindex,
    substr: slice.substr,
    select: slice.select,
    "fill.left": slice.fillLeft,
    "fill.right": slice.fillRight,
    width: slice.width,
    b64encode: codec.b64encode,
    b64decode: codec.b64decode,
    xor: codec.xor,
    trim: basic.trim,
    trimr: basic.trimr,
    triml: basic.triml,
    reverse: basic.reverse,
    eval: evaluate,
    sha1: digest("sha1"),
    sha224: digest("sha224"),
    sha256: digest("sha256"),
    sha384: digest("sha384"),
    sha512: digest("sha512"),
    sha1_hmac: hmac("sha1"),
    sha224_hmac: hmac("sha224"),
    sha256_hmac: hmac("sha256"),
    sha384_hmac: hmac("sha384"),
    sha512_hmac: hmac("sha512"),
  },
  uri: {
    user: uri.user,
    host: uri.host,
    domain: uri.host,
    passwd: uri.passwd,
    port: uri.port,
    params: uri.params,
    param: uri.param,
    transport: uri.transport,
    headers: uri.headers,
    ttl: uri.ttl,
    uparam: uri.uparam,
    maddr: uri.maddr,
    method: uri.method,
    lr: uri.lr,
    r2: uri.r2,
    schema: uri.schema,
  },
  via: {
    name: via.name,
    version: via.version,
    transport: via.transport,
    host: via.host,
    domain: via.host,
    port: via.port,
    params: via.params,
    param: via.param,
    comment: via.comment,
    branch: via.branch,
    received: via.received,
    rport: via.rport,
  },
  param: {
    value: param.value,
    exist: param.exist,
    exists: param.exist,
    valueat: param.valueAt,
    name: param.name,
    count: param.count,
  },
  nameaddr: {
    uri: nameaddr.uri,
    len: nameaddr.len,
    name: nameaddr.name,
    param: nameaddr.param,
    params: nameaddr.params,
  },
  ip: {
    family: ip.family,
    ntop: ip.ntop,
    isip: ip.isip,
    isip4: ip.isip4,
    isip6: ip.isip6,
    pton: ip.pton,
    resolve: ip.resolve,
    matches: ip.matches,
    isprivate: ip.isprivate,
  },
  csv: { count: csv.count, value: csv.value },
  sdp: { line: sdp.line, stream: sdp.stream, "stream-delete": sdp.streamDelete },
  re: { subst: re.subst },
  rest: { escape: rest.escape, unescape: rest.unescape },
};

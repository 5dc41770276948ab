/**
 * mid_registrar's module parameters (mid_registrar.c, and lib/reg's common registrar ones), read
 * once per engine with OpenSIPS's defaults and mod_init's corrections. Parameters for features
 * the runtime does not have (push notifications, GRUUs, realm prefixes, case-insensitive AoRs,
 * per-contact attributes, expiry randomisation) are reported once, at start-up.
 */
import type { EngineCore } from "../engine-core.ts";
import { Q_UNSPECIFIED } from "../dset.ts";
import { levelName, L_ERR, L_WARN, type LogLevel } from "../log-level.ts";
import { avpNameOf } from "./dispatcher-pv-text.ts";
import { intModParam, modParam } from "./modparams.ts";

export const MIRROR = 0;
export const THROTTLE_CONTACTS = 1;
export const THROTTLE_AOR = 2;

export type MidRegistrarMode = typeof MIRROR | typeof THROTTLE_CONTACTS | typeof THROTTLE_AOR;

export interface MidRegistrarSettings {
  readonly mode: MidRegistrarMode;
  /** What throttling modes announce upstream (seconds). */
  readonly outgoingExpires: number;
  readonly defaultExpires: number;
  /** 0: no minimum. */
  readonly minExpires: number;
  /** 0: no maximum. */
  readonly maxExpires: number;
  /** 0…1000, or Q_UNSPECIFIED. */
  readonly defaultQ: number;
  /** 0: no limit. */
  readonly maxContacts: number;
  /** Retry-After of the 5xx replies; 0: none. */
  readonly retryAfter: number;
  /** contact_id_insertion "ct-user": the contact id replaces the user of forwarded Contacts (else it is a URI parameter). */
  readonly contactIdInUser: boolean;
  readonly contactIdParam: string;
  /** What `@` becomes in the AoR written as the user of the mode-2 Contact. */
  readonly atEscape: string;
  /** The AVP holding the contact's received URI; null: unset. */
  readonly receivedAvp: string | null;
  readonly receivedParam: string;
  /** The AVP whose value is appended to every forwarded Contact URI; null: unset. */
  readonly extraContactParamsAvp: string | null;
  readonly maxUsernameLength: number;
  readonly maxDomainLength: number;
  readonly maxAorLength: number;
  readonly maxContactLength: number;
}

const MODULE = "mid_registrar";

/** Parameters of features the runtime lacks, with the value that leaves them off. */
const UNSUPPORTED: readonly (readonly [string, string])[] = [
  ["pn_enable", "0"],
  ["pn_enable_purr", "0"],
  ["disable_gruu", "1"],
  ["realm_prefix", ""],
  ["case_sensitive", "1"],
  ["attr_avp", ""],
  ["expires_max_deviation", "0"],
];

function log(engine: EngineCore, level: LogLevel, text: string): void {
  if (level <= engine.logLevel) engine.env.log({ msg: 0, level: levelName(level), text: `${levelName(level)}:${MODULE}:mod_init: ${text}` });
}

function textParam(engine: EngineCore, name: string, fallback: string): string {
  return String(modParam(engine.script, MODULE, name) ?? fallback);
}

function avpParam(engine: EngineCore, name: string): string | null {
  const spec = textParam(engine, name, "");
  if (spec === "") return null;
  const avp = avpNameOf(spec);
  if (avp === null) log(engine, L_ERR, `malformed or non AVP ${spec} AVP definition for '${name}'`);
  return avp;
}

function modeParam(engine: EngineCore): MidRegistrarMode {
  const mode = intModParam(engine.script, MODULE, "mode", MIRROR);
  if (mode === MIRROR || mode === THROTTLE_CONTACTS || mode === THROTTLE_AOR) return mode;
  log(engine, L_ERR, `bad 'mode' value: ${mode}, using 0 (contact mirroring)`);
  return MIRROR;
}

function outgoingExpiresParam(engine: EngineCore): number {
  const value = intModParam(engine.script, MODULE, "outgoing_expires", 3600);
  if (value > 0) return value;
  log(engine, L_ERR, `bad 'outgoing_expires' value: ${value}, using 3600`);
  return 3600;
}

function defaultQParam(engine: EngineCore): number {
  const q = intModParam(engine.script, MODULE, "default_q", Q_UNSPECIFIED);
  return q === Q_UNSPECIFIED ? q : Math.min(Math.max(q, 0), 1000);
}

function reportUnsupported(engine: EngineCore): void {
  for (const [name, off] of UNSUPPORTED) {
    const value = modParam(engine.script, MODULE, name);
    if (value !== undefined && String(value) !== off) log(engine, L_WARN, `'${name}' is not supported by the runtime and is ignored`);
  }
}

export function readSettings(engine: EngineCore): MidRegistrarSettings {
  reportUnsupported(engine);
  const int = (name: string, fallback: number): number => intModParam(engine.script, MODULE, name, fallback);
  const defaultExpires = int("default_expires", 3600);
  const minExpires = int("min_expires", 10);
  const maxExpires = int("max_expires", 3600);
  const insertion = textParam(engine, "contact_id_insertion", "ct-param").toLowerCase();
  if (!insertion.startsWith("ct-param") && !insertion.startsWith("ct-user")) {
    log(engine, L_WARN, `bad 'contact_id_insertion' (${insertion}) - using 'ct-param' as a default`);
  }
  return {
    mode: modeParam(engine),
    outgoingExpires: outgoingExpiresParam(engine),
    defaultExpires,
    minExpires: Math.min(minExpires, defaultExpires),
    maxExpires: maxExpires > 0 ? Math.max(maxExpires, defaultExpires) : 0,
    defaultQ: defaultQParam(engine),
    maxContacts: int("max_contacts", 0),
    retryAfter: int("retry_after", 0),
    contactIdInUser: insertion.startsWith("ct-user"),
    contactIdParam: textParam(engine, "contact_id_param", "ctid"),
    atEscape: textParam(engine, "at_escape_str", "%40"),
    receivedAvp: avpParam(engine, "received_avp"),
    receivedParam: textParam(engine, "received_param", "received"),
    extraContactParamsAvp: avpParam(engine, "extra_contact_params_avp"),
    maxUsernameLength: int("max_username_len", 64),
    maxDomainLength: int("max_domain_len", 64),
    maxAorLength: int("max_aor_len", 256),
    maxContactLength: int("max_contact_len", 255),
  };
}

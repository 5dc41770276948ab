/**
 * auth_db's module parameters with their 3.6 defaults: the subscriber table columns, the URI
 * table columns, `use_domain` (default on), `calculate_ha1` (default off: the columns hold HA1
 * hashes, one column per algorithm) and `load_credentials`
 * (`$avp(name)=column;column;...`, a bare column loading into the AVP of the same name).
 */
import type { Script } from "../script.ts";
import type { DigestAlgorithm } from "./auth-digest.ts";
import { intModParam, modParam } from "./modparams.ts";

export interface LoadedCredential {
  readonly avp: string;
  readonly column: string;
}

export interface AuthDbSettings {
  readonly userColumn: string;
  readonly domainColumn: string;
  readonly passwordColumn: string;
  readonly sha256Column: string;
  readonly sha512t256Column: string;
  readonly uriUserColumn: string;
  readonly uriDomainColumn: string;
  readonly uriUriUserColumn: string;
  readonly useDomain: boolean;
  readonly calculateHa1: boolean;
  /** The parsed load_credentials, or why it does not parse. */
  readonly credentials: readonly LoadedCredential[] | string;
}

const cache = new WeakMap<Script, AuthDbSettings>();

export function authDbSettings(script: Script): AuthDbSettings {
  let settings = cache.get(script);
  if (settings === undefined) {
    settings = readSettings(script);
    cache.set(script, settings);
  }
  return settings;
}

function readSettings(script: Script): AuthDbSettings {
  const text = (name: string, fallback: string): string => String(modParam(script, "auth_db", name) ?? fallback);
  return {
    userColumn: text("user_column", "username"),
    domainColumn: text("domain_column", "domain"),
    passwordColumn: text("password_column", "ha1"),
    sha256Column: text("hash_column_sha256", "ha1_sha256"),
    sha512t256Column: text("hash_column_sha512t256", "ha1_sha512t256"),
    uriUserColumn: text("uri_user_column", "username"),
    uriDomainColumn: text("uri_domain_column", "domain"),
    uriUriUserColumn: text("uri_uriuser_column", "uri_user"),
    useDomain: intModParam(script, "auth_db", "use_domain", 1) !== 0,
    calculateHa1: intModParam(script, "auth_db", "calculate_ha1", 0) !== 0,
    credentials: parseLoadCredentials(text("load_credentials", "")),
  };
}

/** The column holding the password (calculate_ha1) or the HA1 for the algorithm. */
export function passwordColumnFor(settings: AuthDbSettings, algorithm: DigestAlgorithm): string {
  if (settings.calculateHa1 || algorithm.hash === "md5") return settings.passwordColumn;
  return algorithm.hash === "sha256" ? settings.sha256Column : settings.sha512t256Column;
}

const CREDENTIAL = /^(?:\$avp\(\s*([^()\s]+)\s*\)\s*=\s*)?([^\s=;$()]+)$/;

function parseLoadCredentials(text: string): LoadedCredential[] | string {
  const credentials: LoadedCredential[] = [];
  for (const item of text.split(";").map((s) => s.trim())) {
    if (item === "") continue;
    const match = CREDENTIAL.exec(item);
    if (match === null) return `bad load_credentials item "${item}"`;
    credentials.push({ avp: match[1] ?? match[2]!, column: match[2]! });
  }
  return credentials;
}

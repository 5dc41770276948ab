/**
 * topology_hiding's module parameters (topology_hiding.c): force_dialog, the Contact parameters
 * passed from one side to the other, the Call-ID and Contact encoding passwords, the Contact URI
 * parameter name (`thinfo`) and its encoding scheme, and the dialog variables keeping the Contact
 * usernames given to topology_hiding(). The dialog module's `rr_param` names the dialog id
 * parameter of the Contacts the dialog mode advertises.
 */
import type { Script } from "../script.ts";
import { intModParam, modParam } from "./modparams.ts";

export type ContactScheme = "base64" | "base32";

export interface TopologyHidingSettings {
  readonly forceDialog: boolean;
  /**
   * th_passed_contact_uri_params / th_passed_contact_params, in the order OpenSIPS copies them:
   * it keeps the `;`-separated list in a linked list built by prepending, so the last name first.
   */
  readonly passedUriParams: readonly string[];
  readonly passedHeaderParams: readonly string[];
  readonly callIdPassword: string;
  readonly callIdPrefix: string;
  readonly contactPassword: string;
  readonly contactParam: string;
  /** null: th_contact_encode_scheme is neither base64 nor base32 (OpenSIPS refuses to start). */
  readonly contactScheme: ContactScheme | null;
  readonly schemeText: string;
  readonly callerUserVar: string;
  readonly calleeUserVar: string;
  readonly dialogIdParam: string;
}

const cache = new WeakMap<Script, TopologyHidingSettings>();

function nameList(text: string): string[] {
  return text
    .split(";")
    .filter((name) => name !== "")
    .reverse();
}

export function topologyHidingSettings(script: Script): TopologyHidingSettings {
  const cached = cache.get(script);
  if (cached !== undefined) return cached;
  const text = (name: string, fallback: string): string => String(modParam(script, "topology_hiding", name) ?? fallback);
  const scheme = text("th_contact_encode_scheme", "base64");
  const settings: TopologyHidingSettings = {
    forceDialog: intModParam(script, "topology_hiding", "force_dialog", 0) !== 0,
    passedUriParams: nameList(text("th_passed_contact_uri_params", "")),
    passedHeaderParams: nameList(text("th_passed_contact_params", "")),
    callIdPassword: text("th_callid_passwd", "OpenSIPS"),
    callIdPrefix: text("th_callid_prefix", "DLGCH_"),
    contactPassword: text("th_contact_encode_passwd", "ToPoCtPaSS"),
    contactParam: text("th_contact_encode_param", "thinfo"),
    contactScheme: scheme === "base64" || scheme === "base32" ? scheme : null,
    schemeText: scheme,
    callerUserVar: text("th_contact_caller_username_var", "_th_contact_caller_username_var_"),
    calleeUserVar: text("th_contact_callee_username_var", "_th_contact_callee_username_var_"),
    dialogIdParam: String(modParam(script, "dialog", "rr_param") ?? "did"),
  };
  cache.set(script, settings);
  return settings;
}

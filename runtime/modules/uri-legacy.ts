/**
 * uri (OpenSIPS 2.4): the message checks 3.x moved to sipmsgops, under their 2.4 names and with
 * sipmsgops's implementations (`add_uri_param` is `ruri_add_param`, `uri_param` is
 * `ruri_has_param`, …); and its database checks (uri-db-checks.ts: `db_check_to`,
 * `db_check_from`, `db_does_uri_exist`, `db_get_auth_id`). The AAA checks are not implemented.
 */
import type { FunctionImpl, ModuleImpl } from "../functions.ts";
import { sipmsgops } from "./sipmsgops.ts";
import { URI_DB_CHECK_FUNCTIONS } from "./uri-db-checks.ts";

/** 2.4 name → the sipmsgops function it became. */
const RENAMED: readonly (readonly [string, string])[] = [
  ["has_totag", "has_totag"],
  ["is_uri_user_e164", "is_uri_user_e164"],
  ["add_uri_param", "ruri_add_param"],
  ["del_uri_param", "ruri_del_param"],
  ["uri_param", "ruri_has_param"],
  ["tel2sip", "ruri_tel2sip"],
];

function sipmsgopsFunction(name: string): FunctionImpl {
  const impl = sipmsgops.functions.get(name);
  if (impl === undefined) throw new Error(`sipmsgops has no ${name}`);
  return impl;
}

export const uriLegacy: ModuleImpl = {
  name: "uri",
  functions: new Map([...RENAMED.map(([name, current]): [string, FunctionImpl] => [name, sipmsgopsFunction(current)]), ...URI_DB_CHECK_FUNCTIONS]),
};

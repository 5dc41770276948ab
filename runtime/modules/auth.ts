/**
 * auth (OpenSIPS 3.6): digest challenges with nonces only this engine can make and read
 * (auth-nonce.ts), consume_credentials, authorization against script variables, the RPID helpers,
 * and the credentials PVs ($au, $ar, …). The database backend is auth_db (auth-db.ts).
 */
import type { ModuleImpl } from "../functions.ts";
import { CHALLENGE_FUNCTIONS } from "./auth-challenge.ts";
import { PV_AUTHORIZE_FUNCTIONS } from "./auth-pv-authorize.ts";
import { AUTH_PVS } from "./auth-pvs.ts";
import { RPID_FUNCTIONS } from "./auth-rpid.ts";

export const auth: ModuleImpl = {
  name: "auth",
  functions: new Map([...CHALLENGE_FUNCTIONS, ...PV_AUTHORIZE_FUNCTIONS, ...RPID_FUNCTIONS]),
  pvs: AUTH_PVS,
};

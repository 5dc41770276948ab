/**
 * Every module implementation the runtime has. A new module file exports a `ModuleImpl`
 * (functions.ts) and is added here. The core functions kept in their own files (cachedb, the
 * destination set, serial forking, Via handling, 2.4 URI spellings) join the core module's table.
 */
import type { ModuleImpl } from "../functions.ts";
import { acc } from "./acc.ts";
import { aliasDb } from "./alias-db.ts";
import { auth } from "./auth.ts";
import { authDb } from "./auth-db.ts";
import { avpops } from "./avpops.ts";
import { CACHEDB_RAW_QUERY_FUNCTIONS } from "./cachedb-raw-query.ts";
import { CACHEDB_FUNCTIONS } from "./cachedb.ts";
import { BRANCH_FUNCTIONS } from "./core-branches.ts";
import { SERIAL_FUNCTIONS } from "./core-serial.ts";
import { URI_ALIAS_FUNCTIONS } from "./core-uri-aliases.ts";
import { VIA_HANDLING_FUNCTIONS } from "./core-via-handling.ts";
import { cfgutils } from "./cfgutils.ts";
import { core } from "./core.ts";
import { dialog } from "./dialog.ts";
import { dialplan } from "./dialplan.ts";
import { dispatcher } from "./dispatcher.ts";
import { domain } from "./domain.ts";
import { drouting } from "./drouting.ts";
import { eventRouting } from "./event-routing.ts";
import { exec } from "./exec.ts";
import { group } from "./group.ts";
import { maxfwd } from "./maxfwd.ts";
import { msilo } from "./msilo.ts";
import { midRegistrar } from "./mid-registrar.ts";
import { nathelper } from "./nathelper.ts";
import { options } from "./options.ts";
import { path } from "./path.ts";
import { permissions } from "./permissions.ts";
import { registrar } from "./registrar.ts";
import { restClient } from "./rest-client.ts";
import { loadBalancer } from "./load-balancer.ts";
import { regexModule } from "./regex-module.ts";
import { rr } from "./rr.ts";
import { rtpengine } from "./rtpengine.ts";
import { rtpproxy } from "./rtpproxy.ts";
import { signaling } from "./signaling.ts";
import { sipcapture } from "./sipcapture.ts";
import { sipmsgops } from "./sipmsgops.ts";
import { sl } from "./sl.ts";
import { sqlops } from "./sqlops.ts";
import { textops } from "./textops.ts";
import { tm } from "./tm.ts";
import { topologyHiding } from "./topology-hiding.ts";
import { tracer } from "./tracer.ts";
import { uac } from "./uac.ts";
import { uriLegacy } from "./uri-legacy.ts";
import { userblacklist } from "./userblacklist.ts";

const coreWithCachedb: ModuleImpl = {
  ...core,
  functions: new Map([
    ...core.functions,
    ...CACHEDB_FUNCTIONS,
    ...CACHEDB_RAW_QUERY_FUNCTIONS,
    ...BRANCH_FUNCTIONS,
    ...SERIAL_FUNCTIONS,
    ...VIA_HANDLING_FUNCTIONS,
    ...URI_ALIAS_FUNCTIONS,
  ]),
};

export const MODULES: readonly ModuleImpl[] = [
  coreWithCachedb,
  tm,
  sl,
  signaling,
  maxfwd,
  rr,
  registrar,
  midRegistrar,
  nathelper,
  sipmsgops,
  textops,
  cfgutils,
  exec,
  restClient,
  sqlops,
  avpops,
  acc,
  dialog,
  auth,
  authDb,
  permissions,
  domain,
  aliasDb,
  dispatcher,
  options,
  uac,
  rtpengine,
  rtpproxy,
  loadBalancer,
  regexModule,
  drouting,
  dialplan,
  tracer,
  eventRouting,
  topologyHiding,
  path,
  group,
  userblacklist,
  sipcapture,
  msilo,
  uriLegacy,
];

/** permissions: check_address, check_source_address and get_source_group on a SQLite address table. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { permissions } from "../runtime/modules/permissions.ts";
import { fnmatch } from "../runtime/modules/permissions-fnmatch.ts";
import { CLIENT, request, startScript } from "./support/module-scripts.ts";
import { sqliteFile } from "./support/sqlite-file.ts";

const SCHEMA = `CREATE TABLE address (id INTEGER PRIMARY KEY, grp INTEGER DEFAULT 0 NOT NULL, ip CHAR(50) NOT NULL,
  mask INTEGER DEFAULT 32 NOT NULL, port SMALLINT DEFAULT 0 NOT NULL, proto CHAR(4) DEFAULT 'any' NOT NULL,
  pattern CHAR(64) DEFAULT NULL, context_info CHAR(32) DEFAULT NULL);`;

const ADDRESSES = sqliteFile(`${SCHEMA}
INSERT INTO address (grp, ip, mask, port, proto, pattern, context_info) VALUES
  (1, '10.0.0.1', 32, 0, 'any', NULL, 'pbx-one'),
  (2, '192.168.7.0', 24, 0, 'any', NULL, 'office'),
  (3, '192.168.7.5', 32, 0, 'any', NULL, 'one-host'),
  (4, '172.16.0.9', 32, 5060, 'any', NULL, 'port-5060'),
  (5, '172.16.0.10', 32, 0, 'TCP', NULL, 'tcp-only'),
  (6, '203.0.113.7', 32, 0, 'any', 'carrier*', 'carrier'),
  (6, '203.0.113.7', 32, 0, 'any', 'customer', 'customer'),
  (7, '2001:db8::', 32, 0, 'udp', NULL, 'v6-net'),
  (8, '198.51.100.1', 32, 0, 'none', NULL, 'never'),
  (8, 'not-an-ip', 32, 0, 'any', NULL, 'skipped'),
  (0, '198.51.100.2', 32, 0, 'any', NULL, 'any-group');`);

function cfg(body: string, params = ""): string {
  return `
loadmodule "permissions.so"
modparam("permissions", "db_url", "sqlite://${ADDRESSES}")
${params}
route {
${body}
}
`;
}

/** Runs `body` once for an INVITE from `from` and returns its xlog lines. */
async function linesOf(body: string, params = "", from = CLIENT): Promise<string[]> {
  const run = await startScript(cfg(body, params), "3.6", [permissions]);
  await run.send(request("INVITE"), from);
  return run.logs();
}

/** `check_address(args, $avp(ctx)[, more])` per entry, each logging its code and the context_info output. */
function probes(calls: readonly string[]): string {
  const probe = (call: string): string => {
    const [args, more] = call.split(" | ");
    return `\tcheck_address(${args}, $avp(ctx)${more === undefined ? "" : `, ${more}`}); xlog("$rc $avp(ctx)\\n"); $avp(ctx) := NULL;`;
  };
  return calls.map(probe).join("\n");
}

/** check_address calls (`args | pattern, partition`) and what each logs: its code and the context_info written. */
const CASES: readonly { readonly name: string; readonly calls: readonly (readonly [call: string, logged: string])[] }[] = [
  {
    name: "an exact /32 entry matches its address and writes context_info",
    calls: [
      ['1, "10.0.0.1", 5060, "udp"', "1 pbx-one"],
      ['1, "10.0.0.2", 5060, "udp"', "-1 <null>"],
    ],
  },
  {
    name: "a /24 entry matches its whole subnet; a /32 entry only its own address",
    calls: [
      ['2, "192.168.7.200", 5060, "udp"', "1 office"],
      ['2, "192.168.8.1", 5060, "udp"', "-1 <null>"],
      ['3, "192.168.7.5", 5060, "udp"', "1 one-host"],
      ['3, "192.168.7.6", 5060, "udp"', "-1 <null>"],
    ],
  },
  {
    name: "port: an entry's port must match unless it is 0; a port argument of 0 matches any",
    calls: [
      ['4, "172.16.0.9", 5060, "udp"', "1 port-5060"],
      ['4, "172.16.0.9", 5070, "udp"', "-1 <null>"],
      ['4, "172.16.0.9", 0, "udp"', "1 port-5060"],
    ],
  },
  {
    name: "proto: compared case-insensitively; any on either side matches",
    calls: [
      ['5, "172.16.0.10", 5060, "tcp"', "1 tcp-only"],
      ['5, "172.16.0.10", 5060, "udp"', "-1 <null>"],
      ['5, "172.16.0.10", 5060, "ANY"', "1 tcp-only"],
      ['1, "10.0.0.1", 5060, "tls"', "1 pbx-one"],
    ],
  },
  {
    name: "group: another group's entry does not match; a group missing from the table gives -2; group 0 matches any",
    calls: [
      ['2, "10.0.0.1", 5060, "udp"', "-1 <null>"],
      ['99, "10.0.0.1", 5060, "udp"', "-2 <null>"],
      ['0, "192.168.7.1", 5060, "udp"', "1 office"],
      ['0, "198.51.100.2", 5060, "udp"', "1 any-group"],
      ['3, "198.51.100.2", 5060, "udp"', "1 any-group"],
    ],
  },
  {
    name: "pattern: the entry's wildcard must match the pattern argument; without the argument the newest entry matches",
    calls: [
      ['6, "203.0.113.7", 5060, "udp" | "carriermessage"', "1 carrier"],
      ['6, "203.0.113.7", 5060, "udp" | "customer"', "1 customer"],
      ['6, "203.0.113.7", 5060, "udp" | "reseller"', "-1 <null>"],
      ['6, "203.0.113.7", 5060, "udp"', "1 customer"],
    ],
  },
  {
    name: "IPv6 subnets, and rows with proto none or a bad IP are left out",
    calls: [
      ['7, "2001:db8:0:1::5", 5060, "udp"', "1 v6-net"],
      ['7, "2001:db9::1", 5060, "udp"', "-1 <null>"],
      ['7, "2001:db8::5", 5060, "udp"', "1 v6-net"],
      ['8, "198.51.100.1", 5060, "udp"', "-2 <null>"],
    ],
  },
];

for (const { name, calls } of CASES) {
  test(name, async () => {
    assert.deepEqual(await linesOf(probes(calls.map(([call]) => call))), calls.map(([, logged]) => logged));
  });
}

test("check_source_address and get_source_group use the message's source address, port and protocol", async () => {
  const body = `
	check_source_address(1, $avp(ctx)); xlog("$rc $avp(ctx)\\n");
	check_source_address(2); xlog("$rc\\n");
	if (get_source_group($var(group))) xlog("group $var(group)\\n"); else xlog("no group\\n");`;
  assert.deepEqual(await linesOf(body), ["1 pbx-one", "-1", "group 1"]);
  assert.deepEqual(await linesOf(body, "", { proto: "udp", ip: "192.168.7.44", port: 5062 }), ["-1 <null>", "1", "group 2"]);
  assert.deepEqual(await linesOf(body, "", { proto: "udp", ip: "10.9.9.9", port: 5060 }), ["-1 <null>", "-1", "no group"]);
  assert.deepEqual(await linesOf(`check_source_address(5); xlog("$rc\\n");`, "", { proto: "tcp", ip: "172.16.0.10", port: 40000 }), ["1"]);
});

test("partitions: a named partition reads its own database and table; an unknown one fails", async () => {
  const trusted = sqliteFile(`${SCHEMA.replace("address", "trusted")}
INSERT INTO trusted (grp, ip, mask, port, proto, context_info) VALUES (1, '10.0.0.0', 8, 0, 'any', 'partner');`);
  const params = `modparam("permissions", "partition", "partners: db_url=sqlite://${trusted}; table_name=trusted")`;
  const lines = await linesOf(probes(['1, "10.20.30.40", 5060, "udp" | , "partners"', '1, "10.20.30.40", 5060, "udp"', '1, "10.0.0.1", 5060, "udp" | , "nowhere"']), params);
  assert.deepEqual(lines, ["1 partner", "-1 <null>", "-1 <null>"]);
  const run = await startScript(cfg(`check_source_address(1, , , "partners"); xlog("$rc\\n");`, params), "3.6", [permissions]);
  await run.send(request("INVITE"));
  assert.deepEqual(run.logs(), ["1"]);
});

test("bad arguments and an unreadable table give -1 with an error logged", async () => {
  const run = await startScript(
    cfg(`check_address(1, "10.0.0.1", 5060, "carrier-pigeon"); xlog("$rc\\n"); check_address(1, "nowhere", 5060, "udp"); xlog("$rc\\n");`),
    "3.6",
    [permissions],
  );
  await run.send(request("INVITE"));
  assert.deepEqual(run.logs(), ["-1", "-1"]);
  const errors = run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
  assert.ok(errors.some((t) => t.includes("unknown protocol <carrier-pigeon>")));
  assert.ok(errors.some((t) => t.includes("invalid ip address <nowhere>")));

  const missing = await startScript(
    `loadmodule "permissions.so"\nmodparam("permissions", "db_url", "sqlite://${sqliteFile("CREATE TABLE other (x INTEGER);")}")\nroute { check_source_address(1); xlog("$rc\\n"); }`,
    "3.6",
    [permissions],
  );
  await missing.send(request("INVITE"));
  assert.deepEqual(missing.logs(), ["-1"]);
});

test("fnmatch: wildcards, sets, escapes and the leading period", () => {
  const cases: readonly (readonly [pattern: string, text: string, matches: boolean])[] = [
    ["carrier*", "carriermessage", true],
    ["carrier*", "Carrier", false],
    ["c?r", "car", true],
    ["c?r", "cr", false],
    ["[a-c]x[!0-9]", "bxz", true],
    ["[a-c]x[!0-9]", "bx5", false],
    ["[[:digit:]]*", "7up", true],
    ["[]]", "]", true],
    ["a\\*", "a*", true],
    ["a\\*", "ab", false],
    ["*", ".hidden", false],
    [".h*", ".hidden", true],
    ["a/*", "a/b/c", true],
    ["[abc", "[abc", true],
    ["*x*y", "axbxcy", true],
  ];
  for (const [pattern, text, matches] of cases) assert.equal(fnmatch(pattern, text), matches, `${pattern} ~ ${text}`);
});

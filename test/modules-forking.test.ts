/**
 * Parallel forking: registrar lookup() fills the destination set with every registered contact,
 * t_relay forks to the Request-URI branch and each extra branch, the branches compete for the
 * winning reply; the dset functions and PVs (append_branch…, `$branch(…)`, `$msg.branch.…`).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as rt from "../runtime/index.ts";
import { BRANCH_FUNCTIONS } from "../runtime/modules/core-branches.ts";
import { locationTables, type Binding } from "../runtime/modules/registrar-location.ts";
import { BRANCH_PVS } from "../runtime/pv-branch.ts";
import { headerOf, replyTo, request, startScript, type ScriptRun } from "./support/module-scripts.ts";
import { logTexts, request as harnessRequest, SOURCE } from "./support/runtime-harness.ts";

// ---- registrar lookup + t_relay (compiled scripts) ---------------------------------------------

const PROXY = `
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "sipmsgops.so"
route {
	if (is_method("REGISTER")) {
		if (is_present_hf("X-Nat")) setbflag("NAT");
		save("location");
		exit;
	}
	switch ($hdr(X-Lookup)) {
		case "b": lookup("location", "b"); break;
		case "m": lookup("location", "m"); break;
		default: lookup("location");
	}
	if ($rc < 0) {
		xlog("lookup failed: $rc\\n");
		sl_send_reply(404, "Not Found");
		exit;
	}
	t_on_branch("per_branch");
	t_on_failure("failed");
	t_relay();
}
branch_route[per_branch] {
	xlog("branch $T_branch_idx: $ru flags [$bf]\\n");
}
failure_route[failed] {
	xlog("failure route: $T_reply_code\\n");
	if (t_check_status("6[0-9][0-9]")) {
		t_relay();
		xlog("t_relay after a 6xx: $rc\\n");
	}
}
`;

/** REGISTERs `contact` for alice, sent from the contact's own address (so no `$du` is needed to reach it). */
async function register(run: ScriptRun, host: string, params: string, headers = ""): Promise<void> {
  const text = request("REGISTER", {
    ruri: "sip:example.com",
    branch: `z9hG4bK-reg-${host}`,
    callId: `reg-${host}`,
    headers: `Contact: <sip:alice@${host}:5060>${params}\r\nExpires: 600\r\n${headers}`,
  }).replace("To: <sip:bob@example.com>", "To: <sip:alice@example.com>");
  await run.send(text, { proto: "udp", ip: host, port: 5060 });
}

/** A proxy where alice has three contacts: q=0.5 at .11, q=1.0 at .12 (behind a NAT flag), q=0.8 at .13. */
async function proxyWithThreeContacts(): Promise<ScriptRun> {
  const run = await startScript(PROXY);
  await register(run, "10.0.0.11", ";q=0.5");
  await register(run, "10.0.0.12", ";q=1.0", "X-Nat: yes\r\n");
  await register(run, "10.0.0.13", ";q=0.8");
  run.env.replies.length = 0;
  return run;
}

function invite(headers = ""): string {
  return request("INVITE", { ruri: "sip:alice@example.com", branch: "z9hG4bK-inv", callId: "call-fork", headers });
}

/** That proxy once alice's INVITE is forked, with the texts of the three branches sent. */
async function forkedInvite(): Promise<{ run: ScriptRun; sent: string[] }> {
  const run = await proxyWithThreeContacts();
  await run.send(invite());
  return { run, sent: run.env.requests.map((r) => r.text) };
}

function topViaBranch(text: string): string | null {
  return /^Via: [^;]+;branch=([^\r\n;]+)/m.exec(text)?.[1] ?? null;
}

test("lookup + t_relay fork to every registered contact, best q first; each branch runs the branch_route once", async () => {
  const run = await proxyWithThreeContacts();
  await run.send(invite());
  const relays = run.env.requests;
  assert.deepEqual(
    relays.map((r) => `${r.ruri} -> ${r.dst}`),
    ["sip:alice@10.0.0.12:5060 -> sip:alice@10.0.0.12:5060", "sip:alice@10.0.0.13:5060 -> sip:alice@10.0.0.13:5060", "sip:alice@10.0.0.11:5060 -> sip:alice@10.0.0.11:5060"],
  );
  const branches = relays.map((r) => topViaBranch(r.text));
  assert.equal(new Set(branches).size, 3, "every branch has its own Via branch id");
  assert.ok(branches.every((b) => b !== null && b.startsWith("z9hG4bK")));
  assert.deepEqual(run.logs(), [
    "branch 0: sip:alice@10.0.0.12:5060 flags [NAT]",
    "branch 1: sip:alice@10.0.0.13:5060 flags []",
    "branch 2: sip:alice@10.0.0.11:5060 flags []",
  ]);
  assert.deepEqual(run.env.replies.map((r) => r.code), [100]);
});

test("the 200 of one branch wins over the 486 of another; the ringing branch left is cancelled", async () => {
  const { run, sent } = await forkedInvite();
  const [first, second, third] = sent;
  await run.send(replyTo(first!, 180, "Ringing", "tag-12"));
  await run.send(replyTo(second!, 486, "Busy Here", "tag-13"));
  await run.send(replyTo(third!, 200, "OK", "tag-11"));
  assert.deepEqual(run.env.replies.map((r) => `${r.code} ${r.reason}`), ["100 Giving it a try", "180 Ringing", "200 OK"]);
  const after = run.env.requests.slice(3).map((r) => `${r.text.split(" ")[0]} ${r.dst}`);
  assert.deepEqual(after, ["ACK sip:alice@10.0.0.13:5060", "CANCEL sip:alice@10.0.0.12:5060"]);
  assert.equal(topViaBranch(run.env.requests[4]!.text), topViaBranch(first!), "the CANCEL goes on the ringing branch");
  assert.deepEqual(run.logs().filter((l) => l.startsWith("failure")), [], "no failure route when a branch answered 2xx");
});

test("when every branch fails, the failure route sees the best failure (OpenSIPS's priority, not the lowest code)", async () => {
  const { run, sent } = await forkedInvite();
  const [first, second, third] = sent;
  await run.send(replyTo(first!, 503, "Service Unavailable"));
  await run.send(replyTo(second!, 408, "Request Timeout"));
  assert.deepEqual(run.env.replies.map((r) => r.code), [100], "nothing goes upstream while a branch is pending");
  await run.send(replyTo(third!, 486, "Busy Here"));
  assert.equal(run.logs().at(-1), "failure route: 486");
  assert.deepEqual(run.env.replies.map((r) => `${r.code} ${r.reason}`), ["100 Giving it a try", "486 Busy Here"]);
});

test("a 6xx wins at once, cancels the other branches and blocks new ones", async () => {
  const { run, sent } = await forkedInvite();
  const [first, second, third] = sent;
  await run.send(replyTo(first!, 180, "Ringing"));
  await run.send(replyTo(second!, 603, "Decline"));
  assert.deepEqual(run.logs().slice(3), ["failure route: 603", "t_relay after a 6xx: -3"]);
  assert.deepEqual(run.env.replies.map((r) => r.code), [100, 180, 603]);
  assert.deepEqual(run.env.requests.slice(3).map((r) => `${r.text.split(" ")[0]} ${r.dst}`), ["ACK sip:alice@10.0.0.13:5060", "CANCEL sip:alice@10.0.0.12:5060"]);
  await run.send(replyTo(third!, 180, "Ringing"));
  assert.equal(run.env.requests.at(-1)?.text.split(" ")[0], "CANCEL", "the branch that had not answered is cancelled at its first provisional reply");
  assert.deepEqual(run.env.replies.map((r) => r.code), [100, 180, 603], "nothing more goes upstream");
});

test("disable_6xx_block: a 6xx is one failure among others", async () => {
  const run = await startScript(PROXY.replace('loadmodule "sipmsgops.so"', 'loadmodule "sipmsgops.so"\nmodparam("tm", "disable_6xx_block", 1)'));
  await register(run, "10.0.0.11", ";q=0.5");
  await register(run, "10.0.0.12", ";q=1.0");
  await run.send(invite());
  const [first, second] = run.env.requests.map((r) => r.text);
  await run.send(replyTo(first!, 603, "Decline"));
  assert.equal(run.env.replies.at(-1)?.code, 100, "the other branch is still awaited");
  await run.send(replyTo(second!, 200, "OK"));
  assert.equal(run.env.replies.at(-1)?.code, 200);
});

test("lookup flags: b uses the best contact only; m skips contacts that do not accept the method (-2 when none does)", async () => {
  const run = await startScript(PROXY);
  await register(run, "10.0.0.11", ";q=1.0;methods=\"MESSAGE,OPTIONS\"");
  await register(run, "10.0.0.12", ";q=0.5", "Allow: INVITE, ACK, CANCEL, BYE\r\n");
  await run.send(invite("X-Lookup: b\r\n"));
  assert.deepEqual(run.env.requests.map((r) => r.ruri), ["sip:alice@10.0.0.11:5060"]);
  await run.send(request("INVITE", { ruri: "sip:alice@example.com", branch: "z9hG4bK-inv-m", callId: "call-m", headers: "X-Lookup: m\r\n" }));
  assert.deepEqual(run.env.requests.slice(1).map((r) => r.ruri), ["sip:alice@10.0.0.12:5060"]);
  await run.send(request("MESSAGE", { ruri: "sip:alice@example.com", branch: "z9hG4bK-msg-m", callId: "msg-m", headers: "X-Lookup: m\r\n" }));
  assert.deepEqual(run.env.requests.slice(2).map((r) => r.ruri), ["sip:alice@10.0.0.11:5060"]);
  await run.send(request("SUBSCRIBE", { ruri: "sip:alice@example.com", branch: "z9hG4bK-sub-m", callId: "sub-m", headers: "X-Lookup: m\r\n" }));
  assert.equal(run.logs().at(-1), "lookup failed: -2");
});

test("serial forking: the failure route looks the user up and forks to every contact", async () => {
  const run = await startScript(`
loadmodule "tm.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "sipmsgops.so"
route {
	if (is_method("REGISTER")) { save("location"); exit; }
	$du = "sip:10.0.0.99:5060";
	t_on_failure("to_user");
	t_relay();
}
failure_route[to_user] {
	if (lookup("location")) {
		t_on_branch("per_branch");
		t_relay();
	}
}
branch_route[per_branch] {
	xlog("branch $T_branch_idx: $ru\\n");
}
`);
  await register(run, "10.0.0.11", ";q=0.5");
  await register(run, "10.0.0.12", ";q=0.9");
  run.env.replies.length = 0;
  await run.send(invite());
  await run.send(replyTo(run.env.requests[0]!.text, 404, "Not Found"));
  assert.deepEqual(run.logs(), ["branch 1: sip:alice@10.0.0.12:5060", "branch 2: sip:alice@10.0.0.11:5060"]);
  const forked = run.env.requests.filter((r) => r.text.startsWith("INVITE ")).slice(1);
  assert.deepEqual(forked.map((r) => r.dst), ["sip:alice@10.0.0.12:5060", "sip:alice@10.0.0.11:5060"]);
  await run.send(replyTo(forked[0]!.text, 486, "Busy Here"));
  await run.send(replyTo(forked[1]!.text, 200, "OK"));
  assert.deepEqual(run.env.replies.map((r) => r.code), [100, 200]);
});

test("the destination set moves into the transaction with the message across async()", async () => {
  const run = await startScript(`
loadmodule "tm.so"
loadmodule "cfgutils.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "sipmsgops.so"
route {
	if (is_method("REGISTER")) { save("location"); exit; }
	lookup("location");
	async(usleep(1000), relay_later);
}
route[relay_later] {
	t_relay();
}
`);
  await register(run, "10.0.0.11", ";q=0.5");
  await register(run, "10.0.0.12", ";q=0.9");
  await run.send(invite());
  await run.engine.idle();
  assert.deepEqual(run.env.requests.map((r) => r.ruri), ["sip:alice@10.0.0.12:5060", "sip:alice@10.0.0.11:5060"]);
});

// ---- dset functions and PVs (hand-written routes) ----------------------------------------------

type Body = (ctx: rt.Ctx) => void;

const SOCKETS: rt.ScriptSocket[] = [
  { proto: "udp", host: "127.0.0.1", port: 5060, text: "udp:127.0.0.1:5060" },
  { proto: "udp", host: "127.0.0.2", port: 5070, text: "udp:127.0.0.2:5070" },
];

interface HarnessOptions {
  /** Runs on the main route after t_relay. */
  readonly after?: Body;
  /** Modules the script loads beyond tm. */
  readonly modules?: readonly string[];
}

/** An engine whose main route runs `main` then t_relay, with `branch` as the armed branch_route. */
async function harness(main: Body, branch: Body = () => {}, options: HarnessOptions = {}) {
  const tOnBranch = rt.fn("t_on_branch", "test.cfg:1");
  const tRelay = rt.fn("t_relay", "test.cfg:2");
  const script = rt.defineScript({
    file: "test.cfg",
    target: "3.6",
    modules: ["tm", ...(options.modules ?? [])],
    modparams: [],
    globals: [],
    sockets: SOCKETS,
    routes: {
      request: new Map([
        [
          "",
          function* (ctx: rt.Ctx): rt.RouteGen {
            main(ctx);
            tOnBranch(ctx, ["b"]);
            ctx.rc = tRelay(ctx, []);
            options.after?.(ctx);
            return 1;
          },
        ],
      ]),
      failure: new Map(),
      onreply: new Map(),
      branch: new Map([
        [
          "b",
          function* (ctx: rt.Ctx): rt.RouteGen {
            branch(ctx);
            return 1;
          },
        ],
      ]),
      event: new Map(),
      error: null,
      local: null,
      startup: null,
      timer: [],
    },
  });
  const env = new rt.OfflineEnvironment({ clock: () => 1_700_000_000_000, pid: 4000 });
  const engine = await rt.createEngine(script, env);
  await engine.handleMessage(harnessRequest("INVITE", { ruri: "sip:bob@10.0.0.2" }), SOURCE);
  return env;
}

function call(ctx: rt.Ctx, name: string, ...args: rt.Arg[]): number {
  const impl = BRANCH_FUNCTIONS.find(([n]) => n === name)?.[1];
  assert.ok(impl !== undefined, name);
  return impl.call(ctx, args);
}

function pv(name: string, arg: string | null = null, index?: number | "*"): rt.Pv {
  const base = BRANCH_PVS.get(name)!(arg);
  return index === undefined ? base : rt.pv.indexed(base, index);
}

test("append_branch with a URI and q: the branch inherits $du and the branch flags; $branch(…) reads it", async () => {
  const seen: unknown[] = [];
  const env = await harness((ctx) => {
    ctx.state.dstUri = "sip:10.0.0.50:5060";
    ctx.state.branchFlags = 0b100;
    seen.push(call(ctx, "append_branch", "sip:carol@10.0.0.3", "0.5"));
    seen.push(call(ctx, "append_msg_branch", "sip:dave@10.0.0.4", "0.25"));
    seen.push(pv("branch", "uri").get(ctx), pv("branch", "uri", 1).get(ctx), pv("branch", "uri", -1).get(ctx), pv("branch", "uri", "*").get(ctx));
    seen.push(pv("branch", "q", 0).get(ctx), pv("branch", "q", 1).get(ctx), pv("branch", "duri").get(ctx), pv("branch", "duri", 1).get(ctx));
    seen.push(pv("branch", "flags").get(ctx), pv("branch", "flags", 1).get(ctx), pv("branch", "uri", 2).get(ctx));
  });
  assert.deepEqual(seen, [1, 1, "sip:carol@10.0.0.3", "sip:dave@10.0.0.4", "sip:dave@10.0.0.4", "sip:carol@10.0.0.3, sip:dave@10.0.0.4", "0.5", "0.25", "sip:10.0.0.50:5060", null, 4, 0, null]);
  assert.deepEqual(
    env.requests.map((r) => `${r.ruri} -> ${r.dst}`),
    ["sip:bob@10.0.0.2 -> sip:10.0.0.50:5060", "sip:carol@10.0.0.3 -> sip:10.0.0.50:5060", "sip:dave@10.0.0.4 -> sip:dave@10.0.0.4"],
  );
});

test("append_branch() without a URI moves branch 0 (R-URI, $du, flags) into a new branch; branch 0 keeps only its URI", async () => {
  const seen: unknown[] = [];
  const env = await harness(
    (ctx) => {
      ctx.state.dstUri = "sip:10.0.0.50:5060";
      ctx.state.branchFlags = 1;
      seen.push(call(ctx, "append_branch"));
      seen.push(ctx.state.dstUri, ctx.state.branchFlags);
      ctx.msg.setRuri("sip:carol@10.0.0.3");
    },
    (ctx) => seen.push(`branch ${ctx.msg.ruri} flags ${ctx.state.branchFlags}`),
  );
  assert.deepEqual(seen, [1, null, 0, "branch sip:carol@10.0.0.3 flags 0", "branch sip:bob@10.0.0.2 flags 1"]);
  assert.deepEqual(env.requests.map((r) => r.dst), ["sip:carol@10.0.0.3", "sip:10.0.0.50:5060"]);
});

test("$branch / $msg.branch PVs are writable; remove_branch shifts the later branches; t_relay consumes the branches", async () => {
  const seen: unknown[] = [];
  const env = await harness(
    (ctx) => {
      seen.push(pv("branch").assign(ctx, "=", "sip:carol@10.0.0.3"), pv("msg.branch").assign(ctx, "=", "sip:dave@10.0.0.4"));
      seen.push(pv("msg.branch.uri", null, 0).get(ctx), pv("msg.branch").get(ctx), pv("msg.branch.last_idx").get(ctx));
      seen.push(pv("branch", "q", 1).assign(ctx, "=", 1000), pv("branch", "q", 1).get(ctx));
      seen.push(pv("msg.branch.q", null, 0).assign(ctx, "=", "0.7"), pv("msg.branch.q", null, 0).get(ctx));
      seen.push(pv("branch", "duri", 1).assign(ctx, "=", "sip:10.0.0.60:5062"));
      seen.push(pv("msg.branch.uri", null, 2).assign(ctx, "=", "sip:erin@10.0.0.5"), pv("branch", "uri", 1).get(ctx));
      seen.push(call(ctx, "remove_branch", 0), pv("branch", "uri").get(ctx), call(ctx, "remove_msg_branch", 3));
      seen.push(pv("msg.branch.uri", null, "*").get(ctx));
    },
    (ctx) => seen.push(`branch ${pv("msg.branch.last_idx").get(ctx)}`),
    { after: (ctx) => seen.push(`after t_relay ${pv("msg.branch.last_idx").get(ctx)} ${pv("msg.branch.q", null, 0).get(ctx)}`) },
  );
  assert.deepEqual(seen, [
    1,
    1,
    "sip:bob@10.0.0.2",
    "sip:dave@10.0.0.4",
    2,
    1,
    "1",
    1,
    "0.7",
    1,
    1,
    "sip:erin@10.0.0.5",
    1,
    "sip:erin@10.0.0.5",
    -1,
    "sip:bob@10.0.0.2, sip:erin@10.0.0.5",
    "branch 0",
    "branch 0",
    "after t_relay 0 0.7",
  ]);
  assert.deepEqual(env.requests.map((r) => `${r.ruri} -> ${r.dst}`), ["sip:bob@10.0.0.2 -> sip:bob@10.0.0.2", "sip:erin@10.0.0.5 -> sip:10.0.0.60:5062"]);
});

test("branch flags, Path and socket of an extra branch reach its branch_route and what is sent", async () => {
  const seen: unknown[] = [];
  const env = await harness(
    (ctx) => {
      call(ctx, "append_msg_branch", "sip:carol@10.0.0.3");
      seen.push(pv("msg.branch.flags", null, 1).assign(ctx, "=", "NAT,VIDEO"), pv("msg.branch.flags", null, 1).get(ctx), pv("msg.branch.flags", null, 0).get(ctx));
      seen.push(pv("msg.branch.path", null, 1).assign(ctx, "=", "<sip:edge.example.com;lr>"));
      seen.push(pv("msg.branch.socket", null, 1).assign(ctx, "=", "udp:127.0.0.2:5070"), pv("msg.branch.socket").get(ctx));
    },
    (ctx) => seen.push(`${ctx.msg.ruri} [${rt.pv.core("bf").get(ctx)}] idx ${rt.pv.core("T_branch_idx").get(ctx)}`),
  );
  assert.deepEqual(seen, [1, "NAT,VIDEO", "", 1, 1, "udp:127.0.0.2:5070", "sip:bob@10.0.0.2 [] idx 0", "sip:carol@10.0.0.3 [NAT VIDEO] idx 1"]);
  const [plain, extra] = env.requests.map((r) => r.text);
  assert.equal(headerOf(plain!, "Route"), null);
  assert.equal(headerOf(extra!, "Route"), "<sip:edge.example.com;lr>");
  assert.match(headerOf(plain!, "Via")!, /^SIP\/2\.0\/UDP 127\.0\.0\.1:5060;/);
  assert.match(headerOf(extra!, "Via")!, /^SIP\/2\.0\/UDP 127\.0\.0\.2:5070;/);
});

test("bad input gives -1 and a log line, never an exception; no branch can be added in a branch_route", async () => {
  const seen: unknown[] = [];
  const env = await harness(
    (ctx) => {
      seen.push(call(ctx, "append_branch", "sip:carol@10.0.0.3", "2"), call(ctx, "append_msg_branch", "not a uri"), call(ctx, "append_msg_branch", "sip:x@h", "", "sideways"));
      seen.push(call(ctx, "remove_branch", 0), pv("branch", "uri", 0).assign(ctx, "=", "sip:x@h"), pv("branch", "nonsense").get(ctx));
      seen.push(pv("msg.branch.path", null, 0).assign(ctx, "=", "<sip:p>"), pv("msg.branch.q", null, 0).assign(ctx, "=", "1.5"));
      call(ctx, "append_msg_branch", "sip:carol@10.0.0.3");
      seen.push(pv("msg.branch.socket", null, 1).assign(ctx, "=", "udp:10.9.9.9:5060"), pv("branch").assign(ctx, "+=", "x"));
      for (let i = 0; i < 10; i++) call(ctx, "append_msg_branch", `sip:u${i}@10.0.1.${i}`);
      seen.push(call(ctx, "append_msg_branch", "sip:one-too-many@h"));
    },
    (ctx) => {
      if (ctx.msg.ruri === "sip:bob@10.0.0.2") seen.push(call(ctx, "append_msg_branch", "sip:late@h"));
    },
  );
  assert.deepEqual(seen, [-1, -1, -1, -1, -1, null, -1, -1, -1, -1, -1, -1]);
  assert.equal(env.requests.length, 12, "the Request-URI branch and 11 extra ones");
  const errors = logTexts(env).filter((l) => l.startsWith("ERROR:"));
  assert.ok(errors.some((l) => l.includes("bad qvalue (2)")));
  assert.ok(errors.some((l) => l.includes("max nr of branches exceeded")));
  assert.ok(errors.some((l) => l.includes("in a branch_route")));
});

/** A live binding of a contact that registered from its own address. */
function binding(uri: string, q: number, userAgent: string): Binding {
  const host = /@([^:;>]+)/.exec(uri)![1]!;
  return { uri, expires: 1_700_000_600, q, callId: `reg-${host}`, cseq: 1, received: `sip:${host}:5060`, userAgent, flags: 0, methods: null };
}

test("lookup flags: r looks up the AORs of the branches already in the set; u/regex/ keeps the matching User-Agents", async () => {
  const lookupFn = rt.fn("lookup", "test.cfg:3");
  const seen: unknown[] = [];
  const env = await harness(
    (ctx) => {
      const tables = locationTables(ctx.engine);
      tables.store("location", "alice", [binding("sip:alice@10.0.0.11", 900, "Yealink T46"), binding("sip:alice@10.0.0.12", 500, "Zoiper")]);
      tables.store("location", "bob", [binding("sip:bob@10.0.0.21", 1000, "yealink W60")]);
      ctx.msg.setRuri("sip:alice@example.com");
      call(ctx, "append_msg_branch", "sip:bob@example.com");
      call(ctx, "append_msg_branch", "sip:nobody@example.com");
      seen.push(lookupFn(ctx, ["location", "ru/yealink/i"]), pv("msg.branch.uri", null, "*").get(ctx));
      ctx.msg.setRuri("sip:alice@example.com");
      seen.push(lookupFn(ctx, ["location", "u/Polycom/"]));
    },
    () => {},
    { modules: ["usrloc", "registrar"] },
  );
  assert.deepEqual(seen, [1, "sip:alice@10.0.0.11, sip:bob@10.0.0.21", -1]);
  assert.deepEqual(env.requests.map((r) => r.ruri), ["sip:alice@example.com", "sip:bob@10.0.0.21"]);
});

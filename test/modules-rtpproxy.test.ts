/**
 * The rtpproxy module against a fake rtpproxy (test/support/fake-rtpproxy.ts) speaking the
 * control protocol in another thread: the commands sent (letters, modifiers, Call-ID, addresses,
 * ports, tags), the SDP relayed after rewriting, the marker, sets, failures and timeouts.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { startFakeRtpproxy, type FakeRtpproxy, type FakeRtpproxyOptions } from "./support/fake-rtpproxy.ts";
import { replyTo, request, startScript, type ScriptRun } from "./support/module-scripts.ts";
import { rtpproxy } from "../runtime/modules/rtpproxy.ts";

const workDir = mkdtempSync(join(tmpdir(), "opensips-ts-rtpproxy-"));
after(() => rmSync(workDir, { recursive: true, force: true }));

const SDP =
  "v=0\r\n" +
  "o=alice 2890844526 2890844526 IN IP4 192.168.1.20\r\n" +
  "s=-\r\n" +
  "c=IN IP4 192.168.1.20\r\n" +
  "t=0 0\r\n" +
  "m=audio 49170 RTP/AVP 0 8 101\r\n" +
  "a=rtpmap:0 PCMU/8000\r\n" +
  "a=rtpmap:101 telephone-event/8000\r\n";

const ANSWER_SDP =
  "v=0\r\n" +
  "o=bob 2808844564 2808844564 IN IP4 172.16.5.5\r\n" +
  "s=-\r\n" +
  "c=IN IP4 172.16.5.5\r\n" +
  "t=0 0\r\n" +
  "m=audio 3456 RTP/AVP 0\r\n";

const VERSION_QUERIES = ["V", "VF 20050322", "VF 20071116", "VF 20081102", "VF 20090810", "VF 20081224", "VF 20080403", "VF 20150617", "VF 20150420", "VF 20170313", "VF 20071218", "VF 20191015"];

function invite(body: string, headers = "Content-Type: application/sdp\r\n"): string {
  return request("INVITE", { body, headers });
}

/** A reply to `sent` carrying `body`. */
function replyWithBody(sent: string, code: number, reason: string, body: string): string {
  return replyTo(sent, code, reason).replace("Content-Length: 0\r\n\r\n", `Content-Type: application/sdp\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

function bodyOf(text: string): string {
  return text.slice(text.indexOf("\r\n\r\n") + 4);
}

function errors(run: ScriptRun): string[] {
  return run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
}

/** The module settings for a fake at `port`: short timeouts so that failures are quick. */
function settings(sock: string, extra = ""): string {
  return `
loadmodule "tm.so"
loadmodule "sipmsgops.so"
loadmodule "rtpproxy.so"
modparam("rtpproxy", "rtpproxy_sock", "${sock}")
modparam("rtpproxy", "rtpproxy_timeout", "0.2")
modparam("rtpproxy", "rtpproxy_retr", 2)
${extra}`;
}

async function withFake(options: FakeRtpproxyOptions, body: (fake: FakeRtpproxy) => Promise<void>): Promise<void> {
  const fake = await startFakeRtpproxy(options);
  try {
    await body(fake);
  } finally {
    await fake.close();
  }
}

/** Offers on INVITEs with `offerArgs`, answers the 200 with `answerArgs`. */
const offerAnswerRoutes = (offerArgs = "", answerArgs = ""): string => `
route {
	if (is_method("INVITE")) {
		rtpproxy_offer(${offerArgs});
		xlog("offer: $rc\\n");
		t_on_reply("answer");
	}
	t_relay();
}
onreply_route[answer] {
	if ($rs == 200) {
		rtpproxy_answer(${answerArgs});
		xlog("answer: $rc\\n");
	}
}
`;

test("offer: the U command carries the source address, the m= port, the tags; the relayed SDP has rtpproxy's address and port and the marker", async () => {
  await withFake({}, async (fake) => {
    const run = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`)}${offerAnswerRoutes()}`, "3.6", [rtpproxy]);
    await run.send(invite(SDP));
    assert.deepEqual(run.logs(), ["offer: 1"]);
    assert.deepEqual(await fake.commands(), [...VERSION_QUERIES, "Uc0,8,101 call-1@10.0.0.1 10.0.0.1 49170 alice-tag;1"]);
    const relayed = bodyOf(run.env.requests[0]!.text);
    assert.equal(
      relayed,
      SDP.replace("c=IN IP4 192.168.1.20", "c=IN IP4 192.0.2.10").replace("m=audio 49170", "m=audio 40000") + "a=nortpproxy:yes\r\n",
    );
    assert.match(run.env.requests[0]!.text, new RegExp(`Content-Length: ${Buffer.byteLength(relayed)}\r\n`));
    assert.deepEqual(errors(run), []);
  });
});

test("answer on the 200 in an onreply_route: the L command has the callee's address and both tags; the 200 goes upstream rewritten", async () => {
  await withFake({ firstPort: 41000 }, async (fake) => {
    const run = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`)}${offerAnswerRoutes()}`, "3.6", [rtpproxy]);
    await run.send(invite(SDP));
    await run.send(replyWithBody(run.env.requests[0]!.text, 200, "OK", ANSWER_SDP));
    assert.deepEqual(run.logs(), ["offer: 1", "answer: 1"]);
    assert.deepEqual(await fake.sessionCommands(), [
      "Uc0,8,101 call-1@10.0.0.1 10.0.0.1 49170 alice-tag;1",
      "Lc0 call-1@10.0.0.1 10.0.0.2 3456 alice-tag;1 bob-tag;1",
    ]);
    const upstream = run.env.replies.find((r) => r.code === 200)!;
    assert.equal(bodyOf(upstream.text), ANSWER_SDP.replace("c=IN IP4 172.16.5.5", "c=IN IP4 192.0.2.10").replace("m=audio 3456", "m=audio 41002") + "a=nortpproxy:yes\r\n");
  });
});

const TWO_MEDIA_SDP =
  "v=0\r\n" +
  "o=alice 1 1 IN IP4 192.168.1.20\r\n" +
  "s=-\r\n" +
  "c=IN IP4 192.168.1.20\r\n" +
  "t=0 0\r\n" +
  "m=audio 49170 RTP/AVP 0\r\n" +
  "a=rtcp:49171 IN IP4 192.168.1.20\r\n" +
  "m=video 51372 RTP/AVP 31 34\r\n" +
  "c=IN IP4 192.168.1.21\r\n" +
  "m=message 5000 TCP/MSRP *\r\n" +
  "m=audio 0 RTP/AVP 0\r\n";

test("two media lines: one command each, numbered; ports, a=rtcp and both c= lines rewritten; other protocols and port 0 left alone", async () => {
  await withFake({}, async (fake) => {
    const run = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`)}${offerAnswerRoutes('"r"')}`, "3.6", [rtpproxy]);
    await run.send(invite(TWO_MEDIA_SDP));
    assert.deepEqual(run.logs(), ["offer: 1"]);
    assert.deepEqual(await fake.sessionCommands(), [
      "Uc0 call-1@10.0.0.1 192.168.1.20 49170 alice-tag;1",
      "Uc31,34 call-1@10.0.0.1 192.168.1.21 51372 alice-tag;2",
    ]);
    assert.equal(
      bodyOf(run.env.requests[0]!.text),
      "v=0\r\n" +
        "o=alice 1 1 IN IP4 192.168.1.20\r\n" +
        "s=-\r\n" +
        "c=IN IP4 192.0.2.10\r\n" +
        "t=0 0\r\n" +
        "m=audio 40000 RTP/AVP 0\r\n" +
        "a=rtcp:40001 IN IP4 192.0.2.10\r\n" +
        "m=video 40002 RTP/AVP 31 34\r\n" +
        "c=IN IP4 192.0.2.10\r\n" +
        "m=message 5000 TCP/MSRP *\r\n" +
        "m=audio 0 RTP/AVP 0\r\n" +
        "a=nortpproxy:yes\r\n",
    );
  });
});

test("flags: a, i/e, s/w and unknown letters become modifiers; c rewrites the session c= too, o the o= address; ip_address replaces rtpproxy's", async () => {
  await withFake({}, async (fake) => {
    const run = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`)}${offerAnswerRoutes('"aeiwcox", "203.0.113.7"')}`, "3.6", [rtpproxy]);
    await run.send(invite(TWO_MEDIA_SDP.replace("m=message 5000 TCP/MSRP *\r\nm=audio 0 RTP/AVP 0\r\n", "").replace("a=rtcp:49171 IN IP4 192.168.1.20\r\n", "c=IN IP4 192.168.1.22\r\n")));
    assert.deepEqual(run.logs(), ["offer: 1"]);
    assert.deepEqual(await fake.sessionCommands(), [
      "UAEISxc0 call-1@10.0.0.1 192.168.1.22 49170 alice-tag;1",
      "UAEISxc31,34 call-1@10.0.0.1 192.168.1.21 51372 alice-tag;2",
    ]);
    assert.equal(
      bodyOf(run.env.requests[0]!.text),
      "v=0\r\n" +
        "o=alice 1 1 IN IP4 203.0.113.7\r\n" +
        "s=-\r\n" +
        "c=IN IP4 203.0.113.7\r\n" +
        "t=0 0\r\n" +
        "m=audio 40000 RTP/AVP 0\r\n" +
        "c=IN IP4 203.0.113.7\r\n" +
        "m=video 40002 RTP/AVP 31 34\r\n" +
        "c=IN IP4 203.0.113.7\r\n" +
        "a=nortpproxy:yes\r\n",
    );
    assert.ok(run.env.events.some((e) => e.event === "log" && e.level === "WARNING" && e.text.includes("unknown option `x'")));
  });
});

test("without the c flag a medium's own c= is rewritten and the session c= is not", async () => {
  await withFake({}, async (fake) => {
    const sdp = SDP.replace("a=rtpmap:0 PCMU/8000\r\n", "c=IN IP4 192.168.1.30\r\n");
    const run = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`)}${offerAnswerRoutes('"r"')}`, "3.6", [rtpproxy]);
    await run.send(invite(sdp));
    assert.deepEqual(await fake.sessionCommands(), ["Uc0,8,101 call-1@10.0.0.1 192.168.1.30 49170 alice-tag;1"]);
    assert.equal(bodyOf(run.env.requests[0]!.text), sdp.replace("c=IN IP4 192.168.1.30", "c=IN IP4 192.0.2.10").replace("49170", "40000") + "a=nortpproxy:yes\r\n");
  });
});

test("a body already carrying the marker is not relayed (-1, no command) unless f is given; then no second marker", async () => {
  await withFake({}, async (fake) => {
    const marked = `${SDP}a=nortpproxy:yes\r\n`;
    const run = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`)}${offerAnswerRoutes()}`, "3.6", [rtpproxy]);
    await run.send(invite(marked));
    assert.deepEqual(run.logs(), ["offer: -1"]);
    assert.equal(bodyOf(run.env.requests[0]!.text), marked);
    assert.deepEqual(await fake.sessionCommands(), []);
    const forced = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`)}${offerAnswerRoutes('"f"')}`, "3.6", [rtpproxy]);
    await forced.send(invite(marked));
    assert.deepEqual(forced.logs(), ["offer: 1"]);
    assert.equal(bodyOf(forced.env.requests[0]!.text), marked.replace("c=IN IP4 192.168.1.20", "c=IN IP4 192.0.2.10").replace("49170", "40000"));
  });
});

test("nortpproxy_str sets the marker line; an empty one adds and checks none", async () => {
  await withFake({}, async (fake) => {
    const custom = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`, 'modparam("rtpproxy", "nortpproxy_str", "a=sdpmangled:yes\\r\\n")')}${offerAnswerRoutes()}`, "3.6", [rtpproxy]);
    await custom.send(invite(SDP));
    assert.ok(bodyOf(custom.env.requests[0]!.text).endsWith("a=rtpmap:101 telephone-event/8000\r\na=sdpmangled:yes\r\n"));
    const none = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`, 'modparam("rtpproxy", "nortpproxy_str", "")')}${offerAnswerRoutes()}`, "3.6", [rtpproxy]);
    await none.send(invite(`${SDP}a=nortpproxy:yes\r\n`));
    assert.deepEqual(none.logs(), ["offer: 1"]);
    assert.ok(bodyOf(none.env.requests[0]!.text).endsWith("a=rtpmap:101 telephone-event/8000\r\na=nortpproxy:yes\r\n"));
  });
});

test("an E reply: -1 and an ERROR naming it; the message keeps its SDP", async () => {
  await withFake({ errors: { U: "E71" } }, async (fake) => {
    const run = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`)}${offerAnswerRoutes()}`, "3.6", [rtpproxy]);
    await run.send(invite(SDP));
    assert.deepEqual(run.logs(), ["offer: -1"]);
    assert.deepEqual(errors(run), ["ERROR:rtpproxy:rtpproxy_offer_answer: unhandled rtpproxy error: 71"]);
    assert.equal(bodyOf(run.env.requests[0]!.text), SDP);
  });
});

test("no rtpproxy listening: -1 at once, the node disabled, ERRORs naming the proxy", async () => {
  const dead = await startFakeRtpproxy();
  const port = dead.port;
  await dead.close();
  const run = await startScript(`${settings(`udp:127.0.0.1:${port}`)}${offerAnswerRoutes()}`, "3.6", [rtpproxy]);
  const start = performance.now();
  await run.send(invite(SDP));
  assert.ok(performance.now() - start < 1000);
  assert.deepEqual(run.logs(), ["offer: -1"]);
  assert.deepEqual(errors(run), [
    "ERROR:rtpproxy:send_rtpp_command: can't read reply from a RTP proxy (ECONNREFUSED)",
    `ERROR:rtpproxy:send_rtpp_command: proxy <udp:127.0.0.1:${port}> does not respond, disable it`,
    "ERROR:rtpproxy:rtpproxy_offer_answer: no available proxies",
  ]);
});

test("a proxy that does not answer: -1 after rtpproxy_timeout × rtpproxy_retr, with the timeout logged", async () => {
  await withFake({ silent: ["U"] }, async (fake) => {
    const run = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`)}${offerAnswerRoutes()}`, "3.6", [rtpproxy]);
    const start = performance.now();
    await run.send(invite(SDP));
    const elapsed = performance.now() - start;
    assert.ok(elapsed >= 380 && elapsed < 1500, `took ${elapsed} ms`);
    assert.deepEqual(run.logs(), ["offer: -1"]);
    assert.deepEqual(errors(run), [
      "ERROR:rtpproxy:send_rtpp_command: timeout waiting reply from a RTP proxy",
      `ERROR:rtpproxy:send_rtpp_command: proxy <udp:127.0.0.1:${fake.port}> does not respond, disable it`,
      "ERROR:rtpproxy:rtpproxy_offer_answer: no available proxies",
    ]);
    const sent = ["Uc0,8,101 call-1@10.0.0.1 10.0.0.1 49170 alice-tag;1", "Uc0,8,101 call-1@10.0.0.1 10.0.0.1 49170 alice-tag;1"];
    assert.deepEqual(await fake.sessionCommands(), sent);
    await run.send(invite(SDP));
    assert.deepEqual(run.logs(), ["offer: -1", "offer: -1"]);
    assert.deepEqual(await fake.sessionCommands(), sent, "the disabled node is left alone for rtpproxy_disable_tout");
  });
});

test("unforce sends D with the Call-ID and both tags to the set named; an unknown set is -1", async () => {
  await withFake({}, async (first) => {
    await withFake({}, async (second) => {
      const run = await startScript(
        `${settings(`udp:127.0.0.1:${first.port}`, `modparam("rtpproxy", "rtpproxy_sock", "1 == udp:127.0.0.1:${second.port}")`)}
route {
	rtpproxy_unforce(1, $var(node));
	xlog("set 1: $rc $var(node)\\n");
	rtpproxy_unforce();
	xlog("default: $rc\\n");
	rtpproxy_unforce(7);
	xlog("set 7: $rc\\n");
}`,
        "3.6",
        [rtpproxy],
      );
      await run.send(request("BYE", { toTag: "bob-tag" }));
      assert.deepEqual(run.logs(), [`set 1: 1 udp:127.0.0.1:${second.port}`, "default: 1", "set 7: -1"]);
      assert.deepEqual(await second.sessionCommands(), ["D call-1@10.0.0.1 alice-tag bob-tag"]);
      assert.deepEqual(await first.sessionCommands(), ["D call-1@10.0.0.1 alice-tag bob-tag"]);
      assert.deepEqual(errors(run), ["ERROR:rtpproxy:rtpproxy_unforce: cannot find any available rtpproxy engine in set 7"]);
    });
  });
});

test("sock_var gets the node, ret_var the relayed address; with body the variable's SDP is rewritten (session c= only with c) and the message is not", async () => {
  await withFake({}, async (fake) => {
    const run = await startScript(
      `${settings(`udp:127.0.0.1:${fake.port}`)}
route {
	$var(sdp) = $rb;
	rtpproxy_offer("r", , , $var(node), $var(relayed), $var(sdp));
	xlog("rc=$rc node=$var(node) relayed=$var(relayed)\\n");
	$var(with_c) = $rb;
	rtpproxy_offer("rc", , , , , $var(with_c));
	t_relay();
}`,
      "3.6",
      [rtpproxy],
    );
    const sdp = SDP.slice(0, -2);
    await run.send(invite(sdp));
    assert.deepEqual(run.logs(), [`rc=1 node=udp:127.0.0.1:${fake.port} relayed=192.0.2.10:40000`]);
    assert.equal(bodyOf(run.env.requests[0]!.text), sdp);
    const withoutC = sdp.replace("m=audio 49170", "m=audio 40000") + "a=nortpproxy:yes\r\n";
    const withC = sdp.replace("m=audio 49170", "m=audio 40002").replace("c=IN IP4 192.168.1.20", "c=IN IP4 192.0.2.10") + "a=nortpproxy:yes\r\n";
    const run2 = await startScript(
      `${settings(`udp:127.0.0.1:${fake.port}`)}
route {
	$var(sdp) = $rb;
	rtpproxy_offer("r", , , , , $var(sdp));
	$var(with_c) = $rb;
	rtpproxy_offer("rc", , , , , $var(with_c));
	xlog("$var(sdp)|$var(with_c)\\n");
}`,
      "3.6",
      [rtpproxy],
    );
    await run2.send(invite(sdp));
    assert.deepEqual(run2.logs(), [`${withoutC.replace("40000", "40004")}|${withC.replace("40002", "40006")}`]);
  });
});

test("the l flag looks the session up (L, to-tag side first, dummy without one); z and t go to a node that can; k keeps the body", async () => {
  await withFake({}, async (fake) => {
    const run = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`)}${offerAnswerRoutes('"lz20t30k"')}`, "3.6", [rtpproxy]);
    await run.send(invite(SDP));
    assert.deepEqual(run.logs(), ["offer: 1"]);
    assert.deepEqual(await fake.sessionCommands(), ["LZ20c0,8,101t30 call-1@10.0.0.1 10.0.0.1 49170 dummy;1 alice-tag;1"]);
    assert.equal(bodyOf(run.env.requests[0]!.text), SDP);
  });
});

test("a multipart body: only its application/sdp part is relayed", async () => {
  await withFake({}, async (fake) => {
    const part = (type: string, content: string): string => `--b1\r\nContent-Type: ${type}\r\n\r\n${content}\r\n`;
    const multipart = (sdp: string): string => `${part("application/sdp", sdp)}${part("application/isup", "c=IN IP4 10.9.9.9")}--b1--\r\n`;
    const run = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`)}${offerAnswerRoutes()}`, "3.6", [rtpproxy]);
    await run.send(invite(multipart(SDP), "Content-Type: multipart/mixed;boundary=b1\r\n"));
    assert.deepEqual(run.logs(), ["offer: 1"]);
    assert.equal(bodyOf(run.env.requests[0]!.text), multipart(SDP.replace("c=IN IP4 192.168.1.20", "c=IN IP4 192.0.2.10").replace("49170", "40000") + "a=nortpproxy:yes\r\n"));
  });
});

test("rtpproxy_answer on a request without a to-tag is -1 and sends nothing", async () => {
  await withFake({}, async (fake) => {
    const run = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`)}\nroute { rtpproxy_answer(); xlog("rc=$rc\\n"); }`, "3.6", [rtpproxy]);
    await run.send(invite(SDP));
    assert.deepEqual(run.logs(), ["rc=-1"]);
    assert.deepEqual(await fake.sessionCommands(), []);
  });
});

test("media on hold (c=0.0.0.0) keep their null address; the port is relayed", async () => {
  await withFake({}, async (fake) => {
    const hold = SDP.replace("c=IN IP4 192.168.1.20", "c=IN IP4 0.0.0.0");
    const run = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`)}${offerAnswerRoutes('"r"')}`, "3.6", [rtpproxy]);
    await run.send(invite(hold));
    assert.deepEqual(await fake.sessionCommands(), ["Uc0,8,101 call-1@10.0.0.1 0.0.0.0 49170 alice-tag;1"]);
    assert.equal(bodyOf(run.env.requests[0]!.text), hold.replace("49170", "40000") + "a=nortpproxy:yes\r\n");
  });
});

test("an IPv6 medium: the 6 modifier, and the c= line switched to rtpproxy's IPv4 address", async () => {
  await withFake({}, async (fake) => {
    const v6 = SDP.replace("c=IN IP4 192.168.1.20", "c=IN IP6 2001:db8::20");
    const run = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`)}${offerAnswerRoutes('"r"')}`, "3.6", [rtpproxy]);
    await run.send(invite(v6));
    assert.deepEqual(await fake.sessionCommands(), ["U6c0,8,101 call-1@10.0.0.1 2001:db8::20 49170 alice-tag;1"]);
    assert.equal(bodyOf(run.env.requests[0]!.text), v6.replace("c=IN IP6 2001:db8::20", "c=IN IP4 192.0.2.10").replace("49170", "40000") + "a=nortpproxy:yes\r\n");
  });
});

test("a unix control socket: commands without a cookie", async () => {
  const path = join(workDir, "rtpproxy.sock");
  await withFake({ unixPath: path }, async (fake) => {
    const run = await startScript(`${settings(`unix:${path}`)}${offerAnswerRoutes()}`, "3.6", [rtpproxy]);
    await run.send(invite(SDP));
    assert.deepEqual(run.logs(), ["offer: 1"]);
    assert.deepEqual(await fake.sessionCommands(), ["Uc0,8,101 call-1@10.0.0.1 10.0.0.1 49170 alice-tag;1"]);
    assert.match(bodyOf(run.env.requests[0]!.text), /^m=audio 40000 RTP\/AVP 0 8 101\r$/m);
  });
});

test("a set with a dead node: the live node takes the call", async () => {
  const dead = await startFakeRtpproxy();
  const deadPort = dead.port;
  await dead.close();
  await withFake({}, async (fake) => {
    const run = await startScript(`${settings(`udp:127.0.0.1:${deadPort}=3 udp:127.0.0.1:${fake.port}=1`)}${offerAnswerRoutes()}`, "3.6", [rtpproxy]);
    await run.send(invite(SDP));
    assert.deepEqual(run.logs(), ["offer: 1"]);
    assert.deepEqual(await fake.sessionCommands(), ["Uc0,8,101 call-1@10.0.0.1 10.0.0.1 49170 alice-tag;1"]);
  });
});

test("the prompts: P to the caller, S to stop it; towards the callee a to-tag is needed", async () => {
  await withFake({}, async (fake) => {
    const run = await startScript(
      `${settings(`udp:127.0.0.1:${fake.port}`)}
route {
	rtpproxy_stream2uac("/prompts/welcome", 3);
	xlog("uac: $rc\\n");
	rtpproxy_stop_stream2uac();
	xlog("stop: $rc\\n");
	rtpproxy_stream2uas("/prompts/welcome", -1);
	xlog("uas: $rc\\n");
}`,
      "3.6",
      [rtpproxy],
    );
    await run.send(request("INVITE"));
    assert.deepEqual(run.logs(), ["uac: 1", "stop: 1", "uas: -1"]);
    assert.deepEqual(await fake.sessionCommands(), ["P3 call-1@10.0.0.1 /prompts/welcome session alice-tag;1", "S call-1@10.0.0.1 alice-tag;1"]);
  });
});

test("without rtpproxy_sock the module does not start: every call logs it and returns -1", async () => {
  const run = await startScript(`loadmodule "rtpproxy.so"\nroute { rtpproxy_offer(); xlog("rc=$rc\\n"); }`, "3.6", [rtpproxy]);
  await run.send(invite(SDP));
  assert.deepEqual(run.logs(), ["rc=-1"]);
  assert.deepEqual(errors(run), ["ERROR:rtpproxy:mod_init: no rtpproxy set specified", "ERROR:rtpproxy:rtpproxy_offer: the rtpproxy module is not initialised: no rtpproxy set specified"]);
});

test("engage: the INVITE is offered, its 200 answered before it goes upstream, a BYE deletes the session", async () => {
  await withFake({}, async (fake) => {
    const run = await startScript(
      `${settings(`udp:127.0.0.1:${fake.port}`, 'loadmodule "dialog.so"\nloadmodule "rr.so"')}
route {
	if (has_totag()) {
		t_relay();
		exit;
	}
	rtpproxy_engage("r");
	xlog("engage: $rc\\n");
	t_relay();
}`,
      "3.6",
      [rtpproxy],
    );
    await run.send(invite(SDP));
    await run.send(replyWithBody(run.env.requests[0]!.text, 200, "OK", ANSWER_SDP));
    await run.send(request("BYE", { toTag: "bob-tag", cseq: 2, branch: "z9hG4bK-bye" }));
    assert.deepEqual(run.logs(), ["engage: 1"]);
    assert.deepEqual(await fake.sessionCommands(), [
      "Uc0,8,101 call-1@10.0.0.1 192.168.1.20 49170 alice-tag;1",
      "Lc0 call-1@10.0.0.1 172.16.5.5 3456 alice-tag;1 bob-tag;1",
      "D call-1@10.0.0.1 alice-tag bob-tag",
    ]);
    const upstream = run.env.replies.find((r) => r.code === 200)!;
    assert.equal(bodyOf(upstream.text), ANSWER_SDP.replace("c=IN IP4 172.16.5.5", "c=IN IP4 192.0.2.10").replace("m=audio 3456", "m=audio 40002") + "a=nortpproxy:yes\r\n");
  });
});

test("engage: a rejected INVITE deletes the session; without the dialog module engage is -1", async () => {
  await withFake({}, async (fake) => {
    const route = `route { rtpproxy_engage(); xlog("engage: $rc\\n"); t_relay(); }`;
    const run = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`, 'loadmodule "dialog.so"')}${route}`, "3.6", [rtpproxy]);
    await run.send(invite(SDP));
    await run.send(replyTo(run.env.requests[0]!.text, 486, "Busy Here"));
    assert.deepEqual(await fake.sessionCommands(), ["Uc0,8,101 call-1@10.0.0.1 10.0.0.1 49170 alice-tag;1", "D call-1@10.0.0.1 alice-tag bob-tag"]);
    const withoutDialog = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`)}${route}`, "3.6", [rtpproxy]);
    await withoutDialog.send(invite(SDP));
    assert.deepEqual(withoutDialog.logs(), ["engage: -1"]);
    assert.deepEqual(errors(withoutDialog), ["ERROR:rtpproxy:rtpproxy_engage: the dialog module is needed by rtpproxy_engage", "ERROR:rtpproxy:rtpproxy_engage: error creating dialog"]);
  });
});

test("engage without SDP in the INVITE: the 200's SDP is the offer (U, callee's tag first)", async () => {
  await withFake({}, async (fake) => {
    const run = await startScript(`${settings(`udp:127.0.0.1:${fake.port}`, 'loadmodule "dialog.so"')}route { rtpproxy_engage(); t_relay(); }`, "3.6", [rtpproxy]);
    await run.send(request("INVITE"));
    await run.send(replyWithBody(run.env.requests[0]!.text, 200, "OK", ANSWER_SDP));
    assert.deepEqual(await fake.sessionCommands(), ["Uc0 call-1@10.0.0.1 10.0.0.2 3456 bob-tag;1 alice-tag;1"]);
    assert.match(bodyOf(run.env.replies.find((r) => r.code === 200)!.text), /^m=audio 40000 RTP\/AVP 0\r$/m);
  });
});

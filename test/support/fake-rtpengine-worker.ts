/**
 * The thread of a fake rtpengine (fake-rtpengine.ts): an ng server on a UDP port of 127.0.0.1
 * that records every command it decodes and answers as its current behaviour says. It runs in
 * its own thread because the script's thread sleeps while a command is in flight.
 */
import { createSocket } from "node:dgram";
import { parentPort } from "node:worker_threads";
import { decodeBencode, encodeBencode, isBencodeDict, type Bencoded, type BencodeDict } from "../../runtime/modules/rtpengine-bencode.ts";
import type { FakeBehaviour, FakeControl, FakeEvent } from "./fake-rtpengine.ts";

/** The statistics a delete or a query gets: two SSRCs with their MOS sections. */
const STATS: [string, Bencoded][] = [
  ["created", 1700000000],
  [
    "totals",
    new Map<string, Bencoded>([
      ["RTP", new Map<string, Bencoded>([["bytes", 16000], ["packets", 100], ["errors", 0]])],
      ["RTCP", new Map<string, Bencoded>([["bytes", 640], ["packets", 8], ["errors", 1]])],
    ]),
  ],
  [
    "SSRC",
    new Map<string, Bencoded>([
      ["1234", mosSection(43, 41, 44, 1700000005, 1700000009)],
      ["5678", mosSection(39, 35, 42, 1700000003, 1700000012)],
    ]),
  ],
];

function mosSection(average: number, lowest: number, highest: number, lowAt: number, highAt: number): BencodeDict {
  const section = (mos: number, at: number): BencodeDict => new Map<string, Bencoded>([["MOS", mos], ["jitter", mos - 30], ["reported at", at]]);
  return new Map<string, Bencoded>([
    ["average MOS", section(average, 0)],
    ["lowest MOS", section(lowest, lowAt)],
    ["highest MOS", section(highest, highAt)],
  ]);
}

/** rtpengine's rewrite, simplified: the media address becomes `address`, the audio port 30000. */
function anchored(sdp: string, address: string): string {
  return sdp
    .replace(/^(o=\S+ \S+ \S+ IN IP4 )\S+/gm, `$1${address}`)
    .replace(/^(c=IN IP4 )\S+/gm, `$1${address}`)
    .replace(/^(m=audio )[0-9]+/gm, "$130000");
}

function okReply(command: BencodeDict, address: string): BencodeDict {
  const name = command.get("command");
  const sdp = command.get("sdp");
  const entries: [string, Bencoded][] = [["result", "ok"]];
  if ((name === "offer" || name === "answer") && typeof sdp === "string") entries.push(["sdp", anchored(sdp, address)]);
  if (name === "delete" || name === "query") entries.push(...STATS);
  if (name === "play media") entries.push(["duration", 5000]);
  if (name === "stop media") entries.push(["last-frame-pos", 1234]);
  return new Map(entries);
}

/** The reply to a command; null: stay silent. */
function reply(command: BencodeDict, behaviour: FakeBehaviour): Buffer | null {
  if (behaviour.kind === "silent") return null;
  if (command.get("command") === "ping") return encodeBencode(new Map([["result", "pong"]]));
  switch (behaviour.kind) {
    case "answer":
      return encodeBencode(okReply(command, behaviour.address));
    case "error":
      return encodeBencode(new Map([["result", "error"], ["error-reason", behaviour.reason]]));
    case "garbage":
      return Buffer.from("this is not bencode");
  }
}

const port = parentPort!;
const commands: BencodeDict[] = [];
let behaviour: FakeBehaviour = { kind: "answer", address: "203.0.113.7" };
const socket = createSocket("udp4");

socket.on("message", (data, rinfo) => {
  const space = data.indexOf(0x20);
  if (space < 0) return;
  const decoded = decodeBencode(data.subarray(space + 1));
  if (!decoded.ok || !isBencodeDict(decoded.value)) return;
  commands.push(decoded.value);
  const answer = reply(decoded.value, behaviour);
  if (answer !== null) socket.send(Buffer.concat([data.subarray(0, space + 1), answer]), rinfo.port, rinfo.address);
});

port.on("message", (control: FakeControl) => {
  let event: FakeEvent;
  if (control.type === "behave") {
    behaviour = control.behaviour;
    event = { type: "done", id: control.id };
  } else if (control.type === "commands") {
    event = { type: "commands", id: control.id, commands: commands.splice(0) };
  } else {
    socket.close();
    port.close();
    return;
  }
  port.postMessage(event);
});

socket.bind(0, "127.0.0.1", () => port.postMessage({ type: "ready", port: socket.address().port } satisfies FakeEvent));

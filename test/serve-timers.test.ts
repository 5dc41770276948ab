/**
 * The retransmission timers `serve` takes from tm's module parameters: T1, T2 and how long a
 * request is retransmitted (fr_timeout, at most timer B/F's 64·T1).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type * as rt from "../runtime/index.ts";
import { retransmitTimers } from "../runtime/env/udp-retransmit.ts";
import { scriptOf } from "./support/runtime-harness.ts";

function set(param: string, value: string | number): rt.ScriptModParam {
  return { module: "tm", param, value };
}

function timersWith(modparams: rt.ScriptModParam[]) {
  return retransmitTimers({ ...scriptOf({}), modparams });
}

test("OpenSIPS's defaults: T1 500 ms, T2 4 s, fr_timeout 5 s", () => {
  assert.deepEqual(timersWith([]), { t1: 500, t2: 4000, requestLimit: 5000 });
});

test("T1_timer, T2_timer and fr_timeout (or the older fr_timer) set them; the last value wins", () => {
  assert.deepEqual(timersWith([set("T1_timer", 100), set("t2_timer", "800"), set("fr_timeout", 2), set("fr_timeout", 3)]), {
    t1: 100,
    t2: 800,
    requestLimit: 3000,
  });
  assert.deepEqual(timersWith([set("fr_timer", 4)]).requestLimit, 4000);
});

test("retransmissions end at 64·T1 when fr_timeout is longer; non-positive or non-numeric values keep the default", () => {
  assert.deepEqual(timersWith([set("T1_timer", 50), set("fr_timeout", 30)]), { t1: 50, t2: 4000, requestLimit: 3200 });
  assert.deepEqual(timersWith([set("T1_timer", 0), set("T2_timer", -1), set("fr_timeout", "soon")]), { t1: 500, t2: 4000, requestLimit: 5000 });
});

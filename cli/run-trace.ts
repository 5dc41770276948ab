/**
 * How `opensips-ts run` prints a trace: one JSON object per line (`--json`), or readable aligned
 * lines — `msg  event    details` — which the behaviour goldens (fixtures/behaviour/*\/trace.txt)
 * also use. Both come from the same events, so a JSON trace read back renders identically.
 */
import type { TraceEvent } from "../runtime/trace.ts";

/** A trace event as `run` reports it: relays also name the method sent. */
export type RunEvent = TraceEvent | (Extract<TraceEvent, { event: "relay" }> & { readonly method: string });

const EVENT_WIDTH = 8;
const MSG_WIDTH = 2;

export function jsonLine(event: RunEvent): string {
  return JSON.stringify(event);
}

export function readableLine(event: RunEvent): string {
  const head = `${String(event.msg).padStart(MSG_WIDTH)}  ${event.event.padEnd(EVENT_WIDTH)}`;
  const detail = details(event);
  return detail === "" ? head.trimEnd() : `${head} ${detail}`;
}

function details(event: RunEvent): string {
  switch (event.event) {
    case "route":
      return event.name === null ? event.kind : `${event.kind} ${event.name}`;
    case "log":
      return `${event.level.padEnd(EVENT_WIDTH)} ${escapeControls(event.text)}`;
    case "reply":
      return `${event.code} ${event.reason}`;
    case "relay":
      return `${"method" in event ? `${event.method} ` : ""}${event.ruri} -> ${event.dst}`;
    case "suspend":
      return event.function;
    case "resume":
      return `${event.route} rc=${event.rc}`;
    case "drop":
      return "";
    case "error":
      return escapeControls(event.text);
  }
}

/** Line breaks and tabs inside a text would break the one-event-per-line layout. */
function escapeControls(text: string): string {
  return text.replace(/\r/g, "\\r").replace(/\n/g, "\\n").replace(/\t/g, "\\t");
}

/** Reads back `--json` output (one object per line); lines that are not events are skipped. */
export function parseJsonTrace(text: string): RunEvent[] {
  const events: RunEvent[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const value = JSON.parse(line) as unknown;
      if (isEvent(value)) events.push(value);
    } catch {
      continue;
    }
  }
  return events;
}

function isEvent(value: unknown): value is RunEvent {
  return typeof value === "object" && value !== null && typeof (value as { event?: unknown }).event === "string" && typeof (value as { msg?: unknown }).msg === "number";
}

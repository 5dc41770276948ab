/**
 * The dialogs the dialog module tracks, per engine: created by create_dialog() on an initial
 * INVITE, moved through their states by the replies tm sends upstream (1 unconfirmed, 2 early,
 * 3 confirmed, 4 confirmed and acknowledged, 5 deleted) and by the sequential requests matched to
 * them (ACK, BYE). Each has its variables, flags and profiles.
 */
import { createHash } from "node:crypto";
import type { EngineCore } from "../engine-core.ts";
import { FlagNames } from "../flags.ts";
import type { Value } from "../value.ts";

export const DLG_UNCONFIRMED = 1;
export const DLG_EARLY = 2;
export const DLG_CONFIRMED = 3;
export const DLG_ACKED = 4;
export const DLG_DELETED = 5;

export class Dialog {
  state = DLG_UNCONFIRMED;
  toTag: string | null = null;
  flags = 0;
  readonly vals = new Map<string, Value>();
  /** `profile\nvalue` keys. */
  readonly profiles = new Set<string>();

  constructor(
    readonly id: number,
    readonly callId: string,
    readonly fromTag: string,
    /** Seconds on the engine clock. */
    readonly start: number,
  ) {}

  /** `$DLG_did`: hash entry and id, as OpenSIPS prints them. */
  get did(): string {
    const entry = createHash("sha1").update(this.callId).digest().readUInt16BE(0) % 4096;
    return `${entry}:${this.id}`;
  }

  get active(): boolean {
    return this.state !== DLG_DELETED;
  }
}

export class DialogStore {
  readonly flagNames = new FlagNames();
  private readonly byCallId = new Map<string, Dialog[]>();
  private lastId = 0;

  create(callId: string, fromTag: string, now: number): Dialog {
    const dialog = new Dialog(++this.lastId, callId, fromTag, now);
    this.byCallId.set(callId, [...(this.byCallId.get(callId) ?? []), dialog]);
    return dialog;
  }

  /** The dialog a sequential request belongs to (either direction); null when none. */
  match(callId: string, fromTag: string | null, toTag: string | null): { dialog: Dialog; downstream: boolean } | null {
    for (const dialog of this.byCallId.get(callId) ?? []) {
      if (dialog.fromTag === fromTag && (dialog.toTag === null || dialog.toTag === toTag)) return { dialog, downstream: true };
      if (dialog.fromTag === toTag && dialog.toTag === fromTag) return { dialog, downstream: false };
    }
    return null;
  }

  /** The first dialog kept (by Call-ID, oldest first) that `test` accepts; null when none. */
  find(test: (dialog: Dialog) => boolean): Dialog | null {
    for (const dialogs of this.byCallId.values()) for (const dialog of dialogs) if (test(dialog)) return dialog;
    return null;
  }

  /** Forgets a deleted dialog. */
  remove(dialog: Dialog): void {
    const left = (this.byCallId.get(dialog.callId) ?? []).filter((d) => d !== dialog);
    if (left.length === 0) this.byCallId.delete(dialog.callId);
    else this.byCallId.set(dialog.callId, left);
  }

  /** Active dialogs, optionally only those in `profile` (with `value` when given). */
  count(profile?: string, value?: string | null): number {
    let n = 0;
    for (const dialogs of this.byCallId.values()) {
      for (const d of dialogs) if (d.active && (profile === undefined || inProfile(d, profile, value ?? null))) n++;
    }
    return n;
  }
}

export function profileKey(profile: string, value: string | null): string {
  return `${profile}\n${value ?? ""}`;
}

export function inProfile(dialog: Dialog, profile: string, value: string | null): boolean {
  if (value !== null) return dialog.profiles.has(profileKey(profile, value));
  for (const key of dialog.profiles) if (key.startsWith(`${profile}\n`)) return true;
  return false;
}

const DATA_KEY = "dialog";

export function dialogStore(engine: EngineCore): DialogStore {
  let store = engine.moduleData.get(DATA_KEY);
  if (!(store instanceof DialogStore)) {
    store = new DialogStore();
    engine.moduleData.set(DATA_KEY, store);
  }
  return store as DialogStore;
}

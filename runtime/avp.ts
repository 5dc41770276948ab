/**
 * AVPs (spec §8.5): each name is a stack of values, newest first. `[0]` is the newest value,
 * `[-1]` the oldest. Names are case-sensitive. A store belongs to one message while it is
 * processed statelessly, then to its transaction.
 *
 * A message has few AVP names and a suspended transaction keeps its store for its whole life,
 * so the names and their stacks live in one flat list (`name, stack, name, stack, …`), searched
 * in order: smaller than a Map and as fast for a handful of names.
 */
import type { Value } from "./value.ts";

/** A stack of one name's values, oldest first (so a push is an append). */
type Stack = Value[];

export class AvpStore {
  /** Null until the first AVP: most stores stay empty. */
  private list: (string | Stack)[] | null = null;

  /** The newest value, or NULL. */
  top(name: string): Value {
    const stack = this.stackOf(name);
    return stack === undefined ? null : stack[stack.length - 1]!;
  }

  /** The value at `index` (0 newest, -1 oldest), or NULL when out of range. */
  at(name: string, index: number): Value {
    const stack = this.stackOf(name);
    if (stack === undefined) return null;
    const slot = this.slot(stack, index);
    return slot < 0 ? null : stack[slot]!;
  }

  /** Every value, newest first. */
  all(name: string): Value[] {
    return [...(this.stackOf(name) ?? [])].reverse();
  }

  /** Adds a value on top (it becomes index 0). */
  push(name: string, value: Exclude<Value, null>): void {
    const stack = this.stackOf(name);
    if (stack === undefined) this.addName(name, value);
    else stack.push(value);
  }

  /** Adds a value at the bottom (it becomes index -1). */
  append(name: string, value: Exclude<Value, null>): void {
    const stack = this.stackOf(name);
    if (stack === undefined) this.addName(name, value);
    else stack.unshift(value);
  }

  /** Replaces the value at `index`; false when out of range. */
  replaceAt(name: string, index: number, value: Exclude<Value, null>): boolean {
    const stack = this.stackOf(name);
    const slot = stack === undefined ? -1 : this.slot(stack, index);
    if (slot < 0) return false;
    stack![slot] = value;
    return true;
  }

  /** Removes the value at `index` (0 = the newest); false when out of range. */
  removeAt(name: string, index: number): boolean {
    const stack = this.stackOf(name);
    const slot = stack === undefined ? -1 : this.slot(stack, index);
    if (slot < 0) return false;
    stack!.splice(slot, 1);
    if (stack!.length === 0) this.removeAll(name);
    return true;
  }

  removeAll(name: string): void {
    const at = this.positionOf(name);
    if (at >= 0) this.list!.splice(at, 2);
  }

  /** Every name with its values (newest first), in the order the names were first added. */
  entries(): [string, Value[]][] {
    const list = this.list ?? [];
    const entries: [string, Value[]][] = [];
    for (let i = 0; i < list.length; i += 2) entries.push([list[i] as string, [...(list[i + 1] as Stack)].reverse()]);
    return entries;
  }

  private stackOf(name: string): Stack | undefined {
    const at = this.positionOf(name);
    return at < 0 ? undefined : (this.list![at + 1] as Stack);
  }

  private positionOf(name: string): number {
    const list = this.list;
    if (list === null) return -1;
    for (let i = 0; i < list.length; i += 2) if (list[i] === name) return i;
    return -1;
  }

  private addName(name: string, value: Exclude<Value, null>): void {
    if (this.list === null) this.list = [name, [value]];
    else this.list.push(name, [value]);
  }

  /** The array slot of a script index (0 newest, negative from the oldest); -1 when out of range. */
  private slot(stack: readonly Value[], index: number): number {
    const slot = index >= 0 ? stack.length - 1 - index : -index - 1;
    return slot >= 0 && slot < stack.length ? slot : -1;
  }
}

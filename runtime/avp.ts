/**
 * AVPs (spec §8.5): each name is a stack of values, newest first. `[0]` is the newest value,
 * `[-1]` the oldest. Names are case-sensitive. A store belongs to one message while it is
 * processed statelessly, then to its transaction.
 */
import type { Value } from "./value.ts";

export class AvpStore {
  /** Per name, oldest first (so a push is an append). */
  private readonly stacks = new Map<string, Value[]>();

  /** The newest value, or NULL. */
  top(name: string): Value {
    const stack = this.stacks.get(name);
    return stack === undefined ? null : stack[stack.length - 1]!;
  }

  /** The value at `index` (0 newest, -1 oldest), or NULL when out of range. */
  at(name: string, index: number): Value {
    const stack = this.stacks.get(name);
    if (stack === undefined) return null;
    const slot = this.slot(stack, index);
    return slot < 0 ? null : stack[slot]!;
  }

  /** Every value, newest first. */
  all(name: string): Value[] {
    return [...(this.stacks.get(name) ?? [])].reverse();
  }

  /** Adds a value on top (it becomes index 0). */
  push(name: string, value: Exclude<Value, null>): void {
    const stack = this.stacks.get(name);
    if (stack === undefined) this.stacks.set(name, [value]);
    else stack.push(value);
  }

  /** Adds a value at the bottom (it becomes index -1). */
  append(name: string, value: Exclude<Value, null>): void {
    const stack = this.stacks.get(name);
    if (stack === undefined) this.stacks.set(name, [value]);
    else stack.unshift(value);
  }

  /** Replaces the value at `index`; false when out of range. */
  replaceAt(name: string, index: number, value: Exclude<Value, null>): boolean {
    const stack = this.stacks.get(name);
    const slot = stack === undefined ? -1 : this.slot(stack, index);
    if (slot < 0) return false;
    stack![slot] = value;
    return true;
  }

  /** Removes the value at `index` (0 = the newest); false when out of range. */
  removeAt(name: string, index: number): boolean {
    const stack = this.stacks.get(name);
    const slot = stack === undefined ? -1 : this.slot(stack, index);
    if (slot < 0) return false;
    stack!.splice(slot, 1);
    if (stack!.length === 0) this.stacks.delete(name);
    return true;
  }

  removeAll(name: string): void {
    this.stacks.delete(name);
  }

  /** Every name with its values (newest first), in the order the names were first added. */
  entries(): [string, Value[]][] {
    return [...this.stacks.keys()].map((name) => [name, this.all(name)]);
  }

  /** The array slot of a script index (0 newest, negative from the oldest); -1 when out of range. */
  private slot(stack: readonly Value[], index: number): number {
    const slot = index >= 0 ? stack.length - 1 - index : -index - 1;
    return slot >= 0 && slot < stack.length ? slot : -1;
  }
}

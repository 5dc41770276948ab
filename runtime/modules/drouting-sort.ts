/**
 * Ordering a gateway list (drouting.c's sort callbacks): N keeps the list order; W orders by
 * weight at random — each pick takes an entry with a probability proportional to its weight,
 * swapped to the front the way `weight_based_sort` does; once the weights left are all 0 the
 * rest keeps its (swapped) order. Q (quality-based, the qrouting module) is not available
 * offline: the list order is kept.
 */
import type { Ctx } from "../ctx.ts";
import { L_WARN } from "../log-level.ts";
import { SORT_QUALITY, SORT_WEIGHT, type SortAlgorithm } from "./drouting-data.ts";

function byWeight<T extends { readonly weight: number }>(items: readonly T[]): T[] {
  const order = [...items];
  for (let first = 0; first < order.length - 1; first++) {
    const rest = order.slice(first);
    const total = rest.reduce((sum, item) => sum + item.weight, 0);
    let pick = first;
    if (total > 0) {
      const r = Math.floor(total * Math.random());
      let running = 0;
      const found = rest.findIndex((item) => (running += item.weight) > r);
      pick = first + (found < 0 ? rest.length - 1 : found);
    }
    [order[first], order[pick]] = [order[pick]!, order[first]!];
  }
  return order;
}

/** The items in the order the algorithm tries them. */
export function sortDestinations<T extends { readonly weight: number }>(ctx: Ctx, items: readonly T[], sort: SortAlgorithm): T[] {
  if (sort === SORT_WEIGHT) return byWeight(items);
  if (sort === SORT_QUALITY) ctx.log(L_WARN, "WARNING:drouting:run_dr_sort_cbs: quality-based sorting (Q) needs the qrouting module - keeping the list order");
  return [...items];
}

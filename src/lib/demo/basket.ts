/**
 * Splits an order's sampled value into lines (quantity × unit_price − discount) whose net sum is
 * exactly that value in cents, so the Gamma-Gamma truth survives in the order lines.
 */
import type { Rng } from './random';
import { gamma, poisson } from './distributions';
import { PRODUCTS, MIN_PRICE, MAX_PRICE, lastAtOrBelow, firstAtOrAbove, type Product } from './catalog';

export interface OrderLine {
  readonly product: Product;
  /** Negative on return lines. */
  readonly quantity: number;
  /** Cents. */
  readonly unitPrice: number;
  /** Money off the line, cents, ≥ 0. */
  readonly discount: number;
}

/** Net value of a line in cents: quantity × unit price − discount. */
export function lineValue(line: OrderLine): number {
  return line.quantity * line.unitPrice - line.discount;
}

function pickQuantity(rng: Rng, target: number): number {
  const u = rng.float();
  let qty = u < 0.82 ? 1 : u < 0.95 ? 2 : 3;
  if (target < qty * MIN_PRICE) qty = Math.max(1, Math.floor(target / MIN_PRICE));
  return qty;
}

/**
 * Lines of an order worth `total` cents. All lines but the last take a list-priced product at or
 * just below their share (no discount); the last takes the cheapest product at or above what is
 * left, and the difference is its discount. So Σ lines = total exactly, and discounts stay small.
 */
export function basketLines(rng: Rng, total: number): OrderLine[] {
  const maxLines = Math.max(1, Math.min(8, Math.floor(total / 300)));
  const k = Math.min(maxLines, 1 + poisson(rng, 0.3 + 0.2 * Math.log1p(total / 2000)));
  // Dirichlet(1.5, …) shares, in whole cents, last share takes the rounding remainder.
  const weights: number[] = [];
  let sumWeights = 0;
  for (let j = 0; j < k; j++) {
    const w = gamma(rng, 1.5, 1);
    weights.push(w);
    sumWeights += w;
  }
  const lines: OrderLine[] = [];
  let used = 0;
  let allotted = 0;
  for (let j = 0; j < k - 1; j++) {
    const share = Math.floor((total * weights[j]) / sumWeights);
    allotted += share;
    const target = allotted - used; // this share plus whatever earlier lines left over
    const qty = pickQuantity(rng, target);
    let idx = lastAtOrBelow(Math.floor(target / qty));
    if (idx < 0) continue; // too little for any product: the value rolls on to the next line
    idx -= rng.int(Math.min(3, idx + 1)); // one of the three products nearest below, for variety
    const product = PRODUCTS[idx];
    lines.push({ product, quantity: qty, unitPrice: product.price, discount: 0 });
    used += qty * product.price;
  }
  const rest = total - used;
  if (rest <= 0) return lines; // earlier lines used the value exactly (rest is never negative)
  let qty = pickQuantity(rng, rest);
  if (rest > qty * MAX_PRICE) qty = Math.ceil(rest / MAX_PRICE);
  const product = PRODUCTS[firstAtOrAbove(Math.ceil(rest / qty))];
  lines.push({ product, quantity: qty, unitPrice: product.price, discount: qty * product.price - rest });
  return lines;
}

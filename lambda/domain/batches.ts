/** Pure: items split into request batches that stay within an API's per-request count and size limits. */

export interface BatchLimits<T> {
  /** Items a request may hold. */
  readonly maxItems: number;
  /** Bytes a request may hold, counted as the API counts them. */
  readonly maxBytes: number;
  /** An item's bytes, as the API counts them. */
  readonly sizeOf: (item: T) => number;
}

/**
 * In order, each batch as full as both limits allow. An item larger than `maxBytes` on its own goes alone in its
 * batch (the API then refuses it and says why): callers cap their items so that this does not happen.
 */
export function batches<T>(items: readonly T[], limits: BatchLimits<T>): T[][] {
  const result: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = limits.sizeOf(item);
    if (current.length > 0 && (current.length >= limits.maxItems || bytes + size > limits.maxBytes)) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}

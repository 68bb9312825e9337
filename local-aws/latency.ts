/** A fixed or uniformly random (seeded) delay in milliseconds. */
import type { Random } from './prng';

export type Latency = number | { readonly min: number; readonly max: number };

export function sampleLatency(latency: Latency | undefined, random: Random): number {
  if (latency === undefined) return 0;
  if (typeof latency === 'number') return Math.max(0, latency);
  const { min, max } = latency;
  return Math.max(0, min + random() * Math.max(0, max - min));
}

/**
 * Token-bucket rate limiting per (rule, region, service): each bucket holds up to `burst` tokens and refills at
 * `ratePerSecond`. The first rule that matches a request decides; an empty bucket answers the service's
 * throttling error.
 */
import type { ServiceName } from './protocols/service-name';

export interface RateLimitRule {
  /** @default '*' */
  readonly service?: ServiceName | '*';
  /** @default '*' */
  readonly region?: string;
  /** Limit only this action (bucket still per region and service). @default '*' */
  readonly action?: string;
  readonly ratePerSecond: number;
  readonly burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export type Clock = () => number;

export class RateLimiter {
  private rules: readonly RateLimitRule[] = [];
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    rules: readonly RateLimitRule[] = [],
    private readonly clock: Clock = () => performance.now(),
  ) {
    this.set(rules);
  }

  /** Replaces the rules; every bucket starts full again. */
  set(rules: readonly RateLimitRule[]): void {
    this.rules = [...rules];
    this.buckets.clear();
  }

  /** Takes a token; false when the request must be throttled. */
  tryTake(service: ServiceName, region: string, action: string): boolean {
    const i = this.rules.findIndex(
      (r) =>
        (r.service === undefined || r.service === '*' || r.service === service) &&
        (r.region === undefined || r.region === '*' || r.region === region) &&
        (r.action === undefined || r.action === '*' || r.action === action),
    );
    if (i < 0) return true;
    const rule = this.rules[i]!;
    const key = `${i}|${region}|${service}`;
    const now = this.clock();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: rule.burst, updatedAt: now };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(rule.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rule.ratePerSecond);
      bucket.updatedAt = now;
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}

/** Ready-made limits for benchmarks and scale tests (buckets are per region and service). */
export const RATE_LIMIT_PRESETS = {
  /** 50 requests/s, burst 100, for every service. */
  default: [{ ratePerSecond: 50, burst: 100 }],
  /** ELB and ELBv2 describes at 10/s burst 40 (closer to what AWS enforces); everything else 50/s burst 100. */
  realistic: [
    { service: 'elb', ratePerSecond: 10, burst: 40 },
    { service: 'elbv2', ratePerSecond: 10, burst: 40 },
    { ratePerSecond: 50, burst: 100 },
  ],
} as const satisfies Record<string, readonly RateLimitRule[]>;

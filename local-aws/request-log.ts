/** The server's record of every request it received, with counting helpers. */
import type { FaultKind } from './faults';
import type { ServiceName } from './protocols/service-name';

export interface RequestRecord {
  readonly service: ServiceName;
  readonly action: string;
  readonly region: string;
  /** The account whose estate answered (chosen by the caller's access key id). */
  readonly accountId?: string;
  /** Decoded form fields (query protocols) or query-string parameters (CloudFront). */
  readonly params: Readonly<Record<string, string>>;
  /** HTTP status answered; 0 when the connection was reset. */
  readonly status: number;
  /** Error code answered, if any. */
  readonly errorCode?: string;
  /** The injected fault or `'rate-limit'`, if any. */
  readonly fault?: FaultKind | 'rate-limit';
  /** Arrival time, epoch milliseconds. */
  readonly at: number;
  /** Time from arrival to the response being written (including injected latency). */
  readonly durationMs: number;
}

export type RequestFilter = Partial<
  Pick<RequestRecord, 'service' | 'action' | 'region' | 'status' | 'errorCode' | 'fault'>
>;
export type CountKey = 'service' | 'action' | 'region' | 'status' | 'errorCode' | 'serviceAction';

export function matchesFilter(r: RequestRecord, filter: RequestFilter): boolean {
  for (const [k, v] of Object.entries(filter)) {
    if (v !== undefined && r[k as keyof RequestFilter] !== v) return false;
  }
  return true;
}

/** Counts requests grouped by a field (`serviceAction` gives `elbv2:DescribeListeners`). */
export function countRequests(
  records: readonly RequestRecord[],
  key: CountKey,
  filter: RequestFilter = {},
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) {
    if (!matchesFilter(r, filter)) continue;
    const k = key === 'serviceAction' ? `${r.service}:${r.action}` : String(r[key] ?? '');
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { sendOptions } from './send-options';

export interface AccountRegions {
  /** Enabled for this account (opted in, or needing no opt-in), sorted. */
  readonly enabled: string[];
  /** The partition's other regions: opt-in regions this account has not opted in to, sorted. */
  readonly notEnabled: string[];
}

/** Every region of the account's partition, enabled or not (AllRegions), so that a mistyped name can be told apart. */
export async function listRegions(client: EC2Client, abortSignal?: AbortSignal): Promise<AccountRegions> {
  const { Regions } = await client.send(new DescribeRegionsCommand({ AllRegions: true }), sendOptions(abortSignal));
  const named = (Regions ?? []).flatMap((r) => (r.RegionName ? [{ name: r.RegionName, status: r.OptInStatus }] : []));
  const names = (enabled: boolean) =>
    named
      .filter((r) => (r.status === 'not-opted-in') !== enabled)
      .map((r) => r.name)
      .sort();
  return { enabled: names(true), notEnabled: names(false) };
}

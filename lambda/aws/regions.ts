import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';

/** The regions enabled for this account (opted in, or needing no opt-in), sorted. */
export async function listEnabledRegions(client: EC2Client, abortSignal?: AbortSignal): Promise<string[]> {
  const { Regions } = await client.send(new DescribeRegionsCommand({ AllRegions: false }), { abortSignal });
  return (Regions ?? [])
    .filter((r) => r.OptInStatus !== 'not-opted-in')
    .flatMap((r) => (r.RegionName ? [r.RegionName] : []))
    .sort();
}

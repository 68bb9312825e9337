/** EC2 (EC2 query protocol, 2016-11-15): DescribeRegions. */
import { AwsError } from '../protocols/aws-error';
import { boolParam, indexedList } from '../protocols/form-params';
import { el, list } from '../protocols/xml';
import type { ServiceDefinition } from './service';

/** Regions that need opting in (AWS's list); enabled ones report `opted-in`, the rest `opt-in-not-required`. */
const OPT_IN_REGIONS = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
]);

interface RegionInfo {
  readonly regionName: string;
  readonly optInStatus: 'opt-in-not-required' | 'opted-in' | 'not-opted-in';
}

export const ec2Service: ServiceDefinition = {
  name: 'ec2',
  protocol: 'ec2',
  namespace: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  regional: true,
  actions: {
    DescribeRegions: ({ params, index }) => {
      let regions: RegionInfo[] = index.enabledRegions.map((regionName) => ({
        regionName,
        optInStatus: OPT_IN_REGIONS.has(regionName) ? 'opted-in' : 'opt-in-not-required',
      }));
      if (boolParam(params, 'AllRegions')) {
        const enabled = new Set(index.enabledRegions);
        for (const r of index.optInRegions)
          if (!enabled.has(r)) regions.push({ regionName: r, optInStatus: 'not-opted-in' });
      }
      const names = indexedList(params, 'RegionName');
      if (names.length > 0) {
        const known = new Set(regions.map((r) => r.regionName));
        const unknown = names.find((n) => !known.has(n));
        if (unknown) throw new AwsError('InvalidParameterValue', `Invalid region: ${unknown}`);
        regions = regions.filter((r) => names.includes(r.regionName));
      }
      for (let i = 1; params[`Filter.${i}.Name`] !== undefined; i++) {
        const values = indexedList(params, `Filter.${i}.Value`);
        const filter = params[`Filter.${i}.Name`];
        if (filter === 'region-name') regions = regions.filter((r) => values.includes(r.regionName));
        else if (filter === 'opt-in-status') regions = regions.filter((r) => values.includes(r.optInStatus));
        else throw new AwsError('InvalidParameterValue', `The filter '${filter}' is invalid`);
      }
      return list(
        'regionInfo',
        regions,
        (r) =>
          el('regionName', r.regionName) +
          el('regionEndpoint', `ec2.${r.regionName}.amazonaws.com`) +
          el('optInStatus', r.optInStatus),
        'item',
      );
    },
  },
};

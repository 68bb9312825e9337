import { RegionInfo } from 'aws-cdk-lib/region-info';
import fc from 'fast-check';
import {
  ACCOUNT_ID,
  didYouMean,
  regionProblems,
  isOuOrRootId,
  listOf,
  REGION_NAME,
  regionsOf,
  ROLE_NAME,
  thresholdDaysOf,
  TOPIC_ARN,
  warningDaysOf,
  warningFitsThreshold,
  wholeNumberIn,
  calendarDateOf,
  maxSnoozeDaysOf,
} from '../../contract/validation';
import { ConfigError, parseConfig } from '../../lib/config';
import { parseTagSettings, TAG_KEYS } from '../../lambda/domain/tag-settings';

/** Snoozes in these tests reach at most 90 days past this now. */
const limits = { now: new Date('2026-11-26T08:00:00Z'), maxSnoozeDays: 90 };
import { parseSettings } from '../../lambda/settings';

describe('wholeNumberIn', () => {
  test.each([
    [7, 7],
    ['7', 7],
    [' 14 ', 14],
    ['007', 7],
    ['1', 1],
    ['365', 365],
  ])('%j -> %d', (value, expected) => {
    expect(wholeNumberIn(value, 1, 365)).toBe(expected);
  });

  test.each([
    '0',
    '366',
    0,
    366,
    7.5,
    '7.5',
    '-1',
    '+7',
    '1e2',
    '0x10',
    '',
    ' ',
    'abc',
    true,
    null,
    undefined,
    [7],
    NaN,
  ])('%j is not a whole number from 1 to 365', (value) => {
    expect(wholeNumberIn(value, 1, 365)).toBeUndefined();
  });
});

describe('thresholds', () => {
  test('critical threshold: 1 to 365 days', () => {
    expect([0, 1, 365, 366].map(thresholdDaysOf)).toEqual([undefined, 1, 365, undefined]);
  });

  test('warning tier: 0 (off) to 365 days', () => {
    expect([-1, 0, 365, 366].map(warningDaysOf)).toEqual([undefined, 0, 365, undefined]);
  });

  test.each([
    [0, 365, true],
    [8, 7, true],
    [365, 364, true],
    [7, 7, false],
    [6, 7, false],
  ])('warning %d with threshold %d fits: %s', (warning, threshold, fits) => {
    expect(warningFitsThreshold(warning, threshold)).toBe(fits);
  });
});

describe('regions', () => {
  test.each(['us-east-1', 'ap-southeast-5', 'us-gov-west-1', 'cn-northwest-1', 'us-isob-east-1', 'eusc-de-east-1'])(
    'REGION_NAME accepts %s',
    (region) => {
      expect(REGION_NAME.test(region)).toBe(true);
    },
  );

  test('REGION_NAME accepts every region aws-cdk-lib knows, in every partition', () => {
    const regions = RegionInfo.regions.map((r) => r.name);
    expect(regions).toEqual(expect.arrayContaining(['us-gov-west-1', 'eusc-de-east-1', 'ap-southeast-5']));
    expect(regions.filter((r) => !REGION_NAME.test(r))).toEqual([]);
  });

  test.each([
    'US-EAST-1',
    'us-east',
    'useast1',
    'mars-1',
    'us-east-1a',
    'us_east_1',
    ' us-east-1',
    'us-east-123',
    'all',
  ])('REGION_NAME rejects %j', (value) => {
    expect(REGION_NAME.test(value)).toBe(false);
  });

  test.each([
    ['all', 'all'],
    [' all ', 'all'],
    [['all'], 'all'],
    ['us-east-1, eu-west-3,us-east-1', ['us-east-1', 'eu-west-3']],
    [
      ['eusc-de-east-1', 'us-gov-west-1'],
      ['eusc-de-east-1', 'us-gov-west-1'],
    ],
  ])('regionsOf(%j) -> %j', (value, expected) => {
    expect(regionsOf(value)).toEqual(expected);
  });

  test('regionProblems: a name that is no region gets the nearest one; a known one not enabled is named too', () => {
    const known = ['af-south-1', 'eu-west-1', 'us-east-1', 'us-west-1'];
    const enabled = ['eu-west-1', 'us-east-1', 'us-west-1'];
    expect(regionProblems(['us-eest-1', 'eu-west-1', 'af-south-1', 'moon-base-7'], known, enabled)).toEqual([
      // us-west-1 is as near (one edit) but comes later: ties go to the earlier name.
      { region: 'us-eest-1', problem: 'unknown', suggestion: 'us-east-1' },
      { region: 'af-south-1', problem: 'not-enabled' },
      { region: 'moon-base-7', problem: 'unknown' },
    ]);
    expect(regionProblems(['af-south-1'], known)).toEqual([]);
    expect(didYouMean('us-east-1')).toBe(' (did you mean us-east-1?)');
    expect(didYouMean(undefined)).toBe('');
  });

  test.each(['', ',', 'all,us-east-1', 'all,all', 'us-east-1,moon-1', 3, [1], undefined])(
    'regionsOf rejects %j',
    (value) => {
      expect(regionsOf(value)).toBeUndefined();
    },
  );
});

test('listOf: comma-separated string or string array, trimmed, blanks dropped', () => {
  expect(listOf(' a, b ,,c ')).toEqual(['a', 'b', 'c']);
  expect(listOf([' a ', ''])).toEqual(['a']);
  expect(listOf('')).toEqual([]);
  expect(listOf(['a', 1])).toBeUndefined();
  expect(listOf(5)).toBeUndefined();
});

describe('identifiers', () => {
  test.each([
    ['r-ab12', true],
    ['r-' + 'a'.repeat(32), true],
    ['ou-ab12-11111111', true],
    ['ou-ab12-' + '1'.repeat(32), true],
    ['r-ab1', false],
    ['ou-ab12-1111111', false],
    ['OU-AB12-11111111', false],
    ['ou-ab12', false],
    ['o-ab12cd34ef', false],
  ])('isOuOrRootId(%j) = %s', (id, valid) => {
    expect(isOuOrRootId(id)).toBe(valid);
  });

  test('account ids, role names, topic ARNs', () => {
    expect(['111111111111', '11111111111', '1111111111111', '11111111111a'].map((a) => ACCOUNT_ID.test(a))).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(['IamCertExpiryMonitorReader', 'a+=,.@_-', 'r'.repeat(64)].every((r) => ROLE_NAME.test(r))).toBe(true);
    expect(['', 'bad role', 'path/role', 'r'.repeat(65)].some((r) => ROLE_NAME.test(r))).toBe(false);
    expect(TOPIC_ARN.test('arn:aws-us-gov:sns:us-gov-west-1:123456789012:alerts')).toBe(true);
    expect(TOPIC_ARN.test('arn:aws:sqs:us-east-1:123456789012:alerts')).toBe(false);
  });
});

/** What each side makes of one raw value: context key, environment variable, certificate tag. */
const accepts = {
  config: (context: Record<string, unknown>): boolean => {
    try {
      parseConfig(context);
      return true;
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      return false;
    }
  },
  settings: (env: Record<string, string>): boolean => {
    try {
      parseSettings({ ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:alerts', ...env });
      return true;
    } catch {
      return false;
    }
  },
};

describe('every caller applies the same rule', () => {
  const value = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.integer({ min: -5, max: 400 }).map(String),
    fc.stringMatching(/^ ?0{0,4}[0-9]{1,3} ?$/),
  );

  test('a threshold is valid as context key, environment variable and tag alike', () => {
    fc.assert(
      fc.property(value, (raw) => {
        const config = accepts.config({ thresholdDays: raw, warningDays: '0' });
        expect(accepts.settings({ THRESHOLD_DAYS: raw, WARNING_DAYS: '0', REGIONS: 'all' })).toBe(config);
        expect(parseTagSettings({ [TAG_KEYS.thresholdDays]: raw }, limits).problems.length === 0).toBe(config);
      }),
      { numRuns: 400 },
    );
  });

  test('a warning tier is valid as context key and environment variable alike', () => {
    fc.assert(
      fc.property(
        value.filter((raw) => raw.trim() !== ''),
        fc.integer({ min: 1, max: 365 }),
        (raw, threshold) => {
          const config = accepts.config({ thresholdDays: threshold, warningDays: raw });
          expect(accepts.settings({ THRESHOLD_DAYS: String(threshold), WARNING_DAYS: raw, REGIONS: 'all' })).toBe(
            config,
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  test('a region list is valid as context key and environment variable alike', () => {
    const region = fc.constantFrom('all', 'us-east-1', 'eusc-de-east-1', 'us-gov-west-1', 'US-EAST-1', 'moon-1', '');
    fc.assert(
      fc.property(fc.array(region, { maxLength: 3 }), fc.constantFrom(',', ', '), (items, separator) => {
        const raw = items.join(separator);
        expect(accepts.settings({ THRESHOLD_DAYS: '7', REGIONS: raw })).toBe(accepts.config({ regions: raw }));
      }),
    );
  });
});

describe('calendarDateOf', () => {
  it.each(['2026-02-31', '2027-02-29', '2026-04-31', '2026-00-10', '2026-12-32', '2026-12-31T25:00Z', '31/12/2026'])(
    '%s is no calendar date',
    (value) => expect(calendarDateOf(value)).toBeUndefined(),
  );
  it.each([
    ['2028-02-29', '2028-02-29T00:00:00.000Z'],
    ['2026-12-31T23:30:00+02:00', '2026-12-31T21:30:00.000Z'],
  ])('%s is %s', (value, iso) => expect(calendarDateOf(value)?.toISOString()).toBe(iso));
});

describe('maxSnoozeDaysOf', () => {
  it.each([
    ['90', 90],
    [1, 1],
    [365, 365],
    ['0', undefined],
    ['366', undefined],
    ['30.5', undefined],
  ])('%s -> %s', (value, expected) => expect(maxSnoozeDaysOf(value)).toBe(expected));
});

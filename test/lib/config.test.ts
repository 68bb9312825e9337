import * as fc from 'fast-check';
import {
  CONTEXT_KEYS,
  ConfigError,
  DEFAULTS,
  LOG_RETENTION_DAYS,
  type MonitorConfig,
  type OrganizationConfig,
  parseConfig,
  regionsEnvValue,
  subscribersOf,
} from '../../lib/config';
import cdkJson from '../../cdk.json';

/** The line that follows the unknown keys' errors. */
const KNOWN_KEYS = `known context keys: ${CONTEXT_KEYS.join(', ')} (and CDK's own, such as @aws-cdk/… flags)`;

/** The error lines of a failing parse (fails the test when parsing succeeds). */
function errorsOf(raw: Record<string, unknown>): readonly string[] {
  try {
    parseConfig(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).errors;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
}

describe('parseConfig defaults', () => {
  test('empty context gives the documented defaults', () => {
    expect(parseConfig({})).toEqual<MonitorConfig>({
      schedule: 'cron(0 8 * * ? *)',
      scheduleTimezone: 'UTC',
      thresholdDays: 7,
      warningDays: 30,
      maxSnoozeDays: 90,
      alertEmails: [],
      regions: 'all',
      logRetentionDays: 90,
    });
  });

  test('the defaults in cdk.json parse to the same config', () => {
    const context: Record<string, unknown> = cdkJson.context;
    expect(parseConfig(context)).toEqual(parseConfig({}));
    for (const [key, value] of Object.entries(DEFAULTS)) {
      if (key !== 'alertEmails') expect(context[key]).toEqual(value);
    }
  });

  test('null (cdk.json "key": null) means "use the default"', () => {
    expect(parseConfig({ thresholdDays: null, regions: null })).toEqual(parseConfig({}));
  });

  test('CDK feature flags and CLI keys are ignored', () => {
    expect(
      parseConfig({
        '@aws-cdk/core:newStyleStackSynthesis': true,
        'aws:cdk:enable-path-metadata': true,
        'aws-cdk:enableDiffNoFail': 'true',
      }),
    ).toEqual(parseConfig({}));
  });
});

describe('schedule', () => {
  test.each([
    'cron(0 8 * * ? *)',
    'cron(30 6 ? * MON-FRI *)',
    'cron(0 * * * ? *)',
    'cron(0 0,12 ? * MON-FRI *)',
    'cron(0 8 1,15 * ? *)',
    'cron(0 8 L * ? *)',
    'cron(0 8 ? * 2#1 *)',
    'cron(0 8 ? JAN,JUL 6L *)',
    'rate(1 day)',
    'rate(12 hours)',
    'rate(1 hour)',
  ])('accepts %s', (schedule) => {
    expect(parseConfig({ schedule }).schedule).toBe(schedule);
  });

  test.each([
    ['cron(0 8 * * *)', /6 fields.*got 5/],
    ['cron(0 8 * * * *)', /exactly one of day-of-month and day-of-week must be "\?"/],
    ['cron(0 8 ? * ? *)', /exactly one of day-of-month and day-of-week/],
    ['cron(60 8 * * ? *)', /minutes field "60": 60 is outside 0-59/],
    ['cron(0 25 * * ? *)', /hours field "25"/],
    ['cron(0 8 * 13 ? *)', /month field "13"/],
    ['cron(0 8 ? * 8 *)', /day-of-week field "8"/],
    ['cron(0 8 * * ? 1969)', /year field "1969"/],
    ['cron(? 8 * * ? *)', /"\?" is only allowed in day-of-month or day-of-week/],
    ['rate(1 days)', /use "1 day"/],
    ['rate(2 hour)', /use "2 hours"/],
    ['rate(0 minutes)', /1 or more/],
    ['rate(1 week)', /or rate\(N minute\|minutes\|hour\|hours\|day\|days\); got/],
    ['at(2030-01-01T00:00:00)', /or rate\(N minute\|minutes\|hour\|hours\|day\|days\); got/],
    ['0 8 * * ? *', /or rate\(N minute\|minutes\|hour\|hours\|day\|days\); got/],
  ])('rejects %s', (schedule, message) => {
    const errors = errorsOf({ schedule });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^schedule: expected an EventBridge Scheduler expression/);
    expect(errors[0]).toMatch(message);
    expect(errors[0]).toContain(JSON.stringify(schedule));
  });

  // Sub-hourly schedules used to be accepted.
  test.each([
    ['rate(1 minute)', 1],
    ['rate(59 minutes)', 59],
    ['cron(0/15 * * * ? *)', 15],
    ['cron(0,30 8 L * ? *)', 30],
  ])('refuses %s: it runs every %i min, more often than once an hour', (schedule, period) => {
    expect(errorsOf({ schedule })).toEqual([
      `schedule: runs every ${period} min, expected at most once an hour: days left change once a day, and a run ` +
        `may take up to 15 min (the checker's timeout), so more often only overlaps runs and adds API calls; got ` +
        JSON.stringify(schedule),
    ]);
  });

  test('rejects a non-string value from cdk.json', () => {
    expect(errorsOf({ schedule: 5 })[0]).toMatch(/^schedule: expected .* got 5$/);
  });
});

describe('scheduleTimezone', () => {
  test.each(['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo'])('accepts %s', (tz) => {
    expect(parseConfig({ scheduleTimezone: tz }).scheduleTimezone).toBe(tz);
  });
  test.each(['Mars/Olympus', 'utc+2', '', 'Europe/paris'])('rejects %j', (tz) => {
    expect(errorsOf({ scheduleTimezone: tz })).toEqual([
      `scheduleTimezone: expected an IANA time zone name such as UTC, Europe/Paris or America/New_York, got ${JSON.stringify(tz)}`,
    ]);
  });
});

describe('thresholdDays and warningDays', () => {
  test.each([
    [{ thresholdDays: '1' }, 1, 30],
    [{ thresholdDays: 14 }, 14, 30],
    [{ thresholdDays: '29' }, 29, 30],
    [{ thresholdDays: '60', warningDays: '0' }, 60, 0],
    [{ thresholdDays: '365', warningDays: 0 }, 365, 0],
    [{ warningDays: '8' }, 7, 8],
    [{ warningDays: '365' }, 7, 365],
  ])('accepts %j', (raw, threshold, warning) => {
    const config = parseConfig(raw);
    expect(config.thresholdDays).toBe(threshold);
    expect(config.warningDays).toBe(warning);
  });

  test.each(['abc', '0', '366', '7.5', '-1', '', ' ', '1e2', true])('thresholdDays rejects %j', (value) => {
    expect(errorsOf({ thresholdDays: value })).toEqual([
      `thresholdDays: expected a whole number from 1 to 365, got ${JSON.stringify(value)}`,
    ]);
  });

  test.each(['abc', '366', '-1', '2.5'])('warningDays rejects %j', (value) => {
    expect(errorsOf({ warningDays: value })).toEqual([
      `warningDays: expected 0 (off) or a whole number greater than thresholdDays and at most 365, got ${JSON.stringify(value)}`,
    ]);
  });

  test('warningDays must exceed thresholdDays (error names both keys)', () => {
    expect(errorsOf({ thresholdDays: '14', warningDays: '14' })).toEqual([
      'warningDays: expected 0 (off) or a whole number greater than thresholdDays (14) and at most 365, got "14"',
    ]);
  });

  test('a threshold above the default warning says so, naming the default', () => {
    expect(errorsOf({ thresholdDays: '45' })).toEqual([
      'warningDays: expected 0 (off) or a whole number greater than thresholdDays (45) and at most 365, got 30 (the default)',
    ]);
  });
});

describe('alertEmails', () => {
  test('comma-separated string, trimmed and de-duplicated', () => {
    expect(parseConfig({ alertEmails: ' ops@example.com, sec@example.org ,ops@example.com' }).alertEmails).toEqual([
      'ops@example.com',
      'sec@example.org',
    ]);
  });
  test('JSON array from cdk.json', () => {
    expect(parseConfig({ alertEmails: ['a@example.com'] }).alertEmails).toEqual(['a@example.com']);
  });
  test('empty string or empty array means none', () => {
    expect(parseConfig({ alertEmails: '' }).alertEmails).toEqual([]);
    expect(parseConfig({ alertEmails: [] }).alertEmails).toEqual([]);
  });
  test.each([42, [1]])('rejects %j', (value) => {
    expect(errorsOf({ alertEmails: value })).toEqual([
      `alertEmails: expected comma-separated email addresses (or a JSON array of them in cdk.json), got ${JSON.stringify(value)}`,
    ]);
  });
  const FORM = 'expected comma-separated email addresses (or a JSON array of them in cdk.json)';
  test.each([
    ['ops', `"ops" is not an email address; ${FORM}`],
    ['ok@example.com, ops@example ,sec@example.org', `"ops@example" is not an email address; ${FORM}`],
    [['ok@example.com', 'a b@example.com'], `"a b@example.com" is not an email address; ${FORM}`],
    ['ops, sec@example', `"ops", "sec@example" are not email addresses; ${FORM}`],
    [
      'a@example.com;b@example.com',
      `"a@example.com;b@example.com" is not an email address (separate addresses with commas); ${FORM}`,
    ],
  ])('%j: the bad address alone is quoted, not the list', (value, line) => {
    expect(errorsOf({ alertEmails: value })).toEqual([`alertEmails: ${line}`]);
  });
});

describe('regions', () => {
  test.each([
    ['all', 'all'],
    [' all ', 'all'],
    [['all'], 'all'],
    ['us-east-1', ['us-east-1']],
    ['us-east-1, eu-west-3,us-east-1', ['us-east-1', 'eu-west-3']],
    ['us-gov-west-1,ap-southeast-2', ['us-gov-west-1', 'ap-southeast-2']],
    // Partitions the former pattern refused: ISO regions and the AWS European Sovereign Cloud.
    ['us-isob-east-1,eu-isoe-west-1,eusc-de-east-1', ['us-isob-east-1', 'eu-isoe-west-1', 'eusc-de-east-1']],
    [['eu-central-1'], ['eu-central-1']],
  ])('accepts %j', (value, expected) => {
    expect(parseConfig({ regions: value }).regions).toEqual(expected);
  });
  test.each(['', 'ALL', 'us-east', 'US-EAST-1', 'us-east-1,all', 'useast1', ',', 3])('rejects %j', (value) => {
    const errors = errorsOf({ regions: value });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^regions: expected all, or comma-separated region names such as us-east-1,eu-west-1/);
  });
  test('refuses a well-formed name that is no region aws-cdk-lib knows, with the nearest one', () => {
    expect(errorsOf({ regions: 'eu-west-1,us-eest-1' })).toEqual([
      'regions: us-eest-1 (did you mean us-east-1?) is not a region aws-cdk-lib knows; for a region newer than ' +
        'aws-cdk-lib, upgrade aws-cdk-lib or use all; expected all, or comma-separated region names such as ' +
        'us-east-1,eu-west-1 (or a JSON array in cdk.json), got "eu-west-1,us-eest-1"',
    ]);
    expect(errorsOf({ regions: ['us-eest-1', 'mars-north-1'] })[0]).toMatch(
      /^regions: us-eest-1 \(did you mean us-east-1\?\), mars-north-1 are not regions aws-cdk-lib knows;/,
    );
  });
  test('REGIONS env value', () => {
    expect(regionsEnvValue('all')).toBe('all');
    expect(regionsEnvValue(['us-east-1', 'eu-west-1'])).toBe('us-east-1,eu-west-1');
  });
});

describe('Slack', () => {
  test('both ids -> slack config', () => {
    expect(parseConfig({ slackWorkspaceId: 'T0123ABCD', slackChannelId: 'C0123ABCD' }).slack).toEqual({
      workspaceId: 'T0123ABCD',
      channelId: 'C0123ABCD',
    });
  });
  test('neither (or blank) -> no slack', () => {
    expect(parseConfig({}).slack).toBeUndefined();
    expect(parseConfig({ slackWorkspaceId: '', slackChannelId: ' ' }).slack).toBeUndefined();
  });
  test('only one of the two is an error naming both', () => {
    expect(errorsOf({ slackWorkspaceId: 'T0123ABCD' })).toEqual([
      'slackChannelId: required when slackWorkspaceId is set (set both slackWorkspaceId and slackChannelId, or neither)',
    ]);
    expect(errorsOf({ slackChannelId: 'C0123ABCD' })).toEqual([
      'slackWorkspaceId: required when slackChannelId is set (set both slackWorkspaceId and slackChannelId, or neither)',
    ]);
  });
  test('malformed ids', () => {
    expect(errorsOf({ slackWorkspaceId: 'acme', slackChannelId: '#alerts' })).toEqual([
      'slackWorkspaceId: expected an AWS Chatbot Slack workspace id such as T0123ABCD, got "acme"',
      'slackChannelId: expected a Slack channel id such as C0123ABCD, got "#alerts"',
    ]);
  });
});

describe('logRetentionDays', () => {
  test.each(LOG_RETENTION_DAYS.map((d) => [d]))('accepts %d', (days) => {
    expect(parseConfig({ logRetentionDays: String(days) }).logRetentionDays).toBe(days);
  });
  test.each(['0', '2', '10', '3654', 'never', 'infinite'])('rejects %j', (value) => {
    expect(errorsOf({ logRetentionDays: value })[0]).toMatch(
      /^logRetentionDays: expected one of the values CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90/,
    );
  });
});

describe('reservedConcurrency', () => {
  test('off by default, and "off" says the same', () => {
    expect(parseConfig({}).reservedConcurrency).toBeUndefined();
    expect(parseConfig({ reservedConcurrency: 'off' })).toEqual(parseConfig({}));
    expect(parseConfig({ reservedConcurrency: ' off ' })).toEqual(parseConfig({}));
  });
  test.each([
    ['1', 1],
    [1, 1],
    [' 2 ', 2],
    ['1000', 1000],
  ])('accepts %j', (value, expected) => {
    expect(parseConfig({ reservedConcurrency: value }).reservedConcurrency).toBe(expected);
  });
  test.each(['0', 0, '-1', '1001', '1.5', 'on', 'none', true])('rejects %j', (value) => {
    expect(errorsOf({ reservedConcurrency: value })).toEqual([
      `reservedConcurrency: expected off, or a whole number from 1 to 1000, got ${JSON.stringify(value)}`,
    ]);
  });
  test('a typo of the key is caught', () => {
    expect(errorsOf({ reservedConcurency: '1' })).toEqual([
      'reservedConcurency: unknown context key; did you mean "reservedConcurrency"?',
      KNOWN_KEYS,
    ]);
  });
});

describe('typos and error collection', () => {
  test.each([
    ['thresholdDay', 'thresholdDays'],
    ['threshold_days', 'thresholdDays'],
    ['ThresholdDays', 'thresholdDays'],
    ['warningdays', 'warningDays'],
    ['alertEmail', 'alertEmails'],
    ['region', 'regions'],
    ['schedul', 'schedule'],
    ['scheduleTimeZone', 'scheduleTimezone'],
    ['slackChannel', 'slackChannelId'],
  ])('%s -> did you mean %s', (typo, key) => {
    expect(errorsOf({ [typo]: '1' })).toEqual([`${typo}: unknown context key; did you mean "${key}"?`, KNOWN_KEYS]);
  });

  // An unknown key is refused even when it resembles none of ours (it used to pass silently).
  test('every other key is refused by name, with the list of known keys', () => {
    expect(errorsOf({ emails: 'a@example.com', threshold: 5, timezone: 'UTC', 'a/b': 1 })).toEqual([
      'emails: unknown context key',
      'threshold: unknown context key',
      'timezone: unknown context key',
      'a/b: unknown context key',
      KNOWN_KEYS,
    ]);
  });

  test("CDK's own keys are not refused", () => {
    const cdk = {
      '@aws-cdk/core:newStyleStackSynthesis': true,
      '@aws-cdk-containers/ecs-service-extensions:enableDefaultLogDriver': true,
      'aws:cdk:enable-path-metadata': true,
      'availability-zones:account=123456789012:region=eu-west-1': ['eu-west-1a'],
      'acknowledged-issue-numbers': [12345],
      'cli-telemetry': false,
    };
    expect(parseConfig(cdk)).toEqual(parseConfig({}));
  });

  test('every error is reported in one throw', () => {
    const raw = {
      schedule: 'cron(0 8 * * *)',
      scheduleTimezone: 'Nowhere/Land',
      thresholdDays: 'abc',
      warningDays: 'x',
      alertEmails: 'nope',
      regions: 'moon-1',
      slackWorkspaceId: 'T0123ABCD',
      logRetentionDays: '2',
      thresholdDay: '7',
    };
    let error: ConfigError | undefined;
    try {
      parseConfig(raw);
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.errors.map((e) => e.split(':')[0])).toEqual([
      'schedule',
      'scheduleTimezone',
      'thresholdDays',
      'warningDays',
      'alertEmails',
      'regions',
      'slackChannelId',
      'logRetentionDays',
      'thresholdDay',
      'known context keys',
    ]);
    expect(error!.message).toMatch(/^Invalid configuration \(CDK context\):\n {2}- schedule: /);
    expect(error!.message).toContain('  - thresholdDays: expected a whole number from 1 to 365, got "abc"');
  });
});

describe('property: any string for any key', () => {
  test.each(CONTEXT_KEYS.map((k) => [k]))('%s: a valid config or an error naming the key', (key) => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.constantFrom('', ' ', '0', '1', '7', '400', 'all', 'T0123ABCD'),
        ),
        (value) => {
          try {
            const config = parseConfig({ [key]: value });
            expect(config).toBeDefined();
          } catch (e) {
            expect(e).toBeInstanceOf(ConfigError);
            const errors = (e as ConfigError).errors;
            expect(errors.length).toBeGreaterThan(0);
            for (const line of errors) expect(line).toContain(key);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test('any JSON value for any key never throws anything but a ConfigError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CONTEXT_KEYS), fc.jsonValue(), (key, value) => {
        try {
          parseConfig({ [key]: value });
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError);
          expect((e as ConfigError).message).toContain(key);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('deployment=organization', () => {
  const org = (extra: Record<string, unknown> = {}) => ({
    deployment: 'organization',
    organizationalUnits: 'r-ab12',
    ...extra,
  });

  test('account is the default and has no organization settings', () => {
    expect(parseConfig({}).organization).toBeUndefined();
    expect(parseConfig({ deployment: 'account' })).toEqual(parseConfig({}));
  });

  test('defaults of the organization keys', () => {
    expect(parseConfig(org()).organization).toEqual<OrganizationConfig>({
      organizationalUnits: ['r-ab12'],
      memberRoleName: 'IamCertExpiryMonitorReader',
      excludeAccounts: [],
      accountConcurrency: 40,
      accountsPerBatch: 50,
      lambdaConcurrencyQuota: 1000,
      accountAlertEmails: {},
      deployedAs: 'management',
      runDataRetentionDays: 30,
    });
  });

  test('every existing key keeps its meaning beside the organization keys', () => {
    const config = parseConfig(org({ thresholdDays: '14', regions: 'eu-west-1', alertEmails: 'ops@example.com' }));
    expect(config).toMatchObject({ thresholdDays: 14, regions: ['eu-west-1'], alertEmails: ['ops@example.com'] });
  });

  test('all keys given, from -c strings', () => {
    const config = parseConfig(
      org({
        organizationalUnits: 'ou-ab12-11111111, ou-ab12-22222222,ou-ab12-11111111',
        memberRoleName: 'Cert.Reader@org',
        excludeAccounts: '111111111111,222222222222',
        accountConcurrency: '40',
        accountsPerBatch: '100',
        lambdaConcurrencyQuota: '3000',
        accountAlertEmails: '{"333333333333":"a@example.com,b@example.com","444444444444":"a@example.com"}',
        deployedAs: 'delegatedAdmin',
        runDataRetentionDays: '7',
      }),
    );
    expect(config.organization).toEqual<OrganizationConfig>({
      organizationalUnits: ['ou-ab12-11111111', 'ou-ab12-22222222'],
      memberRoleName: 'Cert.Reader@org',
      excludeAccounts: ['111111111111', '222222222222'],
      accountConcurrency: 40,
      accountsPerBatch: 100,
      lambdaConcurrencyQuota: 3000,
      accountAlertEmails: { '333333333333': ['a@example.com', 'b@example.com'], '444444444444': ['a@example.com'] },
      deployedAs: 'delegatedAdmin',
      runDataRetentionDays: 7,
    });
  });

  test('JSON values from cdk.json', () => {
    const config = parseConfig(
      org({
        organizationalUnits: ['r-ab12'],
        excludeAccounts: ['111111111111'],
        accountConcurrency: 1000,
        accountsPerBatch: 20,
        lambdaConcurrencyQuota: 2000,
        accountAlertEmails: { '333333333333': ['a@example.com'] },
      }),
    );
    expect(config.organization).toMatchObject({
      excludeAccounts: ['111111111111'],
      accountConcurrency: 1000,
      accountsPerBatch: 20,
      lambdaConcurrencyQuota: 2000,
      accountAlertEmails: { '333333333333': ['a@example.com'] },
    });
  });

  test('reservedConcurrency stays off: accountConcurrency bounds the organization run', () => {
    expect(parseConfig(org({ reservedConcurrency: 'off' })).organization).toBeDefined();
    expect(errorsOf(org({ reservedConcurrency: '1' }))).toEqual([
      'reservedConcurrency: expected off with deployment=organization (accountConcurrency bounds the run), got "1"',
    ]);
  });

  test('organizationalUnits is required', () => {
    expect(errorsOf({ deployment: 'organization' })).toEqual([
      expect.stringMatching(
        /^organizationalUnits: expected comma-separated OU ids \(ou-…\) and\/or the root id \(r-…\).*required with deployment=organization, got nothing$/,
      ),
    ]);
  });

  test.each([
    ['deployment', { deployment: 'org' }, 'deployment: expected account (the default) or organization, got "org"'],
    [
      'organizationalUnits',
      org({ organizationalUnits: 'ou-AB12-1' }),
      'organizationalUnits: expected comma-separated OU ids',
    ],
    ['organizationalUnits', org({ organizationalUnits: '123456789012' }), 'organizationalUnits: expected'],
    ['memberRoleName', org({ memberRoleName: 'path/Role' }), 'memberRoleName: expected an IAM role name'],
    ['memberRoleName', org({ memberRoleName: 'x'.repeat(65) }), 'memberRoleName: expected an IAM role name'],
    [
      'excludeAccounts',
      org({ excludeAccounts: '12345' }),
      'excludeAccounts: expected comma-separated 12-digit account ids, got "12345"',
    ],
    [
      'accountConcurrency',
      org({ accountConcurrency: '0' }),
      'accountConcurrency: expected a whole number from 1 to 10000, got "0"',
    ],
    [
      'accountConcurrency',
      org({ accountConcurrency: 10_001, lambdaConcurrencyQuota: 100_000 }),
      'accountConcurrency: expected a whole number from 1 to 10000, got 10001',
    ],
    [
      'accountConcurrency',
      org({ accountConcurrency: 501 }),
      "accountConcurrency: expected at most 500 (half of the default regional quota 1000: each batch scanned at once is one Lambda invocation, and the hub's other functions share the pool; set lambdaConcurrencyQuota to your region's quota if it is higher), got 501",
    ],
    [
      'accountConcurrency',
      org({ lambdaConcurrencyQuota: '50' }),
      'accountConcurrency: expected at most 25 (half of lambdaConcurrencyQuota 50: each batch',
    ],
    [
      'accountsPerBatch',
      org({ accountsPerBatch: '0' }),
      'accountsPerBatch: expected a whole number from 1 to 200, got "0"',
    ],
    [
      'accountsPerBatch',
      org({ accountsPerBatch: 201 }),
      'accountsPerBatch: expected a whole number from 1 to 200, got 201',
    ],
    [
      'lambdaConcurrencyQuota',
      org({ lambdaConcurrencyQuota: 'lots' }),
      'lambdaConcurrencyQuota: expected a whole number from 1 to 1000000, got "lots"',
    ],
    [
      'deployedAs',
      org({ deployedAs: 'admin' }),
      'deployedAs: expected management (the default) or delegatedAdmin, got "admin"',
    ],
    [
      'runDataRetentionDays',
      org({ runDataRetentionDays: '0' }),
      'runDataRetentionDays: expected a whole number of days from 1 to 3650, got "0"',
    ],
    [
      'accountAlertEmails',
      org({ accountAlertEmails: '{"1111":"a@example.com"}' }),
      'accountAlertEmails: expected a JSON object of 12-digit account ids',
    ],
    [
      'accountAlertEmails',
      org({ accountAlertEmails: '{"111111111111":"not-an-email"}' }),
      'accountAlertEmails: expected',
    ],
    ['accountAlertEmails', org({ accountAlertEmails: 'team@example.com' }), 'accountAlertEmails: expected'],
    ['accountAlertEmails', org({ accountAlertEmails: '["a@example.com"]' }), 'accountAlertEmails: expected'],
  ])('%s: %j is rejected', (_key, raw, message) => {
    const errors = errorsOf(raw);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  test('an address in both alertEmails and accountAlertEmails, or for an excluded account, is an error', () => {
    const errors = errorsOf(
      org({
        alertEmails: 'ops@example.com',
        excludeAccounts: '111111111111',
        accountAlertEmails: { '111111111111': 'ops@example.com' },
      }),
    );
    expect(errors).toEqual([
      'accountAlertEmails: 111111111111 is in excludeAccounts, so it is never scanned; ops@example.com is also in alertEmails, whose digest already covers every account',
    ]);
  });

  test('one address for more than 150 accounts does not fit one filter policy', () => {
    const many = Object.fromEntries(
      Array.from({ length: 151 }, (_, i) => [String(100000000000 + i), 'team@example.com']),
    );
    expect(errorsOf(org({ accountAlertEmails: many }))).toEqual([
      "accountAlertEmails: team@example.com is given for 151 accounts; one subscription's filter policy holds at most 150",
    ]);
  });

  test('every bad organization key is reported at once, with the other keys', () => {
    const errors = errorsOf({
      deployment: 'organization',
      thresholdDays: 'abc',
      organizationalUnits: 'x',
      accountConcurrency: '-1',
      deployedAs: 'root',
    });
    expect(errors.map((e) => e.split(':')[0])).toEqual([
      'thresholdDays',
      'organizationalUnits',
      'accountConcurrency',
      'deployedAs',
    ]);
  });

  test('organization keys in account mode are an error naming each key', () => {
    const errors = errorsOf({ organizationalUnits: 'r-ab12', accountConcurrency: '5' });
    expect(errors).toEqual([
      'organizationalUnits: only used with deployment=organization (add -c deployment=organization, or remove organizationalUnits)',
      'accountConcurrency: only used with deployment=organization (add -c deployment=organization, or remove accountConcurrency)',
    ]);
  });

  test('a typo of an organization key is spotted', () => {
    expect(errorsOf(org({ organisationalUnits: 'r-ab12' }))).toEqual([
      'organisationalUnits: unknown context key; did you mean "organizationalUnits"?',
      KNOWN_KEYS,
    ]);
  });
});

describe('somebody is alerted (requireSubscribers, as the app parses)', () => {
  const strict = (raw: Record<string, unknown>) => parseConfig(raw, { requireSubscribers: true });
  const NOBODY =
    'nobody would be alerted: set alertEmails=you@example.com (comma-separated), or slackWorkspaceId and ' +
    'slackChannelId, or topicSubscribedElsewhere=true when you subscribe the alert topic yourself';

  test.each([{}, { alertEmails: '' }, { alertEmails: [] }, { topicSubscribedElsewhere: 'false' }])(
    'refuses %j, saying how to fix it',
    (raw) => {
      expect(() => strict(raw)).toThrow(new ConfigError([NOBODY]));
    },
  );

  test.each([
    [{ alertEmails: 'ops@example.com' }, ['email']],
    [{ slackWorkspaceId: 'T0123ABCD', slackChannelId: 'C0123ABCD' }, ['slack']],
    [{ topicSubscribedElsewhere: 'true' }, ['elsewhere']],
    [{ topicSubscribedElsewhere: true, alertEmails: 'ops@example.com' }, ['email', 'elsewhere']],
    [
      {
        deployment: 'organization',
        organizationalUnits: 'r-ab12',
        accountAlertEmails: '{"111111111111":"a@example.com"}',
      },
      ['email'],
    ],
  ])('accepts %j, whose subscribers are %j', (raw, subscribers) => {
    expect(subscribersOf(strict(raw))).toEqual(subscribers);
  });

  test('a bad Slack key is reported alone, not as "nobody would be alerted" too', () => {
    expect(() => strict({ slackWorkspaceId: 'nope' })).toThrow(/slackWorkspaceId: expected/);
    expect(() => strict({ slackWorkspaceId: 'nope' })).not.toThrow(/nobody/);
  });

  test('topicSubscribedElsewhere takes true or false only', () => {
    expect(errorsOf({ topicSubscribedElsewhere: 'yes' })).toEqual([
      'topicSubscribedElsewhere: expected true or false, got "yes"',
    ]);
  });

  test('without the option (tests of other keys) nobody need be alerted', () => {
    expect(subscribersOf(parseConfig({}))).toEqual([]);
  });
});

describe('maxSnoozeDays', () => {
  test('defaults to 90 and accepts a whole number of days from 1 to 365', () => {
    expect(parseConfig({}).maxSnoozeDays).toBe(90);
    expect(parseConfig({ maxSnoozeDays: '30' }).maxSnoozeDays).toBe(30);
    expect(parseConfig({ maxSnoozeDays: 365 }).maxSnoozeDays).toBe(365);
  });
  test.each(['0', '366', 'forever', '7.5'])('refuses %s with the accepted form', (value) => {
    expect(() => parseConfig({ maxSnoozeDays: value })).toThrow(
      `maxSnoozeDays: expected a whole number of days from 1 to 365, got ${JSON.stringify(value)}`,
    );
  });
});

/**
 * The Security Hub finding and the EventBridge event of one flagged certificate (pure): the fields AWS requires,
 * severity only through FindingProviderFields, the documented size limits held even for a hostile, huge finding,
 * the lifecycle plan, and untrusted text made inert where a person reads it.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { batches } from '../../../lambda/domain/batches';
import {
  archivedFinding,
  asffFinding,
  findingId,
  findingImports,
  MAX_DETAIL_USAGES,
  partitionOfRegion,
} from '../../../lambda/render/asff-finding';
import {
  certificateEvent,
  eventEntrySize,
  MAX_EVENT_ARN_CHARS,
  MAX_EVENT_ENTRY_BYTES,
  MAX_EVENT_STRING_CHARS,
  MAX_EVENT_USAGES,
} from '../../../lambda/render/certificate-event';
import { ACCOUNT, distributionUsage, finding, NOW, report, usage } from './support';

const ctx = { region: 'eu-west-1', partition: 'aws', now: NOW, createdAt: new Map<string, string>() };

/** A finding as large as the account could make it: 600 places, long names, 400 SANs, control characters. */
const huge = () => {
  const evil = `evil\u202e\n${'x'.repeat(300)}`;
  const usages = Array.from({ length: 600 }, (_, i) =>
    distributionUsage({
      id: `${evil}-${i}`,
      aliases: Array.from({ length: 100 }, (_, j) => `${j}.${'a'.repeat(200)}.example`),
    }),
  );
  const hostnames = Array.from({ length: 400 }, (_, i) => `${i}.${'h'.repeat(240)}.example`);
  return finding(evil, 'expired', -4, usages, { hostnames, owner: evil });
};

describe('ASFF finding', () => {
  it('has every required attribute, the default product, and severity and types only in FindingProviderFields', () => {
    const f = asffFinding(finding('shop', 'critical', 3), report([]), ctx);
    expect(f).toMatchObject({
      SchemaVersion: '2018-10-08',
      Id: `iam-cert-expiry-monitor/${ACCOUNT}/${f.Resources![0]!.Details!.Other!.certificateId}`,
      ProductArn: `arn:aws:securityhub:eu-west-1:${ACCOUNT}:product/${ACCOUNT}/default`,
      GeneratorId: 'iam-cert-expiry-monitor/iam-server-certificate-expiry',
      AwsAccountId: ACCOUNT,
      CreatedAt: NOW.toISOString(),
      UpdatedAt: NOW.toISOString(),
      FindingProviderFields: { Severity: { Label: 'HIGH', Original: 'critical' } },
      Resources: [{ Type: 'Other', Id: `arn:aws:iam::${ACCOUNT}:server-certificate/shop` }],
    });
    for (const field of [
      'Severity',
      'Types',
      'Confidence',
      'Criticality',
      'Workflow',
      'Note',
      'UserDefinedFields',
      'VerificationState',
    ])
      expect(f).not.toHaveProperty(field);
  });

  it.each([
    ['expired', 'CRITICAL'],
    ['critical', 'HIGH'],
    ['warning', 'MEDIUM'],
    ['unknown', 'LOW'],
  ] as const)('%s is %s', (severity, label) => {
    expect(
      asffFinding(finding('c', severity, severity === 'unknown' ? undefined : 3), report([]), ctx)
        .FindingProviderFields!.Severity!.Label,
    ).toBe(label);
  });

  it('keeps within ASFF limits for the largest finding the account could make, and shows no control character', () => {
    const f = asffFinding(huge(), report([]), ctx);
    const other = f.Resources![0]!.Details!.Other!;
    expect(Object.keys(other).length).toBeLessThanOrEqual(50);
    for (const [key, value] of Object.entries(other)) {
      expect(key.length).toBeLessThan(128);
      expect(value.length).toBeLessThan(1024);
    }
    expect(other.usageCount).toBe('600');
    expect(other.usagesNotListed).toBe(String(600 - MAX_DETAIL_USAGES));
    expect(Buffer.byteLength(JSON.stringify(f))).toBeLessThan(240 * 1024);
    expect(f.Title!.length).toBeLessThanOrEqual(256);
    expect(f.Description!.length).toBeLessThanOrEqual(1024);
    expect(f.Remediation!.Recommendation!.Text!.length).toBeLessThanOrEqual(512);
    expect(JSON.stringify([f.Title, f.Description, other])).not.toMatch(/\\n|\u202e/);
  });

  it('says when the usages may be incomplete', () => {
    const gapped = report([], {
      coverage: {
        regionsScanned: [],
        gaps: [{ region: 'ap-south-1', service: 'elbv2', reason: 'x' }],
        regionsNotChecked: [],
        complete: false,
      },
    });
    const f = asffFinding(finding('shop'), gapped, ctx);
    expect(f.Description).toContain('Some regions or services could not be checked');
    expect(f.Resources![0]!.Details!.Other!.usagesComplete).toBe('false');
  });

  it('plans the lifecycle: re-import flagged (CreatedAt kept), archive the rest, snoozed stays FAILED', () => {
    const shop = finding('shop');
    const r = report([shop], {
      snoozed: [{ certificate: finding('quiet').certificate, until: new Date(NOW.getTime() + 86_400_000) }],
    });
    const stored = (name: string): AwsSecurityFinding => ({
      ...asffFinding(finding(name), r, { ...ctx, now: new Date(0) }),
      Workflow: { Status: 'NOTIFIED' },
    });
    const plan = findingImports(r, [stored('shop'), stored('gone'), stored('quiet')], ctx);

    expect(plan.active.map((f) => [f.Id, f.CreatedAt])).toEqual([
      [findingId(ACCOUNT, shop.certificate.id), new Date(0).toISOString()],
    ]);
    expect(plan.archived.map((f) => [f.Title, f.RecordState, f.Compliance?.Status])).toEqual([
      ['IAM server certificate gone expires in 3 days', 'ARCHIVED', 'PASSED'],
      ['IAM server certificate quiet expires in 3 days', 'ARCHIVED', 'FAILED'],
    ]);
    expect(plan.archived[0]).not.toHaveProperty('Workflow');
    expect(plan.archived[0]!.UpdatedAt).toBe(NOW.toISOString());
  });

  it('archives with the stored fields when the finding predates FindingProviderFields', () => {
    const { FindingProviderFields: _f, ...old } = asffFinding(finding('old'), report([]), ctx);
    const archived = archivedFinding({ ...old, Severity: { Label: 'HIGH' }, Types: ['x'] }, NOW, true);
    expect(archived.FindingProviderFields).toEqual({ Severity: { Label: 'HIGH' }, Types: ['x'] });
  });

  it('names the partition of a region', () => {
    expect(
      ['us-east-1', 'cn-north-1', 'us-gov-west-1', 'us-iso-east-1', 'us-isob-east-1', 'eu-isoe-west-1'].map(
        partitionOfRegion,
      ),
    ).toEqual(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e']);
  });
});

describe('EventBridge event', () => {
  it('mirrors ACM: detail-type per severity, DaysToExpiry and CommonName, the ARN in resources', () => {
    const r = report([]);
    const expired = certificateEvent(finding('old', 'expired', -2), r, 'run-1');
    expect(expired).toMatchObject({
      Source: 'iam-cert-expiry-monitor',
      DetailType: 'IAM Server Certificate Expired',
      Resources: [`arn:aws:iam::${ACCOUNT}:server-certificate/old`],
      Time: NOW,
    });
    expect(JSON.parse(expired.Detail)).toMatchObject({
      DaysToExpiry: -2,
      Severity: 'expired',
      RunId: 'run-1',
      Account: ACCOUNT,
    });
    expect(certificateEvent(finding('w', 'warning', 20), r, 'x').DetailType).toBe(
      'IAM Server Certificate Approaching Expiration',
    );
    expect(certificateEvent(finding('u', 'unknown', undefined), r, 'x').DetailType).toBe(
      'IAM Server Certificate Expiry Unknown',
    );
    expect(JSON.parse(certificateEvent(finding('u', 'unknown', undefined), r, 'x').Detail).DaysToExpiry).toBeNull();
  });

  it('caps its lists, keeps raw strings for exact matching, and stays far below 256 KB', () => {
    const entry = certificateEvent(huge(), report([]), 'run');
    const detail = JSON.parse(entry.Detail);
    expect(detail.Usages).toHaveLength(MAX_EVENT_USAGES);
    expect(detail.UsagesNotListed).toBe(600 - MAX_EVENT_USAGES);
    expect(detail.HostnamesNotListed).toBe(300);
    // Raw up to the cap (the control characters kept, for exact matching), then cut with "…".
    expect(detail.Owner).toBe(`${huge().owner!.slice(0, MAX_EVENT_STRING_CHARS - 1)}…`);
    expect(detail.Usages[0].Name.startsWith('evil\u202e\n')).toBe(true);
    expect(eventEntrySize(entry)).toBeLessThan(256 * 1024);
  });

  it('caps every string from the account, however hostile: no entry passes MAX_EVENT_ENTRY_BYTES', () => {
    // A megabyte of control characters (6 bytes each once JSON-escaped) in every string an account can set.
    const mb = '\u0001'.repeat(1_000_000);
    const hostile = finding(mb, 'expired', -4, [], {
      owner: mb,
      hostnames: Array.from({ length: 400 }, () => mb),
      details: { ...finding('x').details!, commonName: mb },
      usages: Array.from({ length: 600 }, (_, i) =>
        i % 2 === 0
          ? usage({ region: mb, name: mb, protocol: mb, listenerArn: mb })
          : distributionUsage({ id: mb, aliases: [mb, mb, mb, mb, mb, mb] }),
      ),
    });
    const certificate = { ...hostile.certificate, arn: mb, id: mb };
    const entry = certificateEvent({ ...hostile, certificate }, report([], { accountId: mb, accountAlias: mb }), mb);

    expect(eventEntrySize(entry)).toBeLessThanOrEqual(MAX_EVENT_ENTRY_BYTES);
    expect(MAX_EVENT_ENTRY_BYTES).toBeLessThan(256 * 1024);
    const detail = JSON.parse(entry.Detail);
    const strings: string[] = [];
    JSON.stringify(detail, (_key, value: unknown) => (typeof value === 'string' ? void strings.push(value) : value));
    for (const value of [...strings, ...entry.Resources]) expect(value.length).toBeLessThanOrEqual(MAX_EVENT_ARN_CHARS);
    expect(detail.CommonName).toHaveLength(MAX_EVENT_STRING_CHARS);
    expect(detail.CertificateArn).toHaveLength(MAX_EVENT_ARN_CHARS);
    expect(detail.CertificateArn.endsWith('…')).toBe(true);
    // Lists shortened to fit, never silently: what is not listed is counted.
    expect(detail.Usages.length).toBeGreaterThan(0);
    expect(detail.Usages.length + detail.UsagesNotListed).toBe(600);
    expect(detail.Hostnames.length + detail.HostnamesNotListed).toBe(400);
  });
});

describe('batches', () => {
  it('fills each batch up to the item count and the byte limit, in order', () => {
    expect(batches([1, 2, 3, 4, 5], { maxItems: 2, maxBytes: 100, sizeOf: () => 1 })).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches([60, 30, 20, 90, 200], { maxItems: 10, maxBytes: 100, sizeOf: (n) => n })).toEqual([
      [60, 30],
      [20],
      [90],
      [200],
    ]);
    expect(batches([], { maxItems: 1, maxBytes: 1, sizeOf: () => 1 })).toEqual([]);
  });
});

import type { SnsMessageByProtocol } from '../../../lambda/render/publish-requests';
import {
  SNS_MAX_PUBLISH_BYTES,
  measurePublishRequest,
  publishRequestBytes,
  renderPublishRequest,
  renderPublishRequests,
} from '../../../lambda/render/publish-requests';
import { fullView } from '../../../lambda/render/render-view';
import { MAX_PARTS } from '../../../lambda/render/list-caps';
import { realisticReport } from '../../fixtures/reports/realistic';
import { expectValid, finding, largeReport, report, usage, validateChatbot, validateReport } from './support';

const parse = (message: string) => JSON.parse(message) as SnsMessageByProtocol;

describe('renderPublishRequests', () => {
  it('publishes one message with every protocol variant when it fits', () => {
    const [request, ...rest] = [...renderPublishRequests(realisticReport)];
    expect(rest).toHaveLength(0);
    const message = parse(request.message);
    expect(Object.keys(message).sort()).toEqual(['default', 'email', 'email-json', 'https', 'lambda', 'sqs']);
    expect(message.default).toBe(message.email);
    expect(message.sqs).toBe(message.lambda);
    expect(message['email-json']).toBe(message.sqs);
    expectValid(validateChatbot, JSON.parse(message.https));
    expectValid(validateReport, JSON.parse(message.sqs));
    expect(request.messageAttributes).toEqual({ severity: 'expired', account: '123456789012' });
    expect(request.subject).not.toMatch(/\(\d+\/\d+\)/);
  });

  it('counts bytes as AWS does: UTF-8 message, subject and each attribute name, type and value', () => {
    const request = { subject: 'é', message: '€', messageAttributes: { severity: 'ok', account: '1' } };
    // 2 (é) + 3 (€) + severity(8)+String(6)+ok(2) + account(7)+String(6)+1(1)
    expect(publishRequestBytes(request)).toBe(2 + 3 + 8 + 6 + 2 + 7 + 6 + 1);
  });

  it('sets the severity attribute to the worst severity in the message', () => {
    const r = report([finding('a', 'warning', 20), finding('b', 'unknown', undefined)]);
    expect([...renderPublishRequests(r)][0].messageAttributes.severity).toBe('warning');
    const u = report([finding('b', 'unknown', undefined)]);
    expect([...renderPublishRequests(u)][0].messageAttributes.severity).toBe('unknown');
    expect([...renderPublishRequests(report([]))][0].messageAttributes.severity).toBe('ok');
  });

  it('splits 1,000 certificates x 10 listeners into numbered, self-contained parts under the limit', () => {
    const big = largeReport(1000, 10);
    const requests = [...renderPublishRequests(big)];
    const total = requests.length;
    expect(total).toBeGreaterThan(1);

    const seen = new Map<string, number>();
    requests.forEach((request, i) => {
      const bytes = publishRequestBytes(request);
      expect(bytes).toBeLessThanOrEqual(SNS_MAX_PUBLISH_BYTES);
      expect(request.subject.length).toBeLessThanOrEqual(100);
      expect(request.subject.endsWith(`(${i + 1}/${total})`)).toBe(true);

      const message = parse(request.message);
      const json = JSON.parse(message.sqs);
      expectValid(validateReport, json);
      expect(json.part).toEqual({ number: i + 1, total });
      expect(json.coverage.gaps).toHaveLength(1); // coverage gaps in every part
      expect(json.summary.counts.total).toBe(1000);
      for (const f of json.findings) {
        expect(f.omittedUsages).toBe(0);
        expect(f.usages).toHaveLength(10);
        seen.set(f.certificate.name, (seen.get(f.certificate.name) ?? 0) + 1);
      }
      expect(message.email).toContain(`This is part ${i + 1} of ${total}`);
      expect(message.email).toContain('NOT CHECKED');
      expectValid(validateChatbot, JSON.parse(message.https));
      expect(JSON.parse(message.https).content.title).toContain(`(${i + 1}/${total})`);
    });
    // At most MAX_PARTS messages: the most urgent certificates once each, in order; the last part
    // names none and counts the rest, saying where the full report is.
    expect(total).toBe(MAX_PARTS);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect([...seen.keys()]).toEqual(big.findings.slice(0, seen.size).map((f) => f.certificate.name));
    const last = parse(requests[total - 1]!.message);
    expect(JSON.parse(last.sqs).findings).toEqual([]);
    expect(JSON.parse(last.sqs).omitted.findings).toBe(1000 - seen.size);
    expect(last.email.replace(/\s+/g, ' ')).toContain(
      `${1000 - seen.size} flagged certificates are in no message of this run`,
    );
    expect(last.email.replace(/\s+/g, ' ')).toContain('npx iam-cert-expiry-monitor check --json');
  });

  it('truncates the usage list of a single certificate too large for one message, saying how many are left out', () => {
    const usages = Array.from({ length: 5000 }, (_, j) =>
      usage({
        name: `lb-${j}`,
        listenerArn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/lb-${j}/0123456789abcdef/0123456789abcdef`,
      }),
    );
    const r = report([finding('huge', 'expired', -1, usages), finding('small', 'critical', 2)]);
    const requests = [...renderPublishRequests(r)];
    for (const request of requests) expect(publishRequestBytes(request)).toBeLessThanOrEqual(SNS_MAX_PUBLISH_BYTES);
    const first = parse(requests[0].message);
    const json = JSON.parse(first.sqs);
    const huge = json.findings.find((f: { certificate: { name: string } }) => f.certificate.name === 'huge');
    expectValid(validateReport, json);
    expect(huge.rendering).toBe('compact'); // truncated only after the compact rendering did not fit either
    expect(huge.omittedUsages).toBeGreaterThan(0);
    expect(huge.usages.length + huge.omittedUsages).toBe(5000);
    expect(first.email).toContain(`…and ${huge.omittedUsages} more usages`);
    expect(first.email).toContain('Served by (5000):');
    const names = requests.flatMap((q) =>
      JSON.parse(parse(q.message).sqs).findings.map((f: { certificate: { name: string } }) => f.certificate.name),
    );
    expect(names).toEqual(['huge', 'small']);
  });

  it('honours a smaller limit and keeps snoozed/problems in part 1 only', () => {
    const requests = [...renderPublishRequests(realisticReport, { maxBytes: 40_000 })];
    expect(requests.length).toBeGreaterThan(1);
    requests.forEach((request, i) => {
      expect(publishRequestBytes(request)).toBeLessThanOrEqual(40_000);
      const json = JSON.parse(parse(request.message).sqs);
      expect(json.snoozed).toHaveLength(i === 0 ? 1 : 0);
      expect(json.configurationProblems).toHaveLength(i === 0 ? 1 : 0);
      expect(parse(request.message).email.includes('SNOOZED')).toBe(i === 0);
    });
  });

  it('never throws on size: a part that cannot fit becomes the minimal message (counts, where the report is)', () => {
    // A limit just above the minimal message of this report (its counts and coverage statement, about 12.1 KB).
    const requests = [...renderPublishRequests(realisticReport, { maxBytes: 13_000 })];
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.length).toBeLessThanOrEqual(MAX_PARTS);
    for (const request of requests) {
      expect(publishRequestBytes(request)).toBeLessThanOrEqual(13_000);
      expectValid(validateReport, JSON.parse(parse(request.message).sqs));
    }
    const minimal = requests.map((q) => JSON.parse(parse(q.message).sqs)).filter((j) => j.omitted.findings > 0);
    expect(minimal.length).toBeGreaterThan(0);
    const named = requests.flatMap((q) => JSON.parse(parse(q.message).sqs).findings).length;
    expect(named + minimal.reduce((n, j) => n + j.omitted.findings, 0)).toBe(realisticReport.findings.length);
  });

  it('measures a request exactly without assembling it, also with non-ASCII text', () => {
    const accented = report([finding('zertifikat-münchen-€', 'expired', -1), finding('b', 'warning', 20)]);
    for (const v of [
      fullView(realisticReport),
      fullView(accented),
      { ...fullView(accented), part: { number: 2, total: 3 } },
    ]) {
      expect(measurePublishRequest(v)).toBe(publishRequestBytes(renderPublishRequest(v)));
    }
  });

  it('renders one view directly', () => {
    const request = renderPublishRequest(fullView(realisticReport));
    expect(request).toEqual([...renderPublishRequests(realisticReport)][0]);
  });
});

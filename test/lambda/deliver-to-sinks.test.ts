/**
 * The sink seam: every sink that takes the report gets it, in order; a sink that fails does not stop the others
 * and is named as a coverage gap in what the later sinks deliver (the SNS digest, last, here over a mocked SNS).
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { deliverToSinks } from '../../lambda/deliver-to-sinks';
import type { Report } from '../../lambda/domain/types';
import type { Delivery, DeliveryScope, Sink } from '../../lambda/sinks/sink';
import { enabledSinks } from '../../lambda/sinks/enabled-sinks';
import { sinkClients } from './sinks/support';
import { realisticReport } from '../fixtures/reports/realistic';
import { account, orgReportOf, reportFor } from './org/support';
import { expectValid, validateOrgReport, validateReport } from './render/support';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:eu-west-1:111111111111:alerts';
const snsDigest = () => enabledSinks({ topicArn: TOPIC }, sinkClients());

beforeEach(() => {
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
});

/** A sink that records what it was handed and returns one id per delivery. */
function workingSink(name: string, scopes: readonly DeliveryScope[] = ['account', 'organization']) {
  const received: Delivery[] = [];
  const sink: Sink = {
    name,
    region: 'us-east-1',
    scopes,
    deliver: async (delivery) => {
      received.push(delivery);
      return { ids: [`${name}-1`] };
    },
  };
  return { sink, received };
}

function failingSink(
  name: string,
  required = false,
  error = Object.assign(new Error('not authorized to perform: securityhub:BatchImportFindings'), {
    name: 'AccessDeniedException',
  }),
): Sink {
  return {
    name,
    region: 'eu-central-1',
    scopes: ['account', 'organization'],
    required,
    deliver: async () => {
      throw error;
    },
  };
}

/** The report an account delivery carries. */
function accountReport(delivery: Delivery | undefined): Report {
  if (delivery?.scope !== 'account') throw new Error(`expected an account delivery, got ${delivery?.scope}`);
  return delivery.report;
}

const published = () => sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
const variants = (message: string | undefined) => JSON.parse(message!) as { email: string; sqs: string; https: string };
const accountDelivery = (report: Report = realisticReport) => ({ scope: 'account' as const, report });

const GAP = {
  region: 'eu-central-1',
  service: 'sink',
  reason:
    'security-hub could not deliver: AccessDeniedException: not authorized to perform: ' +
    'securityhub:BatchImportFindings (check the function role and any SCP on this region)',
};

describe('deliverToSinks (account report)', () => {
  it('a failing sink does not stop a working one; the gap is named and the SNS digest carries it', async () => {
    const working = workingSink('event-bus');
    const delivered = await deliverToSinks(
      [failingSink('security-hub'), working.sink, ...snsDigest()],
      accountDelivery(),
    );

    expect(delivered.gaps).toEqual([GAP]);
    expect(working.received).toHaveLength(1);
    expect(accountReport(working.received[0]).coverage.gaps).toEqual([...realisticReport.coverage.gaps, GAP]);
    expect(delivered.delivery.report.coverage.gaps).toEqual([...realisticReport.coverage.gaps, GAP]);
    expect(Object.fromEntries(delivered.receipts)).toEqual({
      'event-bus': { ids: ['event-bus-1'] },
      'sns-digest': { ids: ['m-1'] },
    });

    const [message] = published();
    expect(message).toMatchObject({ TopicArn: TOPIC });
    const { email, sqs, https } = variants(message!.Message);
    // Said apart from what the scan could not read: the findings are as complete as the scan made them.
    expect(email.replace(/\s+/g, ' ')).toMatch(
      /NOT DELIVERED - these destinations did not receive this alert \*+ - eu-central-1: security-hub could not deliver: AccessDeniedException/,
    );
    expect(email.split('NOT DELIVERED')[0]).not.toContain('security-hub');
    expect(https).toContain('*Not delivered to:* security-hub could not deliver');
    expect(https.split('Not delivered to')[0]).not.toContain('security-hub');
    const json = JSON.parse(sqs);
    expectValid(validateReport, json);
    expect(json.coverage.gaps).toContainEqual(GAP);
    expect(json.summary.complete).toBe(false);
  });

  it('leaves the report as it was when every sink delivers', async () => {
    const delivered = await deliverToSinks([workingSink('event-bus').sink, ...snsDigest()], accountDelivery());
    expect(delivered.gaps).toEqual([]);
    expect(delivered.delivery.report).toBe(realisticReport);
    expect(JSON.parse(variants(published()[0]!.Message).sqs).coverage.gaps).toEqual(
      JSON.parse(JSON.stringify(realisticReport.coverage.gaps)),
    );
  });

  it('a failed SNS digest fails the delivery with its own error, after the other sinks delivered', async () => {
    const denied = Object.assign(new Error('denied'), { name: 'AuthorizationError' });
    sns.on(PublishCommand).rejects(denied);
    const working = workingSink('event-bus');
    await expect(deliverToSinks([...snsDigest(), working.sink], accountDelivery())).rejects.toBe(denied);
    expect(working.received).toHaveLength(1);
    expect(accountReport(working.received[0]).coverage.gaps.at(-1)).toMatchObject({
      service: 'sink',
      reason: expect.stringMatching(/^sns-digest could not deliver: AuthorizationError: denied/),
    });
  });

  it('a failed secondary sink alone does not throw; of two required failures the first is thrown, after both ran', async () => {
    await expect(deliverToSinks([failingSink('security-hub')], accountDelivery())).resolves.toMatchObject({
      gaps: [GAP],
    });
    const first = new Error('first');
    const second = failingSink('second', true, new Error('second'));
    const secondDelivers = jest.spyOn(second, 'deliver');
    await expect(deliverToSinks([failingSink('first', true, first), second], accountDelivery())).rejects.toBe(first);
    expect(secondDelivers).toHaveBeenCalledTimes(1);
  });

  it('skips a sink that does not take the report’s scope', async () => {
    const orgOnly = workingSink('org-archive', ['organization']);
    const delivered = await deliverToSinks([orgOnly.sink], accountDelivery());
    expect(orgOnly.received).toEqual([]);
    expect(delivered.receipts.size).toBe(0);
  });
});

describe('deliverToSinks (organization report)', () => {
  const A = account('222222222222', 'web');
  const B = account('333333333333', 'api');
  const org = orgReportOf([
    { status: 'checked', account: A, certificatesScanned: 4, report: reportFor(A.accountId, [0]) },
    { status: 'not-checked', account: B, reason: 'timed out' },
  ]);

  it('names the failed sink in every account message and in the digest’s account sections', async () => {
    const working = workingSink('event-bus');
    const delivered = await deliverToSinks([failingSink('security-hub'), working.sink, ...snsDigest()], {
      scope: 'organization',
      report: org,
    });

    expect(working.received[0]!.report).toEqual(delivered.delivery.report);
    expect(delivered.delivery.report.accounts[0]!.report.coverage.gaps).toContainEqual(GAP);
    expect(delivered.delivery.report.notChecked).toEqual(org.notChecked);
    const [digest, accountMessage] = published();
    expect(published().map((p) => p.MessageAttributes?.scope?.StringValue)).toEqual(['organization', 'account']);
    const digestJson = JSON.parse(variants(digest!.Message).sqs);
    expectValid(validateOrgReport, digestJson);
    expect(digestJson.reports[0].coverage.gaps).toContainEqual(GAP);
    expect(variants(accountMessage!.Message).email.replace(/\s+/g, ' ')).toContain(
      'NOT DELIVERED - these destinations did not receive this alert',
    );
    expect(variants(accountMessage!.Message).email).toContain('- eu-central-1: security-hub could not deliver');
    expect(delivered.receipts.get('sns-digest')).toEqual({ ids: ['m-1', 'm-1'] });
  });
});

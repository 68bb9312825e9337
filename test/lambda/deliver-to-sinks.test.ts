/**
 * The sink seam: every sink that takes the report gets it, in order; a sink that fails or runs out of its share of
 * the run's time does not stop the others and is named as a delivery failure in what the later sinks deliver (the
 * SNS digest, last, here over a mocked SNS), apart from what the scan could not read.
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { deliverToSinks } from '../../lambda/deliver-to-sinks';
import type { DeliveryFailure } from '../../lambda/domain/delivery-failure';
import type { Report } from '../../lambda/domain/types';
import type { DeliverOptions, Delivery, DeliveryScope, Sink } from '../../lambda/sinks/sink';
import { enabledSinks } from '../../lambda/sinks/enabled-sinks';
import { TimeBudget } from '../../lambda/time-budget';
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

/** A sink that records what it was handed (and with which options) and returns one id per delivery. */
function workingSink(name: string, scopes: readonly DeliveryScope[] = ['account', 'organization']) {
  const received: Delivery[] = [];
  const options: (DeliverOptions | undefined)[] = [];
  const sink: Sink = {
    name,
    region: 'us-east-1',
    scopes,
    deliver: async (delivery, given) => {
      received.push(delivery);
      options.push(given);
      return { ids: [`${name}-1`] };
    },
  };
  return { sink, received, options };
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

/** A sink whose call never answers and that ignores its signal: only the seam can leave it behind. */
const hungSink = (name: string): Sink => ({
  name,
  region: 'us-east-1',
  scopes: ['account', 'organization'],
  deliver: () => new Promise(() => undefined),
});

/** The report an account delivery carries. */
function accountReport(delivery: Delivery | undefined): Report {
  if (delivery?.scope !== 'account') throw new Error(`expected an account delivery, got ${delivery?.scope}`);
  return delivery.report;
}

const published = () => sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
const variants = (message: string | undefined) => JSON.parse(message!) as { email: string; sqs: string; https: string };
const RUN_ID = 'run-2026-03-14';
const accountDelivery = (report: Report = { ...realisticReport, runId: RUN_ID }) => ({
  scope: 'account' as const,
  report,
});
/** A budget at a standing clock: `sinksMs` before the reserve, all of it for the optional sinks. */
const budgetOf = (sinksMs: number, now = () => 0) =>
  new TimeBudget({ remainingMs: sinksMs + 1_000, reserveMs: 1_000, now });

const DENIED: DeliveryFailure = {
  sink: 'Security Hub',
  region: 'eu-central-1',
  kind: 'failed',
  reason:
    'AccessDeniedException: not authorized to perform: securityhub:BatchImportFindings ' +
    '(check the function role and any SCP on this region)',
};

describe('deliverToSinks (account report)', () => {
  it('a failing sink does not stop a working one; the SNS digest names it apart from the scan, with the run id', async () => {
    const working = workingSink('event-bus');
    const delivered = await deliverToSinks(
      [failingSink('Security Hub'), working.sink, ...snsDigest()],
      accountDelivery(),
    );

    expect(delivered.failures).toEqual([DENIED]);
    expect(working.received).toHaveLength(1);
    const handed = accountReport(working.received[0]);
    expect(handed.deliveryFailures).toEqual([DENIED]);
    // The scan's coverage is untouched, and the run id survives the failure.
    expect(handed.coverage).toEqual(realisticReport.coverage);
    expect(handed.runId).toBe(RUN_ID);
    expect(delivered.delivery.report).toEqual({ ...realisticReport, runId: RUN_ID, deliveryFailures: [DENIED] });
    expect(Object.fromEntries(delivered.receipts)).toEqual({
      'event-bus': { ids: ['event-bus-1'] },
      'SNS alert': { ids: ['m-1'] },
    });

    const [message] = published();
    expect(message).toMatchObject({ TopicArn: TOPIC });
    const { email, sqs, https } = variants(message!.Message);
    expect(email.replace(/\s+/g, ' ')).toMatch(
      /NOT DELIVERED - these destinations did not receive this alert \*+ - Security Hub \(eu-central-1\): not delivered: AccessDeniedException/,
    );
    expect(email.split('NOT DELIVERED')[0]).not.toContain('Security Hub');
    expect(email).toContain(`Run id: ${RUN_ID}`);
    expect(https).toContain('*Not delivered to:* Security Hub (eu-central-1): AccessDeniedException');
    const json = JSON.parse(sqs);
    expectValid(validateReport, json);
    expect(json.runId).toBe(RUN_ID);
    expect(json.deliveryFailures).toEqual([DENIED]);
    expect(json.coverage.gaps).toEqual(JSON.parse(JSON.stringify(realisticReport.coverage.gaps)));
    expect(json.summary.complete).toBe(realisticReport.coverage.complete && realisticReport.coverage.gaps.length === 0);
  });

  it('leaves the report as it was when every sink delivers', async () => {
    const delivery = accountDelivery();
    const delivered = await deliverToSinks([workingSink('event-bus').sink, ...snsDigest()], delivery);
    expect(delivered.failures).toEqual([]);
    expect(delivered.delivery.report).toBe(delivery.report);
    expect(JSON.parse(variants(published()[0]!.Message).sqs).deliveryFailures).toEqual([]);
  });

  it('a failed SNS digest fails the delivery with its own error, after the other sinks delivered', async () => {
    const denied = Object.assign(new Error('denied'), { name: 'AuthorizationError' });
    sns.on(PublishCommand).rejects(denied);
    const working = workingSink('event-bus');
    await expect(deliverToSinks([...snsDigest(), working.sink], accountDelivery())).rejects.toBe(denied);
    expect(working.received).toHaveLength(1);
    expect(accountReport(working.received[0]).deliveryFailures).toEqual([
      { sink: 'SNS alert', region: 'eu-west-1', kind: 'failed', reason: 'AuthorizationError: denied' },
    ]);
  });

  it('a failed secondary sink alone does not throw; of two required failures the first is thrown, after both ran', async () => {
    await expect(deliverToSinks([failingSink('Security Hub')], accountDelivery())).resolves.toMatchObject({
      failures: [DENIED],
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

describe('deliverToSinks under a time budget', () => {
  it('leaves a hung sink behind at the end of its share: a timed-out failure, and the SNS digest still goes out naming it', async () => {
    const working = workingSink('event-bus');
    const delivered = await deliverToSinks(
      [hungSink('Security Hub'), working.sink, ...snsDigest()],
      accountDelivery(),
      // 600 ms for two optional sinks at a standing clock: the hung one gets half.
      budgetOf(600),
    );
    const timedOut = { sink: 'Security Hub', region: 'us-east-1', kind: 'timed-out', afterMs: 300 };
    expect(delivered.failures).toEqual([timedOut]);
    expect(working.received).toHaveLength(1);
    const { email, sqs, https } = variants(published()[0]!.Message);
    expect(email).toContain('- Security Hub (us-east-1): not delivered, timed out after 0.3 s');
    expect(https).toContain('*Not delivered to:* Security Hub (us-east-1): timed out after 0.3 s');
    expect(JSON.parse(sqs).deliveryFailures).toEqual([
      { sink: 'Security Hub', region: 'us-east-1', kind: 'timed-out', reason: 'timed out after 0.3 s' },
    ]);
    expect(JSON.parse(sqs).runId).toBe(RUN_ID);
  });

  it('hands each optional sink its signal, an equal part of what is left; the required sink none', async () => {
    let clock = 0;
    const first = workingSink('first');
    const firstDeliver = first.sink.deliver;
    // The first sink takes 30 ms of the standing clock: the second gets all that is left.
    first.sink.deliver = async (delivery, options) => {
      clock += 30;
      return firstDeliver(delivery, options);
    };
    const second = workingSink('second');
    const required = workingSink('required');
    const sinks = [first.sink, second.sink, { ...required.sink, required: true }];
    const budget = budgetOf(90, () => clock);
    const shares = jest.spyOn(budget, 'sinkShare');
    await deliverToSinks(sinks, accountDelivery(), budget);

    expect(shares.mock.calls).toEqual([[2], [1]]);
    expect(shares.mock.results.map((r) => r.value.ms)).toEqual([45, 60]);
    expect(first.options[0]?.abortSignal).toBe(shares.mock.results[0]!.value.signal);
    expect(second.options[0]?.abortSignal).toBe(shares.mock.results[1]!.value.signal);
    expect(required.options).toEqual([undefined]);
  });

  it('the signal reaches the sink: one that stops on it is named as timed out, not by the error it stopped with', async () => {
    const stopping: Sink = {
      name: 'EventBridge',
      region: 'us-east-1',
      scopes: ['account'],
      deliver: (_delivery, options) =>
        new Promise((_, reject) =>
          options?.abortSignal?.addEventListener('abort', () => reject(new Error('socket closed'))),
        ),
    };
    const delivered = await deliverToSinks([stopping, ...snsDigest()], accountDelivery(), budgetOf(30));
    expect(delivered.failures).toEqual([{ sink: 'EventBridge', region: 'us-east-1', kind: 'timed-out', afterMs: 30 }]);
  });

  it('no time left: the optional sink is not started, and is named', async () => {
    const late = workingSink('EventBridge');
    const delivered = await deliverToSinks([late.sink, ...snsDigest()], accountDelivery(), budgetOf(0));
    expect(late.received).toEqual([]);
    expect(delivered.failures).toEqual([{ sink: 'EventBridge', region: 'us-east-1', kind: 'timed-out', afterMs: 0 }]);
    expect(published()).toHaveLength(1);
  });
});

describe('deliverToSinks (organization report)', () => {
  const A = account('222222222222', 'web');
  const B = account('333333333333', 'api');
  const org = {
    ...orgReportOf([
      { status: 'checked', account: A, certificatesScanned: 4, report: reportFor(A.accountId, [0]) },
      { status: 'not-checked', account: B, reason: 'timed out' },
    ]),
    runId: RUN_ID,
    reportLocation: `s3://run-data/runs/${RUN_ID}/`,
  };

  it('names the failed sink once in the digest and in every account message; the run id and location are kept', async () => {
    const working = workingSink('event-bus');
    const delivered = await deliverToSinks([failingSink('Security Hub'), working.sink, ...snsDigest()], {
      scope: 'organization',
      report: org,
    });

    expect(working.received[0]!.report).toEqual(delivered.delivery.report);
    expect(delivered.delivery.report).toEqual({ ...org, deliveryFailures: [DENIED] });
    const [digest, accountMessage] = published();
    expect(published().map((p) => p.MessageAttributes?.scope?.StringValue)).toEqual(['organization', 'account']);
    const digestJson = JSON.parse(variants(digest!.Message).sqs);
    expectValid(validateOrgReport, digestJson);
    expect(digestJson).toMatchObject({ runId: RUN_ID, reportLocation: org.reportLocation });
    expect(digestJson.deliveryFailures).toEqual([DENIED]);
    // Once for the digest, not again in each account's section.
    expect(digestJson.reports[0].deliveryFailures).toEqual([]);
    const digestEmail = variants(digest!.Message).email;
    expect(digestEmail).toContain('NOT DELIVERED - these destinations did not receive this digest');
    expect(digestEmail.match(/Security Hub \(eu-central-1\)/g)).toHaveLength(1);
    expect(variants(digest!.Message).https).toContain('*Not delivered to:* Security Hub (eu-central-1)');
    const own = variants(accountMessage!.Message);
    expect(own.email).toContain('NOT DELIVERED - these destinations did not receive this alert');
    expect(own.email).toContain('- Security Hub (eu-central-1): not delivered: AccessDeniedException');
    expect(JSON.parse(own.sqs)).toMatchObject({ runId: RUN_ID, deliveryFailures: [DENIED] });
    expect(delivered.receipts.get('SNS alert')).toEqual({ ids: ['m-1', 'm-1'] });
  });
});

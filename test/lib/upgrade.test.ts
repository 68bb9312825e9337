/**
 * Upgrade path: the stack of this release must update a stack deployed from the previous release in place. The
 * previous release's template (test/lib/fixtures/release-0.1.0) was synthesized from that release with the same
 * context as below; CloudFormation matches resources by logical id, so a changed id or type is a replacement.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { logicalIdOf, normaliseAssetHashes, type SynthesizedMonitor, synthMonitor } from './synth-monitor';

type Resource = {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};
type Resources = Record<string, Resource>;

/** Resources whose replacement loses something: messages, subscriptions (emails must be confirmed again), logs, the key. */
const STATEFUL_TYPES = [
  'AWS::KMS::Key',
  'AWS::SNS::Topic',
  'AWS::SNS::Subscription',
  'AWS::SQS::Queue',
  'AWS::Logs::LogGroup',
  'AWS::Chatbot::SlackChannelConfiguration',
];

/**
 * Properties of stateful resources that this release changes on purpose, each one an in-place update
 * ("Update requires: No interruption" in the CloudFormation reference). Anything else that differs fails the test.
 */
const CHANGED_IN_PLACE: Record<string, readonly string[]> = {
  'AWS::KMS::Key': ['Description', 'KeyPolicy'],
  // The channel also relays the new alarm topic. The Chatbot API updates a channel's topics in place
  // (https://docs.aws.amazon.com/chatbot/latest/APIReference/API_UpdateSlackChannelConfiguration.html, SnsTopicArns);
  // the test below pins that the alert topic stays first and only the alarm topic is added.
  'AWS::Chatbot::SlackChannelConfiguration': ['SnsTopicArns'],
};

const previous = (
  JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'release-0.1.0', 'template.json'), 'utf8')) as {
    Resources: Resources;
  }
).Resources;

let current: SynthesizedMonitor;
let resources: Resources;

beforeAll(() => {
  current = synthMonitor(
    { alertEmails: 'ops@example.com,secops@example.com', slackWorkspaceId: 'T0123ABCD', slackChannelId: 'C0456EFGH' },
    { stackId: 'IamCertExpiryMonitor' },
  );
  resources = (normaliseAssetHashes(current.template.toJSON()) as { Resources: Resources }).Resources;
});

afterAll(() => {
  if (current) fs.rmSync(current.outdir, { recursive: true, force: true });
});

test('the fixture holds every stateful resource a user has (key, topic, both subscriptions, Slack, queue, logs)', () => {
  const types = Object.values(previous).map((r) => r.Type);
  for (const type of STATEFUL_TYPES) expect(types).toContain(type);
  expect(types.filter((t) => t === 'AWS::SNS::Subscription')).toHaveLength(2);
});

test('every resource of the previous release keeps its logical id and type (nothing is removed or renamed)', () => {
  const kept = Object.fromEntries(Object.keys(previous).map((id) => [id, resources[id]?.Type]));
  expect(kept).toEqual(Object.fromEntries(Object.entries(previous).map(([id, r]) => [id, r.Type])));
});

describe.each(Object.entries(previous).filter(([, r]) => STATEFUL_TYPES.includes(r.Type)))(
  'stateful %s',
  (id, before) => {
    test('keeps its properties (except the documented in-place changes) and its deletion policies', () => {
      const after = resources[id]!;
      const changeable = CHANGED_IN_PLACE[before.Type] ?? [];
      const without = (r: Resource) =>
        Object.fromEntries(Object.entries(r.Properties ?? {}).filter(([k]) => !changeable.includes(k)));
      expect(without(after)).toEqual(without(before));
      expect([after.DeletionPolicy, after.UpdateReplacePolicy]).toEqual([
        before.DeletionPolicy,
        before.UpdateReplacePolicy,
      ]);
    });
  },
);

test('the topic keeps its name and key, so its ARN and subscriptions survive the update', () => {
  const topic = Object.entries(previous).find(([, r]) => r.Type === 'AWS::SNS::Topic')!;
  expect(resources[topic[0]]!.Properties).toMatchObject({
    TopicName: 'IamCertExpiryMonitor-alerts',
    KmsMasterKeyId: topic[1].Properties!.KmsMasterKeyId,
  });
});

test('the Slack channel keeps the alert topic and adds only the alarm topic', () => {
  const [id, before] = Object.entries(previous).find(([, r]) => r.Type === 'AWS::Chatbot::SlackChannelConfiguration')!;
  const topics = resources[id]!.Properties!.SnsTopicArns as unknown[];
  expect(topics).toHaveLength(2);
  expect(topics[0]).toEqual((before.Properties!.SnsTopicArns as unknown[])[0]);
  expect(topics[1]).toEqual({ Ref: logicalIdOf(current.stack, current.stack.monitor.alarmTopic.topic) });
});

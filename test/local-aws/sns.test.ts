import { PublishCommand, SNSClient, type PublishCommandInput } from '@aws-sdk/client-sns';
import { clientConfig, scenarioBuilder, SNS_MAX_MESSAGE_BYTES, startAwsServer, type AwsServer } from '../../local-aws';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:iam-cert-expiry-alerts';

describe('SNS Publish', () => {
  let server: AwsServer;
  let sns: SNSClient;

  beforeAll(async () => {
    server = await startAwsServer({ scenario: scenarioBuilder().topic(TOPIC).build() });
    sns = new SNSClient(clientConfig(server));
  });
  afterAll(async () => {
    sns.destroy();
    await server.close();
  });
  beforeEach(() => server.reset());

  const publish = (input: Partial<PublishCommandInput>) =>
    sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'hello', ...input }));

  test('records the message with subject, structure and attributes, and returns a MessageId', async () => {
    const message = JSON.stringify({ default: 'plain', email: 'long text ✓', sqs: '{"a":1}' });
    const out = await publish({
      Subject: 'IAM certificates: 2 expiring',
      Message: message,
      MessageStructure: 'json',
      MessageAttributes: {
        severity: { DataType: 'String', StringValue: 'critical' },
        count: { DataType: 'Number', StringValue: '2' },
      },
    });
    expect(out.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.published).toEqual([
      {
        topicArn: TOPIC,
        subject: 'IAM certificates: 2 expiring',
        message,
        messageStructure: 'json',
        messageAttributes: {
          severity: { dataType: 'String', stringValue: 'critical' },
          count: { dataType: 'Number', stringValue: '2' },
        },
        region: 'us-east-1',
        messageId: out.MessageId,
      },
    ]);
    expect(server.requests[0]).toMatchObject({ service: 'sns', action: 'Publish', status: 200 });
  });

  test('accepts exactly 262,144 bytes (message + attributes) and rejects one more', async () => {
    const attr = { k: { DataType: 'String', StringValue: 'v' } }; // 1 + 6 + 1 = 8 bytes
    const fits = 'é'.repeat((SNS_MAX_MESSAGE_BYTES - 8) / 2);
    await expect(publish({ Message: fits, MessageAttributes: attr })).resolves.toHaveProperty('MessageId');
    await expect(publish({ Message: `${fits}x`, MessageAttributes: attr })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Message too long',
      $metadata: { httpStatusCode: 400 },
    });
    expect(server.published).toHaveLength(1);
  });

  test.each([
    ['too long', 'x'.repeat(101)],
    ['a line break', 'two\nlines'],
    ['non-ASCII', 'certificats expirés'],
    ['empty', ''],
  ])('rejects a subject that is %s', async (_why, subject) => {
    await expect(publish({ Subject: subject })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Subject',
    });
  });

  test('accepts a 100-character printable ASCII subject', async () => {
    await expect(publish({ Subject: `${'~'.repeat(99)} `.slice(0, 100) })).resolves.toHaveProperty('MessageId');
  });

  test.each([
    ['not JSON', 'plain text', 'Invalid parameter: Message Structure - JSON message body failed to parse'],
    ['a JSON array', '["default"]', 'Invalid parameter: Message Structure - JSON message body failed to parse'],
    [
      'JSON without default',
      '{"email":"x"}',
      'Invalid parameter: Message Structure - No default entry in JSON message body',
    ],
    [
      'a non-string default',
      '{"default":{"a":1}}',
      'Invalid parameter: Message Structure - No default entry in JSON message body',
    ],
  ])('MessageStructure=json rejects %s', async (_why, message, expected) => {
    await expect(publish({ Message: message, MessageStructure: 'json' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expected,
    });
  });

  test('rejects bad message attributes with InvalidParameterValue', async () => {
    await expect(publish({ MessageAttributes: { a: { DataType: 'Text', StringValue: 'x' } } })).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
    await expect(publish({ MessageAttributes: { a: { DataType: 'String', StringValue: '' } } })).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
  });

  test('an unknown topic is NotFound (404); a topic in another region is InvalidParameter', async () => {
    await expect(publish({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:nope' })).rejects.toMatchObject({
      name: 'NotFoundException',
      message: 'Topic does not exist',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      publish({ TopicArn: 'arn:aws:sns:eu-west-1:123456789012:iam-cert-expiry-alerts' }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: TopicArn',
    });
    expect(server.countBy('status')).toEqual({ 400: 1, 404: 1 });
    expect(server.published).toHaveLength(0);
  });
});

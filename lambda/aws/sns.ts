import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { sendOptions } from './send-options';

export interface PublishRequest {
  readonly subject: string;
  /** A JSON object of per-protocol variants (`MessageStructure: 'json'`). */
  readonly message: string;
  readonly messageAttributes: Readonly<Record<string, string>>;
}

/** The region of an SNS topic ARN: Publish must go to the topic's own region. */
export function topicRegion(topicArn: string): string {
  return topicArn.split(':')[3];
}

/** Publishes one alert message; returns the SNS message id. */
export async function publishAlert(
  client: SNSClient,
  topicArn: string,
  request: PublishRequest,
  abortSignal?: AbortSignal,
): Promise<string | undefined> {
  const { MessageId } = await client.send(
    new PublishCommand({
      TopicArn: topicArn,
      Subject: request.subject,
      Message: request.message,
      MessageStructure: 'json',
      MessageAttributes: Object.fromEntries(
        Object.entries(request.messageAttributes).map(([name, value]) => [
          name,
          { DataType: 'String', StringValue: value },
        ]),
      ),
    }),
    sendOptions(abortSignal),
  );
  return MessageId;
}

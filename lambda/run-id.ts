import type { Context } from 'aws-lambda';

/**
 * A scheduled event's own id, as EventBridge rules put it in the event (`id`), or as a schedule's custom input
 * can (`{"id": ...}`). Bounded to a safe alphabet: it becomes part of the Chatbot notification id.
 */
const EVENT_ID = /^[\w.:-]{1,128}$/;

/**
 * The one id of an account-mode run: the event's `id` when it has one, else the Lambda request id. Both stay the
 * same when Lambda retries the same event (a retry keeps the request id:
 * https://repost.aws/knowledge-center/lambda-function-duplicate-invocations), so a retried run sends what it sent
 * before under the same id.
 * EventBridge Scheduler's default input to a Lambda target is not documented to carry an id
 * (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Target.html, `Input`): then the request id.
 */
export function runIdOf(event: unknown, context: Pick<Context, 'awsRequestId'>): string {
  const id = typeof event === 'object' && event !== null ? (event as { id?: unknown }).id : undefined;
  return typeof id === 'string' && EVENT_ID.test(id) ? id : context.awsRequestId;
}

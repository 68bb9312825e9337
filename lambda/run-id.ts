import type { Context } from 'aws-lambda';
import { RUN_ID_INPUT_KEY } from '../contract/schedule';

/**
 * A scheduled event's own id, as EventBridge rules put it in the event (`id`), or as the deployed schedule's input
 * does (`{"id": "<aws.scheduler.scheduled-time>"}`, contract/schedule.ts). Bounded to a safe alphabet: it becomes
 * part of the Chatbot notification id.
 */
const EVENT_ID = /^[\w.:-]{1,128}$/;

/**
 * The one id of an account-mode run: the event's `id` when it has one, else the Lambda request id. Both stay the
 * same when Lambda retries the same event (a retry keeps the request id:
 * https://repost.aws/knowledge-center/lambda-function-duplicate-invocations), so a retried run sends what it sent
 * before under the same id.
 * The deployed schedule passes its scheduled time as the id, so Scheduler's own retries keep it too; a manual
 * invoke without an id gets the request id.
 */
export function runIdOf(event: unknown, context: Pick<Context, 'awsRequestId'>): string {
  const id =
    typeof event === 'object' && event !== null ? (event as Record<string, unknown>)[RUN_ID_INPUT_KEY] : undefined;
  return typeof id === 'string' && EVENT_ID.test(id) ? id : context.awsRequestId;
}

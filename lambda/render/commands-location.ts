/** Pure: where the reader of a short message (Slack) finds the exact commands, given who the deployment alerts. */
import type { Subscriber } from '../../contract/subscribers';

/**
 * "the email has the commands", or where else they are: the JSON report when the operator subscribed the topic
 * themselves, the laptop check when Slack is all there is. Not known (an older stack): the email, as before.
 */
export function commandsAt(subscribers: readonly Subscriber[] | undefined, what: string): string {
  if (subscribers === undefined || subscribers.includes('email')) return `the email has ${what}`;
  if (subscribers.includes('elsewhere')) return `the JSON report on the alert topic has ${what}`;
  return `\`npx iam-cert-expiry-monitor check --json\`, run in a clone of the monitor, prints ${what}`;
}

/**
 * The test alert: the event that asks a deployed function for a sample alert through every sink instead of a run,
 * read by the functions (lambda/create-handler.ts, lambda/org/create-aggregate-handler.ts) and printed by the
 * stacks' outputs as a command to paste.
 */

/** What a test alert delivered: the function's answer to the command (it prints on the terminal). */
export interface TestAlertSummary {
  readonly test: true;
  /** The sinks that received it, in delivery order: `Security Hub`, `EventBridge`, `SNS alert`... */
  readonly delivered: readonly string[];
  /** Each sink that could not deliver it: `Security Hub (us-east-1): not delivered, ...`. */
  readonly notDelivered: readonly string[];
  /** SNS messages published (the organization's: the digest and the hub account's own message). */
  readonly messagesPublished: number;
}

/** The invocation payload, exactly as the outputs print it. */
export const TEST_ALERT_PAYLOAD = '{"test":true}';

/** Whether `event` asks for the test alert: an object whose `test` is `true` (a scheduled run never has it). */
export function isTestAlertRequest(event: unknown): event is { readonly test: true } {
  return typeof event === 'object' && event !== null && (event as Record<string, unknown>).test === true;
}

/**
 * The AWS CLI command that sends the test alert from `functionName` in `region` and prints what it delivered.
 * `--cli-binary-format raw-in-base64-out` lets AWS CLI v2 take the payload as JSON text.
 */
export function testAlertCommand(functionName: string, region: string): string {
  return (
    `aws lambda invoke --region ${region} --function-name ${functionName} ` +
    `--cli-binary-format raw-in-base64-out --payload '${TEST_ALERT_PAYLOAD}' /dev/stdout`
  );
}

import type { Logger } from '@aws-lambda-powertools/logger';
import type { TestAlertSummary } from '../contract/test-alert';
import { deliverToSinks } from './deliver-to-sinks';
import { deliveryFailureText } from './domain/delivery-failure';
import type { Delivery, Sink } from './sinks/sink';
import { SNS_DIGEST } from './sinks/sns-digest-sink';
import type { TimeBudget } from './time-budget';

/**
 * A test alert's report (Report.test, or an OrgReport of it) to the sinks, as a run delivers its report, and what
 * each did, logged and returned. A failing SNS alert fails the invocation, as in a run.
 */
export async function deliverTestAlert(
  sinks: readonly Sink[],
  delivery: Delivery,
  budget: TimeBudget,
  logger: Logger,
): Promise<TestAlertSummary> {
  try {
    const delivered = await deliverToSinks(sinks, delivery, budget);
    const summary: TestAlertSummary = {
      test: true,
      delivered: [...delivered.receipts.keys()],
      notDelivered: delivered.failures.map(deliveryFailureText),
      messagesPublished: delivered.receipts.get(SNS_DIGEST)?.ids.length ?? 0,
    };
    if (summary.notDelivered.length > 0) logger.warn('test alert: some sinks could not deliver', { summary });
    else logger.info('test alert sent', { summary });
    return summary;
  } catch (error) {
    logger.error('test alert failed', { error: error as Error });
    throw error;
  }
}

import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { SeriesPoint } from './series';

/**
 * Writes the run's metrics: the stored ones (dimension `service`) as one EMF document, then one document per series
 * point, since each carries its own dimension values (a certificate, an account). Metrics never fail a run whose
 * alert has already gone out (a retry would send it twice): an error is logged and the rest is dropped.
 */
export function publishMetrics(metrics: Metrics, logger: Logger, series: readonly SeriesPoint[] = []): void {
  try {
    metrics.publishStoredMetrics();
    for (const point of series) {
      const single = metrics.singleMetric();
      for (const [name, value] of Object.entries(point.dimensions)) single.addDimension(name, value);
      single.addMetric(point.name, MetricUnit.Count, point.value);
    }
  } catch (error) {
    logger.error('could not publish metrics', { error: error as Error });
  }
}

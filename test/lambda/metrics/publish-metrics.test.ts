import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS } from '../../../contract/environment';
import { publishMetrics } from '../../../lambda/metrics/publish-metrics';

let output: string[];
let spy: jest.SpyInstance;

beforeEach(() => {
  output = [];
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    output.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  spy.mockRestore();
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

const silent = () => new Logger({ serviceName: METRICS.serviceName, logLevel: 'SILENT' });

function documents(): Record<string, unknown>[] {
  return output
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.includes('"_aws"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('publishMetrics', () => {
  it("writes the run's document first, then one document per series point with its own dimension values", () => {
    const logger = silent();
    const metrics = new Metrics({ namespace: METRICS.namespace, serviceName: METRICS.serviceName, logger });
    metrics.addMetric(METRICS.runCompleted, MetricUnit.Count, 1);

    publishMetrics(metrics, logger, [
      { name: 'DaysToExpiry', dimensions: { certificate: 'shop' }, value: 2 },
      { name: 'DaysToExpiry', dimensions: { certificate: 'api' }, value: -1 },
    ]);

    const [run, ...series] = documents();
    expect(run).toMatchObject({ RunCompleted: 1, service: METRICS.serviceName });
    expect(series).toEqual([
      expect.objectContaining({ DaysToExpiry: 2, certificate: 'shop', service: METRICS.serviceName }),
      expect.objectContaining({ DaysToExpiry: -1, certificate: 'api', service: METRICS.serviceName }),
    ]);
    for (const doc of series)
      expect(doc._aws).toMatchObject({
        CloudWatchMetrics: [{ Namespace: METRICS.namespace, Dimensions: [['service', 'certificate']] }],
      });
  });

  it('never throws: a failure is logged and the run goes on', () => {
    const logger = silent();
    const error = jest.spyOn(logger, 'error');
    const broken = {
      publishStoredMetrics: () => {
        throw new Error('EMF refused');
      },
    } as unknown as Metrics;

    expect(() => publishMetrics(broken, logger, [])).not.toThrow();
    expect(error).toHaveBeenCalledWith('could not publish metrics', { error: expect.any(Error) });
  });
});

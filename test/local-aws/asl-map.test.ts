/** What the local runner reads from the state machine definition, and how it applies it (pure). */
import { batchesOf, mapPlanOf, retryFor, selectItem, type AslDefinition } from '../../local-aws/asl-map';

const definition: AslDefinition = {
  StartAt: 'List',
  States: {
    List: { Type: 'Task', Next: 'Map' },
    Map: {
      Type: 'Map',
      MaxConcurrency: 3,
      ItemBatcher: { MaxItemsPerBatch: 2 },
      ItemSelector: { 'runId.$': '$.runId', 'account.$': '$$.Map.Item.Value', fixed: 1 },
      ToleratedFailurePercentage: 100,
      ItemProcessor: {
        StartAt: 'Scan',
        States: {
          Scan: {
            Type: 'Task',
            End: true,
            Retry: [
              { ErrorEquals: ['Lambda.TooManyRequestsException'], MaxAttempts: 6 },
              { ErrorEquals: ['States.ALL'], MaxAttempts: 1, IntervalSeconds: 5 },
            ],
          },
        },
      },
      Next: 'Aggregate',
    },
    Aggregate: { Type: 'Task', End: true },
  },
};

test('the Map plan: concurrency, batcher, selector, tolerated failures, the task and its retriers, state counts', () => {
  expect(mapPlanOf(definition)).toMatchObject({
    stateName: 'Map',
    maxConcurrency: 3,
    maxItemsPerBatch: 2,
    toleratedFailurePercentage: 100,
    taskState: 'Scan',
    parentStates: 3,
    childStates: 1,
  });
  const unsupported = JSON.parse(JSON.stringify(definition)) as { States: { Map: { ItemBatcher: object } } };
  unsupported.States.Map.ItemBatcher = { MaxItemsPerBatchPath: '$.n' };
  expect(() => mapPlanOf(unsupported as unknown as AslDefinition)).toThrow('ItemBatcher.MaxItemsPerBatchPath');
});

test('the ItemSelector reads the Map input and the item; an unsupported path is an error', () => {
  const plan = mapPlanOf(definition);
  expect(selectItem(plan.itemSelector, { runId: 'r1' }, { accountId: 'a' }, 0)).toEqual({
    runId: 'r1',
    account: { accountId: 'a' },
    fixed: 1,
  });
  expect(() => selectItem({ 'x.$': 'States.Format($.a)' }, {}, {}, 0)).toThrow('not supported');
});

test('batches: consecutive, at most MaxItemsPerBatch items and MaxInputBytesPerBatch bytes; none = one item each', () => {
  expect(batchesOf({ maxItemsPerBatch: 2 }, [1, 2, 3, 4, 5])).toEqual([[1, 2], [3, 4], [5]]);
  expect(batchesOf({ maxInputBytesPerBatch: 4 }, ['a', 'b', 'c'])).toEqual([['a'], ['b'], ['c']]);
  expect(batchesOf({}, [1, 2])).toEqual([[1], [2]]);
});

test('retry: the first retrier naming the error (or States.ALL) while it has attempts; backoff from its interval', () => {
  const { retry } = mapPlanOf(definition);
  expect(retryFor(retry, 'Lambda.TooManyRequestsException', [])).toEqual({ index: 0, waitMs: 1000 });
  expect(retryFor(retry, 'Lambda.TooManyRequestsException', [2])).toEqual({ index: 0, waitMs: 4000 });
  // Exhausted: no fall-through to States.ALL.
  expect(retryFor(retry, 'Lambda.TooManyRequestsException', [6])).toBeUndefined();
  expect(retryFor(retry, 'Error', [])).toEqual({ index: 1, waitMs: 5000 });
  expect(retryFor(retry, 'Error', [0, 1])).toBeUndefined();
});

/**
 * The parts of the organization run's Amazon States Language definition the local runner obeys (pure): the
 * Distributed Map's ItemSelector, ItemBatcher, MaxConcurrency and ToleratedFailurePercentage, and its task's Retry
 * list. Anything in those fields the runner cannot follow is an error, so that a change to the deployed definition
 * cannot pass the local runs unnoticed. https://states-language.net/spec.html
 */
import { batches } from '../lambda/domain/batches';

/** The ASL definition as synthesized (references replaced by placeholders). */
export interface AslDefinition {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface Retrier {
  readonly ErrorEquals: readonly string[];
  /** @default 3 (the ASL default) */
  readonly MaxAttempts?: number;
  /** @default 1 */
  readonly IntervalSeconds?: number;
  /** @default 2 */
  readonly BackoffRate?: number;
}

/** How the Map runs its children. */
export interface MapPlan {
  readonly stateName: string;
  /** 0 = no limit (ASL). */
  readonly maxConcurrency: number;
  readonly maxItemsPerBatch?: number;
  readonly maxInputBytesPerBatch?: number;
  readonly batchInput?: Readonly<Record<string, unknown>>;
  readonly itemSelector?: Readonly<Record<string, unknown>>;
  readonly toleratedFailurePercentage: number;
  /** The child's one task state and its retriers. */
  readonly taskState: string;
  readonly retry: readonly Retrier[];
  /** States of the parent workflow, and of one child. */
  readonly parentStates: number;
  readonly childStates: number;
}

/** The definition's one Distributed Map, read. */
export function mapPlanOf(definition: AslDefinition): MapPlan {
  const entries = Object.entries(definition.States).filter(([, s]) => s.Type === 'Map');
  if (entries.length !== 1) throw new Error(`expected one Map state, found ${entries.length}`);
  const [stateName, map] = entries[0]!;
  const processor = map.ItemProcessor as AslDefinition | undefined;
  if (!processor) throw new Error(`${stateName}: no ItemProcessor`);
  const task = processor.States[processor.StartAt];
  if (task?.Type !== 'Task') throw new Error(`${stateName}: the child must start with a Task state`);
  const batcher = map.ItemBatcher as Record<string, unknown> | undefined;
  for (const key of Object.keys(batcher ?? {}))
    if (!['MaxItemsPerBatch', 'MaxInputBytesPerBatch', 'BatchInput'].includes(key))
      throw new Error(`${stateName}: ItemBatcher.${key} is not supported by the local runner`);
  return {
    stateName,
    maxConcurrency: (map.MaxConcurrency as number | undefined) ?? 0,
    ...(typeof batcher?.MaxItemsPerBatch === 'number' ? { maxItemsPerBatch: batcher.MaxItemsPerBatch } : {}),
    ...(typeof batcher?.MaxInputBytesPerBatch === 'number'
      ? { maxInputBytesPerBatch: batcher.MaxInputBytesPerBatch }
      : {}),
    ...(batcher?.BatchInput ? { batchInput: batcher.BatchInput as Record<string, unknown> } : {}),
    ...(map.ItemSelector ? { itemSelector: map.ItemSelector as Record<string, unknown> } : {}),
    toleratedFailurePercentage: (map.ToleratedFailurePercentage as number | undefined) ?? 0,
    taskState: processor.StartAt,
    retry: (task.Retry as Retrier[] | undefined) ?? [],
    parentStates: Object.keys(definition.States).length,
    childStates: Object.keys(processor.States).length,
  };
}

/**
 * The ItemSelector applied to one item: `"key.$": "$.path"` reads the Map state's input, `$$.Map.Item.Value` and
 * `$$.Map.Item.Index` the item; other keys are copied.
 */
export function selectItem(
  selector: Readonly<Record<string, unknown>> | undefined,
  input: unknown,
  item: unknown,
  index: number,
): unknown {
  if (!selector) return item;
  return Object.fromEntries(
    Object.entries(selector).map(([key, value]) => {
      if (!key.endsWith('.$')) return [key, value];
      const path = String(value);
      if (path === '$$.Map.Item.Value') return [key.slice(0, -2), item];
      if (path === '$$.Map.Item.Index') return [key.slice(0, -2), index];
      if (!/^\$(\.[A-Za-z_][\w]*)*$/.test(path)) throw new Error(`ItemSelector ${key}: path ${path} is not supported`);
      const found = path
        .split('.')
        .slice(1)
        .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], input);
      return [key.slice(0, -2), found];
    }),
  );
}

/** Consecutive batches under MaxItemsPerBatch and MaxInputBytesPerBatch (items' JSON bytes); one item each without. */
export function batchesOf<T>(
  plan: Pick<MapPlan, 'maxItemsPerBatch' | 'maxInputBytesPerBatch'>,
  items: readonly T[],
): T[][] {
  if (plan.maxItemsPerBatch === undefined && plan.maxInputBytesPerBatch === undefined) return items.map((i) => [i]);
  return batches(items, {
    maxItems: plan.maxItemsPerBatch ?? Number.POSITIVE_INFINITY,
    maxBytes: plan.maxInputBytesPerBatch ?? Number.POSITIVE_INFINITY,
    sizeOf: (item) => Buffer.byteLength(JSON.stringify(item)),
  });
}

/**
 * The retrier that handles `error` after `attempts` (retries so far, per retrier), or none: the first whose
 * ErrorEquals names the error or `States.ALL` (`States.TaskFailed` matches any but a timeout), while it has attempts
 * left. Returns its index and the wait before the retry.
 */
export function retryFor(
  retriers: readonly Retrier[],
  error: string,
  attempts: readonly number[],
): { readonly index: number; readonly waitMs: number } | undefined {
  const index = retriers.findIndex((r) =>
    r.ErrorEquals.some(
      (e) => e === error || e === 'States.ALL' || (e === 'States.TaskFailed' && error !== 'States.Timeout'),
    ),
  );
  if (index < 0) return undefined;
  const retrier = retriers[index]!;
  const done = attempts[index] ?? 0;
  if (done >= (retrier.MaxAttempts ?? 3)) return undefined;
  const waitMs = (retrier.IntervalSeconds ?? 1) * 1000 * (retrier.BackoffRate ?? 2) ** done;
  return { index, waitMs };
}

/**
 * Carries a rollout plan out one place at a time through injected adapters: read the place, switch it only if it
 * still serves the old certificate, read it back and check the renewal is served, then move on. Stops at the first
 * failure. Re-running resumes: a place that serves the renewal already is reported done and not touched.
 */
import type { PlaceStep, RolloutTarget } from './plan';
import { actionsOf, type IamAction } from './permissions';

/** A listener's certificates as the read-back sees them. */
export interface ServedAtListener {
  readonly defaultCertificate?: string;
  readonly sni: readonly string[];
}

/** A distribution as read: what it serves, and how to switch it (an update conditional on this very read). */
export interface DistributionRead {
  /** The IAM certificate id or ACM ARN it serves; undefined: CloudFront's default certificate. */
  readonly served?: string;
  readonly switchTo: (target: RolloutTarget) => Promise<void>;
}

/** The reads and writes of each kind of place (lambda/rollout/aws-adapters.ts over the SDK; fakes in tests). */
export interface RolloutAdapters {
  readonly classicCertificate: (region: string, loadBalancer: string, port: number) => Promise<string | undefined>;
  readonly setClassicCertificate: (region: string, loadBalancer: string, port: number, arn: string) => Promise<void>;
  readonly listenerCertificates: (region: string, listenerArn: string) => Promise<ServedAtListener>;
  readonly setDefaultCertificate: (region: string, listenerArn: string, arn: string) => Promise<void>;
  readonly addSniCertificate: (region: string, listenerArn: string, arn: string) => Promise<void>;
  readonly removeSniCertificate: (region: string, listenerArn: string, arn: string) => Promise<void>;
  readonly distribution: (id: string) => Promise<DistributionRead>;
  /** `Deployed`, or `InProgress` while the edge locations still get the last change (and serve what was before). */
  readonly distributionStatus: (id: string) => Promise<string | undefined>;
}

export interface ApplyOptions {
  readonly sleep: (ms: number) => Promise<void>;
  /** Milliseconds, for the CertificateNotFound budget. */
  readonly now: () => number;
  /**
   * How long ELB may answer CertificateNotFound for a certificate IAM has (it can take about 15 minutes to reach
   * every region). @default CERTIFICATE_PROPAGATION_MS
   */
  readonly propagationMs?: number;
  /** Stops before the next place when aborted (Ctrl-C). @default never */
  readonly signal?: AbortSignal;
  /** Told each outcome as it happens, so a person sees progress. @default nothing */
  readonly onOutcome?: (outcome: StepOutcome) => void;
}

/** https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/ts-elb-error-api-response.html */
export const CERTIFICATE_PROPAGATION_MS = 15 * 60_000;
/** First wait after a CertificateNotFound; doubled each time up to the cap. */
const FIRST_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 60_000;
/** Attempts at a CloudFront update whose ETag another change made stale. */
export const PRECONDITION_ATTEMPTS = 3;

export type StepOutcome =
  | { readonly step: PlaceStep; readonly result: 'switched' | 'already' }
  | {
      readonly step: PlaceStep;
      readonly result: 'failed';
      readonly reason: string;
      /** The permission that was missing, when AWS denied the call. */
      readonly missing?: IamAction;
    };

export interface ApplyReport {
  /** In plan order, up to and including the first failure. */
  readonly outcomes: readonly StepOutcome[];
  /** Places not reached: after a failure, or after an interruption. */
  readonly left: readonly PlaceStep[];
  readonly interrupted: boolean;
}

export function failed(report: ApplyReport): boolean {
  return report.interrupted || report.outcomes.some((o) => o.result === 'failed');
}

/** A step that cannot go on, with its reason (and the permission AWS said was missing). */
class StepFailure extends Error {
  constructor(
    message: string,
    readonly missing?: IamAction,
  ) {
    super(message);
  }
}

export async function applyPlan(
  steps: readonly PlaceStep[],
  old: { readonly arn: string; readonly id: string },
  adapters: RolloutAdapters,
  options: ApplyOptions,
): Promise<ApplyReport> {
  const outcomes: StepOutcome[] = [];
  for (const [i, step] of steps.entries()) {
    if (options.signal?.aborted) return { outcomes, left: steps.slice(i), interrupted: true };
    let outcome: StepOutcome;
    try {
      outcome = { step, result: await applyStep(step, old, adapters, options) };
    } catch (error) {
      const failure = asFailure(error, step);
      outcome = {
        step,
        result: 'failed',
        reason: failure.message,
        ...(failure.missing ? { missing: failure.missing } : {}),
      };
    }
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
    if (outcome.result === 'failed') return { outcomes, left: steps.slice(i + 1), interrupted: false };
  }
  return { outcomes, left: [], interrupted: false };
}

/** The id CloudFront names an IAM certificate by, or the ACM ARN. */
function distributionRef(target: RolloutTarget): string {
  return target.store === 'iam' ? target.id : target.arn;
}

async function applyStep(
  step: PlaceStep,
  old: { readonly arn: string; readonly id: string },
  adapters: RolloutAdapters,
  options: ApplyOptions,
): Promise<'switched' | 'already'> {
  const to = step.to.arn;
  const write = (action: IamAction, run: () => Promise<void>): Promise<void> =>
    named(action, () => untilCertificateFound(run, step, options));
  const [read, writes] = actionsOf(step.kind);
  switch (step.kind) {
    case 'classic-listener': {
      const { region, name, port } = step.usage;
      const served = () => named(read, () => adapters.classicCertificate(region, name, port));
      const now = await served();
      if (now === to) return 'already';
      if (now !== old.arn) throw changedElsewhere(now);
      await write(writes[0]!, () => adapters.setClassicCertificate(region, name, port, to));
      const after = await served();
      if (after !== to) throw notServed(after);
      return 'switched';
    }
    case 'elbv2-default': {
      const { region } = step.usage;
      const served = () => named(read, () => adapters.listenerCertificates(region, step.listenerArn));
      const now = (await served()).defaultCertificate;
      if (now === to) return 'already';
      if (now !== old.arn) throw changedElsewhere(now);
      await write(writes[0]!, () => adapters.setDefaultCertificate(region, step.listenerArn, to));
      const after = (await served()).defaultCertificate;
      if (after !== to) throw notServed(after);
      return 'switched';
    }
    case 'elbv2-sni': {
      const { region } = step.usage;
      const served = () => named(read, () => adapters.listenerCertificates(region, step.listenerArn));
      const now = await served();
      if (!now.sni.includes(old.arn)) {
        if (now.sni.includes(to)) return 'already';
        throw new StepFailure(`neither ${old.arn} nor ${to} is an SNI certificate there now: changed since the read`);
      }
      if (!now.sni.includes(to)) {
        await write(writes[0]!, () => adapters.addSniCertificate(region, step.listenerArn, to));
        if (!(await served()).sni.includes(to)) throw new StepFailure(`read back: ${to} is not on the listener`);
      }
      await named(writes[1]!, () => adapters.removeSniCertificate(region, step.listenerArn, old.arn));
      const after = await served();
      if (!after.sni.includes(to) || after.sni.includes(old.arn)) {
        throw new StepFailure(`read back: the listener serves ${after.sni.join(', ') || 'no SNI certificate'}`);
      }
      return 'switched';
    }
    case 'cloudfront': {
      const ref = distributionRef(step.to);
      const readDistribution = () => named(read, () => adapters.distribution(step.usage.id));
      for (let attempt = 1; ; attempt += 1) {
        const now = await readDistribution();
        if (now.served === ref) return 'already';
        if (now.served !== old.id) throw changedElsewhere(now.served);
        try {
          await named(writes[0]!, () => now.switchTo(step.to));
          break;
        } catch (error) {
          // Another change landed between the read and the update: read again, and switch only if still needed.
          if (!isPreconditionFailed(error) || attempt >= PRECONDITION_ATTEMPTS) throw error;
        }
      }
      const after = (await readDistribution()).served;
      if (after !== ref) throw notServed(after);
      return 'switched';
    }
  }
}

function changedElsewhere(served: string | undefined): StepFailure {
  return new StepFailure(
    `it serves ${served ?? 'no certificate'}, neither the old certificate nor the renewal: changed since the read, not touched`,
  );
}

function notServed(served: string | undefined): StepFailure {
  return new StepFailure(`read back after the change: it serves ${served ?? 'no certificate'}, not the renewal`);
}

const CERTIFICATE_NOT_FOUND = new Set(['CertificateNotFoundException', 'CertificateNotFound']);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);

function isPreconditionFailed(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'PreconditionFailed';
}

/**
 * Retries a write that ELB answers CertificateNotFound (an IAM certificate not yet visible to ELB) with doubling
 * waits, until the propagation budget is spent; then the last error stands.
 */
async function untilCertificateFound(run: () => Promise<void>, step: PlaceStep, options: ApplyOptions): Promise<void> {
  const budget = options.propagationMs ?? CERTIFICATE_PROPAGATION_MS;
  const started = options.now();
  for (let wait = FIRST_BACKOFF_MS; ; wait = Math.min(wait * 2, MAX_BACKOFF_MS)) {
    try {
      await run();
      return;
    } catch (error) {
      const name = (error as Error | undefined)?.name ?? '';
      const spent = options.now() - started;
      if (!CERTIFICATE_NOT_FOUND.has(name)) throw error;
      if (spent + wait > budget) {
        throw new StepFailure(
          `ELB still answers CertificateNotFound for ${step.to.arn} after ${Math.round(spent / 1000)} s: ` +
            'check that the ARN is right (aws iam get-server-certificate) and run again later',
        );
      }
      await options.sleep(wait);
    }
  }
}

/** Runs one call, naming its IAM action if AWS denies it. */
async function named<T>(action: IamAction, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (DENIED.has((error as Error | undefined)?.name ?? '')) {
      throw new StepFailure(`access denied: your credentials lack ${action}`, action);
    }
    throw error;
  }
}

function asFailure(error: unknown, step: PlaceStep): StepFailure {
  if (error instanceof StepFailure) return error;
  const e = error as Error;
  const message = `${e.name ?? 'Error'}: ${e.message ?? String(error)}`.replace(/\s+/g, ' ');
  return new StepFailure(isPreconditionFailed(error) ? `${step.place} kept changing: ${message}` : message);
}

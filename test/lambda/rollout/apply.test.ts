import { applyPlan, CERTIFICATE_PROPAGATION_MS, type RolloutAdapters } from '../../../lambda/rollout/apply';
import type { PlaceStep, RolloutTarget } from '../../../lambda/rollout/plan';
import { classicUsage, distributionUsage, usage } from '../render/support';

const OLD = { arn: 'arn:aws:iam::123456789012:server-certificate/cloudfront/old', id: 'ASCAOLD' };
const NEW: RolloutTarget = {
  store: 'iam',
  name: 'new',
  arn: 'arn:aws:iam::123456789012:server-certificate/cloudfront/new',
  id: 'ASCANEW',
  path: '/cloudfront/',
};
const L1 = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/a/1/1';
const L2 = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/b/2/2';

const facts = { to: NEW, commands: [] };
const classic: PlaceStep = { ...facts, kind: 'classic-listener', place: 'Classic ELB legacy', usage: classicUsage() };
const byDefault: PlaceStep = { ...facts, kind: 'elbv2-default', place: 'ALB a', usage: usage(), listenerArn: L1 };
const sni: PlaceStep = {
  ...facts,
  kind: 'elbv2-sni',
  place: 'ALB b',
  usage: usage({ role: 'sni' }),
  listenerArn: L2,
  addNew: true,
};
const distribution: PlaceStep = {
  ...facts,
  kind: 'cloudfront',
  place: 'CloudFront E1',
  usage: distributionUsage({ id: 'E1' }),
};

/** An in-memory estate behind the adapters, with every write recorded and failures scriptable per call. */
function estate() {
  const state = {
    classic: OLD.arn as string | undefined,
    listeners: new Map<string, { defaultCertificate?: string; sni: string[] }>([
      [L1, { defaultCertificate: OLD.arn, sni: [] }],
      [L2, { defaultCertificate: 'other', sni: [OLD.arn] }],
    ]),
    distribution: OLD.id as string | undefined,
    etag: 1,
  };
  const writes: string[] = [];
  /** Errors thrown by the next calls of an action, in order. */
  const failures = new Map<string, Error[]>();
  const maybeFail = (action: string): void => {
    const error = failures.get(action)?.shift();
    if (error) throw error;
  };
  const adapters: RolloutAdapters = {
    classicCertificate: async () => state.classic,
    setClassicCertificate: async (_r, _n, _p, arn) => {
      maybeFail('setClassic');
      writes.push(`classic ${arn}`);
      state.classic = arn;
    },
    listenerCertificates: async (_r, l) => {
      const { defaultCertificate, sni } = state.listeners.get(l)!;
      return { ...(defaultCertificate ? { defaultCertificate } : {}), sni: [...sni] };
    },
    setDefaultCertificate: async (_r, l, arn) => {
      maybeFail('setDefault');
      writes.push(`default ${l} ${arn}`);
      state.listeners.get(l)!.defaultCertificate = arn;
    },
    addSniCertificate: async (_r, l, arn) => {
      maybeFail('addSni');
      writes.push(`add ${l} ${arn}`);
      state.listeners.get(l)!.sni.push(arn);
    },
    removeSniCertificate: async (_r, l, arn) => {
      maybeFail('removeSni');
      writes.push(`remove ${l} ${arn}`);
      const listener = state.listeners.get(l)!;
      listener.sni = listener.sni.filter((a) => a !== arn);
    },
    distributionStatus: async () => 'Deployed',
    distribution: async () => {
      const etag = state.etag;
      return {
        ...(state.distribution ? { served: state.distribution } : {}),
        switchTo: async (target) => {
          maybeFail('update');
          if (etag !== state.etag) throw Object.assign(new Error('stale'), { name: 'PreconditionFailed' });
          writes.push(`distribution ${target.store === 'iam' ? target.id : target.arn}`);
          state.distribution = target.store === 'iam' ? target.id : target.arn;
          state.etag += 1;
        },
      };
    },
  };
  let clock = 0;
  const sleeps: number[] = [];
  const options = {
    now: () => clock,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      clock += ms;
    },
  };
  return { state, writes, failures, adapters, options, sleeps };
}

const named = (name: string, message = name): Error => Object.assign(new Error(message), { name });

describe('applyPlan', () => {
  it('switches each kind of place and reads it back', async () => {
    const e = estate();
    const report = await applyPlan([sni, byDefault, classic, distribution], OLD, e.adapters, e.options);
    expect(report.outcomes.map((o) => o.result)).toEqual(['switched', 'switched', 'switched', 'switched']);
    expect(report.left).toEqual([]);
    expect(e.writes).toEqual([
      `add ${L2} ${NEW.arn}`,
      `remove ${L2} ${OLD.arn}`,
      `default ${L1} ${NEW.arn}`,
      `classic ${NEW.arn}`,
      'distribution ASCANEW',
    ]);
  });

  it('resumes: a place on the renewal already is done and not touched', async () => {
    const e = estate();
    await applyPlan([byDefault, sni], OLD, e.adapters, e.options);
    const before = e.writes.length;
    const again = await applyPlan([byDefault, sni], OLD, e.adapters, e.options);
    expect(again.outcomes.map((o) => o.result)).toEqual(['already', 'already']);
    expect(e.writes).toHaveLength(before);
  });

  it('an SNI swap whose renewal is on the listener already only removes the old one', async () => {
    const e = estate();
    e.state.listeners.get(L2)!.sni.push(NEW.arn);
    const report = await applyPlan([{ ...sni, addNew: false }], OLD, e.adapters, e.options);
    expect(report.outcomes[0]!.result).toBe('switched');
    expect(e.writes).toEqual([`remove ${L2} ${OLD.arn}`]);
  });

  it('leaves a place that serves a third certificate alone, and stops there', async () => {
    const e = estate();
    e.state.listeners.get(L1)!.defaultCertificate = 'arn:someone-else';
    const report = await applyPlan([byDefault, classic], OLD, e.adapters, e.options);
    expect(report.outcomes).toEqual([
      {
        step: byDefault,
        result: 'failed',
        reason:
          'it serves arn:someone-else, neither the old certificate nor the renewal: changed since the read, not touched',
      },
    ]);
    expect(report.left).toEqual([classic]);
    expect(e.writes).toEqual([]);
  });

  it('fails a step whose read-back does not show the renewal', async () => {
    const e = estate();
    const report = await applyPlan(
      [classic],
      OLD,
      { ...e.adapters, setClassicCertificate: async () => undefined },
      e.options,
    );
    expect(report.outcomes[0]).toMatchObject({
      result: 'failed',
      reason: `read back after the change: it serves ${OLD.arn}, not the renewal`,
    });
  });

  it('retries CertificateNotFound with doubling waits, and gives up when the propagation time is spent', async () => {
    const e = estate();
    e.failures.set('setDefault', [named('CertificateNotFoundException'), named('CertificateNotFoundException')]);
    const ok = await applyPlan([byDefault], OLD, e.adapters, e.options);
    expect(ok.outcomes[0]!.result).toBe('switched');
    expect(e.sleeps).toEqual([5_000, 10_000]);

    const late = estate();
    late.failures.set(
      'setClassic',
      Array.from({ length: 100 }, () => named('CertificateNotFoundException')),
    );
    const report = await applyPlan([classic], OLD, late.adapters, late.options);
    expect(report.outcomes[0]).toMatchObject({ result: 'failed' });
    expect(report.outcomes[0]!.result === 'failed' && report.outcomes[0]!.reason).toMatch(
      /^ELB still answers CertificateNotFound for \S+new after \d+ s/,
    );
    const waited = late.sleeps.reduce((a, b) => a + b, 0);
    expect(waited).toBeLessThanOrEqual(CERTIFICATE_PROPAGATION_MS);
    expect(Math.max(...late.sleeps)).toBe(60_000);
  });

  it('names the IAM action AWS denied', async () => {
    const e = estate();
    e.failures.set('removeSni', [named('AccessDenied', 'User: x is not authorized')]);
    const report = await applyPlan([sni], OLD, e.adapters, e.options);
    expect(report.outcomes[0]).toMatchObject({
      result: 'failed',
      reason: 'access denied: your credentials lack elasticloadbalancing:RemoveListenerCertificates',
      missing: 'elasticloadbalancing:RemoveListenerCertificates',
    });
  });

  it('a stale CloudFront ETag is read again; a distribution another run switched meanwhile is left as it is', async () => {
    const e = estate();
    e.failures.set('update', [named('PreconditionFailed')]);
    expect((await applyPlan([distribution], OLD, e.adapters, e.options)).outcomes[0]!.result).toBe('switched');

    const raced = estate();
    const adapters: RolloutAdapters = {
      ...raced.adapters,
      distribution: async (id) => {
        const read = await raced.adapters.distribution(id);
        return {
          ...read,
          // Another run switches it between this read and its update.
          switchTo: async (target) => {
            raced.state.distribution = NEW.id;
            raced.state.etag += 1;
            await read.switchTo(target);
          },
        };
      },
    };
    expect((await applyPlan([distribution], OLD, adapters, raced.options)).outcomes[0]!.result).toBe('already');
    expect(raced.writes).toEqual([]);
  });

  it('gives up on a distribution that keeps changing', async () => {
    const e = estate();
    e.failures.set('update', [named('PreconditionFailed'), named('PreconditionFailed'), named('PreconditionFailed')]);
    const report = await applyPlan([distribution], OLD, e.adapters, e.options);
    expect(report.outcomes[0]).toMatchObject({
      result: 'failed',
      reason: 'CloudFront E1 kept changing: PreconditionFailed: PreconditionFailed',
    });
  });

  it('stops before the next place once interrupted, and says what is left', async () => {
    const e = estate();
    const interrupt = new AbortController();
    const report = await applyPlan([byDefault, classic, distribution], OLD, e.adapters, {
      ...e.options,
      signal: interrupt.signal,
      onOutcome: () => interrupt.abort(),
    });
    expect(report.interrupted).toBe(true);
    expect(report.outcomes).toHaveLength(1);
    expect(report.left).toEqual([classic, distribution]);
  });
});

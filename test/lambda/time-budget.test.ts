/** One invocation's time: the scan's deadline, then each optional sink's share of what is left before the reserve. */
import { TimeBudget } from '../../lambda/time-budget';

/** A clock that stands still unless moved. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TimeBudget', () => {
  it('shares what is left before the reserve equally among the optional sinks still to run', () => {
    const time = clock();
    const budget = new TimeBudget({ remainingMs: 900_000, reserveMs: 30_000, optionalSinksMs: 60_000, now: time.now });
    // The scan used all but the sinks' 60 s.
    time.advance(810_000);
    expect(budget.sinkShare(2).ms).toBe(30_000);
    // The first sink was quick: the second gets what it left.
    time.advance(1_000);
    expect(budget.sinkShare(1).ms).toBe(59_000);
  });

  it('a scan that ends early leaves the sinks its time too', () => {
    const time = clock();
    const budget = new TimeBudget({ remainingMs: 900_000, reserveMs: 30_000, optionalSinksMs: 60_000, now: time.now });
    time.advance(70_000);
    expect(budget.sinkShare(2).ms).toBe(400_000);
  });

  it('no time left before the reserve: a share of 0 whose signal has already fired', () => {
    const time = clock();
    const budget = new TimeBudget({ remainingMs: 8_000, reserveMs: 30_000, now: time.now });
    const share = budget.sinkShare(1);
    expect(share.ms).toBe(0);
    expect(share.signal.aborted).toBe(true);
    expect((share.signal.reason as Error).name).toBe('TimeoutError');
  });

  it('a share with time in it fires when it is over', async () => {
    const budget = new TimeBudget({ remainingMs: 1_050, reserveMs: 1_000, now: () => 0 });
    const share = budget.sinkShare(1);
    expect(share).toMatchObject({ ms: 50, signal: { aborted: false } });
    await new Promise((resolve) => share.signal.addEventListener('abort', resolve));
    expect((share.signal.reason as Error).name).toBe('TimeoutError');
  });
});

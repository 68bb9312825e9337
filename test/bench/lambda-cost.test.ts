import { fitsTimeout, LAMBDA_PRICE, projectWallS, runCost } from '../../bench/lambda-cost';

describe('runCost', () => {
  test('bills init plus invocation, rounded up to the millisecond, as MB/1024 x seconds', () => {
    const cost = runCost(512, 0.3004, 10);
    expect(cost.durationS).toBe(10.301);
    expect(cost.gbSeconds).toBeCloseTo(5.1505, 10);
    expect(cost.costUsd).toBeCloseTo(5.1505 * LAMBDA_PRICE.usdPerGbSecond + 0.0000002, 15);
  });

  test('the request price is paid even for an instant run', () => {
    expect(runCost(1769, 0, 0)).toEqual({ durationS: 0, gbSeconds: 0, costUsd: 0.0000002 });
  });
});

describe('fitsTimeout', () => {
  test('the invocation must end before the 15-minute timeout minus the 30 s publish reserve', () => {
    expect(fitsTimeout(870)).toBe(true);
    expect(fitsTimeout(870.001)).toBe(false);
    expect(fitsTimeout(50, 60, 10)).toBe(true);
    expect(fitsTimeout(51, 60, 10)).toBe(false);
  });
});

describe('projectWallS', () => {
  test('keeps the waiting and stretches the CPU time by the ratio of shares', () => {
    // 10 s wall with 4 s of CPU at a full core: 6 s waiting, 4 s of CPU = 8 s at half a core.
    expect(projectWallS({ wallS: 10, cpuS: 4, share: 1 }, 0.5)).toBe(14);
    expect(projectWallS({ wallS: 10, cpuS: 4, share: 0.5 }, 1)).toBe(6);
  });

  test('a run that used more than its share (several threads) counts as all CPU', () => {
    expect(projectWallS({ wallS: 2, cpuS: 3, share: 1 }, 0.25)).toBe(12);
  });
});

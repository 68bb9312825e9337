import {
  cfsQuotaUs,
  chooseCpuController,
  lambdaCpuShare,
  parseCgroupMounts,
  parseThrottling,
} from '../../bench/cpu-quota';

const V1_AND_V2 = [
  'tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0',
  'cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0',
  'cgroup /sys/fs/cgroup/cpuacct cgroup rw,relatime,cpuacct 0 0',
  'cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0',
  'proc /proc proc rw 0 0',
].join('\n');

describe('Lambda CPU share', () => {
  test('1,769 MB is one vCPU; smaller sizes get their proportion', () => {
    expect(lambdaCpuShare(1769)).toBe(1);
    expect(lambdaCpuShare(512)).toBeCloseTo(0.2894, 4);
    expect(lambdaCpuShare(3538)).toBe(2);
  });

  test('a memory size must be positive', () => {
    expect(() => lambdaCpuShare(0)).toThrow('memory size must be positive');
  });

  test('the CFS quota is the share of the period, never under the kernel minimum of 1 ms', () => {
    expect(cfsQuotaUs(1)).toBe(100_000);
    expect(cfsQuotaUs(lambdaCpuShare(256))).toBe(14_471);
    expect(cfsQuotaUs(0.001)).toBe(1000);
    expect(cfsQuotaUs(0.5, 200_000)).toBe(100_000);
  });
});

describe('choosing a CPU controller', () => {
  test('reads cgroup mounts and their v1 controllers', () => {
    expect(parseCgroupMounts(V1_AND_V2)).toEqual([
      { path: '/sys/fs/cgroup/cpu', type: 'cgroup', options: ['rw', 'relatime', 'cpu'] },
      { path: '/sys/fs/cgroup/cpuacct', type: 'cgroup', options: ['rw', 'relatime', 'cpuacct'] },
      { path: '/sys/fs/cgroup/unified', type: 'cgroup2', options: ['rw', 'relatime'] },
    ]);
  });

  test('prefers the v1 cpu hierarchy', () => {
    expect(chooseCpuController(parseCgroupMounts(V1_AND_V2), () => ['cpu'])).toEqual({
      kind: 'v1',
      root: '/sys/fs/cgroup/cpu',
    });
  });

  test('uses a v2 hierarchy only when it offers the cpu controller', () => {
    const v2Only = parseCgroupMounts('cgroup2 /sys/fs/cgroup cgroup2 rw,nsdelegate 0 0');
    expect(chooseCpuController(v2Only, () => ['cpuset', 'cpu', 'io'])).toEqual({ kind: 'v2', root: '/sys/fs/cgroup' });
    expect(chooseCpuController(v2Only, () => ['memory', 'pids'])).toEqual({
      kind: 'none',
      reason: 'cgroup v2 at /sys/fs/cgroup has no cpu controller, and no cgroup v1 cpu hierarchy is mounted',
    });
  });

  test('says so when nothing is mounted', () => {
    expect(chooseCpuController([], () => [])).toEqual({
      kind: 'none',
      reason: 'no cgroup hierarchy with a cpu controller is mounted',
    });
  });
});

describe('throttling from cpu.stat', () => {
  test('v1 reports nanoseconds', () => {
    expect(parseThrottling('nr_periods 120\nnr_throttled 80\nthrottled_time 2500000000\n')).toEqual({
      periods: 120,
      throttledPeriods: 80,
      throttledMs: 2500,
    });
  });

  test('v2 reports microseconds', () => {
    expect(parseThrottling('usage_usec 9\nnr_periods 10\nnr_throttled 4\nthrottled_usec 1500\n')).toEqual({
      periods: 10,
      throttledPeriods: 4,
      throttledMs: 1.5,
    });
  });
});

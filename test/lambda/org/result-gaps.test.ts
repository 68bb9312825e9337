/** A quiet account's gaps between the scan step and the aggregate step: capped out, checked back in. */
import { RESULT_GAP_REASON_MAX_CHARS, RESULT_GAPS_MAX } from '../../../contract/organization';
import { carriedGaps, gapsOfResult } from '../../../lambda/org/result-gaps';
import type { CoverageGap } from '../../../lambda/domain/types';

const gap = (i: number, reason = 'AccessDenied'): CoverageGap => ({ region: `region-${i}`, service: 'elb', reason });

describe('carriedGaps', () => {
  it('carries the scan gaps, nothing when there are none', () => {
    expect(carriedGaps([])).toEqual({});
    expect(carriedGaps([gap(1)])).toEqual({ gaps: [gap(1)] });
  });

  it('keeps at most RESULT_GAPS_MAX gaps and counts the rest; shortens long reasons', () => {
    const many = Array.from({ length: RESULT_GAPS_MAX + 7 }, (_, i) => gap(i, 'x'.repeat(10_000)));
    const carried = carriedGaps(many);
    expect(carried.gaps).toHaveLength(RESULT_GAPS_MAX);
    expect(carried.gapsOmitted).toBe(7);
    expect(carried.gaps!.map((g) => g.region)).toEqual(many.slice(0, RESULT_GAPS_MAX).map((g) => g.region));
    expect(carried.gaps!.every((g) => g.reason.length === RESULT_GAP_REASON_MAX_CHARS && g.reason.endsWith('…'))).toBe(
      true,
    );
    // Far below the 256 KiB state payload, beside the rest of the result.
    expect(Buffer.byteLength(JSON.stringify(carried))).toBeLessThan(16_384);
  });
});

describe('gapsOfResult', () => {
  it('reads the carried gaps back, and what was omitted', () => {
    expect(gapsOfResult({ gaps: [gap(1)], gapsOmitted: 3 })).toEqual({ gaps: [gap(1)], omitted: 3 });
    expect(gapsOfResult({})).toEqual({ gaps: [], omitted: 0 });
  });

  it('counts a malformed entry or an unknown service as omitted, never drops it silently', () => {
    const read = gapsOfResult({
      gaps: [gap(1), { region: 'eu-west-1', service: 'sink', reason: 'x' }, { region: 1 }, null, 'elb'],
      gapsOmitted: -2,
    });
    expect(read).toEqual({ gaps: [gap(1)], omitted: 4 });
    expect(gapsOfResult({ gaps: 'elb', gapsOmitted: 'many' })).toEqual({ gaps: [], omitted: 0 });
  });
});

// The duration summary the counter's dashboard and the office's floor view share.
import { describe, expect, it } from 'vitest';
import { CellMap } from '../../statistics/cells.ts';
import { bucketOf } from '../../statistics/histogram.ts';
import { estimateAccuracy, estimateFrom } from '../../statistics/estimate.ts';
import { exactSummary } from '../../statistics/summary.ts';

describe('statistics shared by the counter and the office', () => {
  it('an exact summary has the maximum as well as the median and p90', () => {
    expect(exactSummary([300, 60, 1500, 120])).toEqual({
      count: 4,
      meanSeconds: 495,
      medianSeconds: 210,
      p90Seconds: 1140,
      maxSeconds: 1500,
    });
  });

  it('from a histogram: the maximum is kept exactly, and a percentile never passes it', () => {
    const cells = new CellMap();
    const hist = new Array<number>(60).fill(0);
    hist[bucketOf(125)] = 1; // one wait of 2 min 5 s: the bucket is [120, 180)
    cells.add('all', '*', 'wait', { n: 1, sum: 125, max: 125, hist });
    expect(cells.summary('all', '*', 'wait')).toMatchObject({ count: 1, meanSeconds: 125, maxSeconds: 125 });
    expect(cells.summary('all', '*', 'wait').p90Seconds).toBeLessThanOrEqual(125);
  });

  it('sums days by adding, and merges maxima by the largest', () => {
    const cells = new CellMap();
    cells.add('hour', '09', 'wait', { n: 2, sum: 600, max: 400, hist: null });
    cells.add('hour', '09', 'wait', { n: 1, sum: 900, max: 900, hist: null });
    expect(cells.get('hour', '09', 'wait')).toMatchObject({ n: 3, sum: 1500, max: 900 });
    expect(cells.keysOf('hour')).toEqual(['09']);
  });

  it('the estimate: people ahead × mean service ÷ active counters; its accuracy within 5 minutes counted exactly', () => {
    expect(estimateFrom(6, [300, 420, 360], 3).seconds).toBe(720);
    expect(estimateFrom(2, [], 0)).toMatchObject({ seconds: 1200, activeCounters: 1 });
    const errors = new CellMap();
    const hist = new Array<number>(60).fill(0);
    for (const e of [0, 120, 299, 300, 900]) hist[bucketOf(e)]! += 1;
    errors.add('all', '*', 'estimate', { n: 5, sum: 1619, max: 900, hist });
    errors.add('all', '*', 'estimate-bias', { n: 5, sum: -1619 + 2 * 900, hist: null });
    expect(estimateAccuracy(errors.get('all', '*', 'estimate'), errors.get('all', '*', 'estimate-bias'))).toEqual({
      count: 5,
      meanAbsErrorSeconds: 324,
      meanBiasSeconds: 36,
      within5MinutesShare: 3 / 5,
    });
  });
});

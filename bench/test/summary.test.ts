import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundRow, infoRow, type Row, ratioRow, summariseRuns } from '../lib/report.js';

// Three runs of two scenarios, as `npm run bench -- --runs 3` gathers them.
const run = (rate: number, ceiling: number, p99: number, cpu: number): Row[] => [
  ratioRow('throughput', 'deliveries/s vs ceiling', rate, '/s', ceiling, 0.8, 'ceiling'),
  boundRow('latency', 'click→receiver p99', p99, 'ms', '≤', 25),
  infoRow('throughput', 'server CPU', cpu, '%core'),
];

describe('summariseRuns (bench --runs N)', () => {
  it('gives each metric its median value and ratio, judged by the median, with the spread of every run', () => {
    // ratios 0.9, 0.6, 0.85: one run fails the 0.8× line, the median (0.85) passes it.
    const rows = summariseRuns([run(18_000, 20_000, 30, 120), run(12_000, 20_000, 10, 110), run(17_000, 20_000, 20, 130)]);
    assert.deepEqual(
      rows.map((r) => [r.scenario, r.metric]),
      [
        ['throughput', 'deliveries/s vs ceiling'],
        ['latency', 'click→receiver p99'],
        ['throughput', 'server CPU'],
      ],
      'in the order of the first run',
    );
    const [throughput, latency, cpu] = rows;
    assert.equal(throughput!.value, 17_000);
    assert.equal(throughput!.ratio, 0.85);
    assert.equal(throughput!.status, 'PASS');
    assert.equal(throughput!.note, 'median of 3; ratio 0.60–0.90×');
    assert.equal(latency!.value, 20);
    assert.equal(latency!.status, 'PASS', 'p99 20 ms ≤ 25 although one run had 30');
    assert.equal(latency!.note, 'median of 3; 10.0 ms–30.0 ms');
    assert.equal(cpu!.status, 'info');
    assert.equal(cpu!.value, 120);
  });

  it('judges a failing median as FAIL, and counts a run that measured nothing without letting it into the median', () => {
    const broken: Row[] = [{ scenario: 'throughput', metric: 'deliveries/s vs ceiling', value: null, unit: '/s', status: 'error', note: 'node exited' }];
    const rows = summariseRuns([run(10_000, 20_000, 40, 100), broken, run(12_000, 20_000, 50, 100), run(11_000, 20_000, 45, 100)]);
    const throughput = rows.find((r) => r.metric === 'deliveries/s vs ceiling')!;
    assert.equal(throughput.value, 11_000);
    assert.equal(throughput.ratio, 0.55);
    assert.equal(throughput.status, 'FAIL');
    assert.equal(throughput.note, 'median of 3 (1 not measured); ratio 0.50–0.60×');
    assert.equal(rows.find((r) => r.metric === 'click→receiver p99')!.status, 'FAIL');
  });
});

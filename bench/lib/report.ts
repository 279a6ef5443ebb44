// Result rows, the scenario contract, and the final table.

export type Status = 'PASS' | 'FAIL' | 'info' | 'n/a' | 'skip' | 'error';

export interface Row {
  scenario: string;
  metric: string;
  value: number | null;
  unit: string;
  baseline?: number | null;
  ratio?: number | null;
  target?: string;
  /** What the status checks, so a summary of several runs can judge its median the same way. */
  check?: { ratioAtLeast: number } | { op: '≤' | '≥' | '<'; bound: number };
  status: Status;
  note?: string;
}

export interface Params {
  quick: boolean;
  /** Deliveries in a drained backlog (throughput baselines, Linkwire throughput and PostgreSQL). */
  backlogN: number;
  /** Concurrent requests of the ceiling and the BullMQ worker. */
  concurrency: number;
  /** autocannon run length and connections for the redirect comparisons. */
  redirectSeconds: number;
  redirectConnections: number;
  /** Paced clicks per second and seconds, latency scenario. */
  latencyRate: number;
  latencySeconds: number;
  isolationEvents: number;
  hugeBacklog: number;
}

/** The --backlog size; LINKWIRE_BENCH_BACKLOG overrides it (e.g. for a shorter trial run). */
const HUGE = Number(process.env.LINKWIRE_BENCH_BACKLOG ?? 1_000_000);
/** LINKWIRE_BENCH_N overrides the drained backlog of the throughput comparison (A/B experiments). */
const DRAIN_N = process.env.LINKWIRE_BENCH_N ? Number(process.env.LINKWIRE_BENCH_N) : null;

export function params(quick: boolean): Params {
  return quick
    ? {
        quick,
        backlogN: DRAIN_N ?? 5000,
        concurrency: 64,
        redirectSeconds: 3,
        redirectConnections: 32,
        latencyRate: 1000,
        latencySeconds: 4,
        isolationEvents: 1000,
        hugeBacklog: HUGE,
      }
    : {
        quick,
        // 60 000, not 20 000: at this machine's ~20 000 /s the ceiling's timed window was one second,
        // and BullMQ's and Linkwire's two to three; the ratios moved ±25 % between consecutive runs.
        backlogN: DRAIN_N ?? 60_000,
        concurrency: 64,
        redirectSeconds: 10,
        redirectConnections: 32,
        latencyRate: 1000,
        latencySeconds: 10,
        isolationEvents: 4000,
        hugeBacklog: HUGE,
      };
}

export interface Context {
  params: Params;
  /** Figures shared between scenarios, e.g. `ceiling.deliveriesPerSec`. */
  figures: Map<string, number>;
  /** Extra detail for the JSON file. */
  detail: Record<string, unknown>;
  log(msg: string): void;
}

export interface Scenario {
  name: string;
  kind: 'baseline' | 'linkwire';
  /** Scenarios whose figures this one compares against (run first when selected with --only). */
  needs?: string[];
  /** Only with --backlog. */
  optIn?: boolean;
  description: string;
  run(ctx: Context): Promise<Row[]>;
}

/** A Linkwire scenario that cannot start (server not built, CLI command missing, …): not a pass, not a measurement. */
export class NotAvailable extends Error {}

/** A comparison row: value vs baseline with a minimum (or maximum) ratio target. */
export function ratioRow(scenario: string, metric: string, value: number, unit: string, baseline: number | undefined, min: number, baselineName: string): Row {
  if (baseline === undefined || !Number.isFinite(baseline) || baseline <= 0) {
    return {
      scenario,
      metric,
      value,
      unit,
      baseline: null,
      ratio: null,
      target: `≥${min}× ${baselineName}`,
      status: 'n/a',
      note: `baseline ${baselineName} not measured`,
    };
  }
  const ratio = value / baseline;
  return {
    scenario,
    metric,
    value,
    unit,
    baseline,
    ratio,
    target: `≥${min}× ${baselineName}`,
    check: { ratioAtLeast: min },
    status: ratio >= min ? 'PASS' : 'FAIL',
  };
}

/** A row checked against an absolute bound. */
export function boundRow(scenario: string, metric: string, value: number, unit: string, op: '≤' | '≥' | '<', bound: number): Row {
  return { scenario, metric, value, unit, target: `${op}${bound} ${unit}`, check: { op, bound }, status: meetsBound(value, op, bound) ? 'PASS' : 'FAIL' };
}

function meetsBound(value: number, op: '≤' | '≥' | '<', bound: number): boolean {
  const ok = op === '≤' ? value <= bound : op === '<' ? value < bound : value >= bound;
  return Number.isFinite(value) && ok;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Several runs of the same scenarios, each with its own baselines measured beside it, as one row
 * per metric: the median value and ratio, judged against the row's target, with the spread of
 * every run in the note. A metric missing from a run (an error) counts in `runs`, not in the median.
 */
export function summariseRuns(runs: Row[][]): Row[] {
  const keyOf = (r: Row) => `${r.scenario}\u0000${r.metric}`;
  const order: string[] = [];
  const byKey = new Map<string, Row[]>();
  for (const run of runs)
    for (const r of run) {
      const k = keyOf(r);
      if (!byKey.has(k)) {
        byKey.set(k, []);
        order.push(k);
      }
      byKey.get(k)!.push(r);
    }
  return order.map((k) => {
    const rows = byKey.get(k)!;
    const first = rows[0]!;
    const measured = rows.filter((r) => r.value !== null && Number.isFinite(r.value));
    if (measured.length === 0) return { ...first, note: `${rows.length} runs, none measured${first.note ? `; ${first.note}` : ''}` };
    const values = measured.map((r) => r.value as number);
    const ratios = measured.map((r) => r.ratio).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
    const value = median(values);
    const ratio = ratios.length ? median(ratios) : null;
    const baselines = measured.map((r) => r.baseline).filter((x): x is number => typeof x === 'number');
    const spread = ratios.length
      ? `ratio ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×`
      : `${fmt(Math.min(...values), first.unit)}–${fmt(Math.max(...values), first.unit)}`;
    const c = first.check;
    let status: Status = first.status === 'info' ? 'info' : first.status;
    if (c && 'ratioAtLeast' in c) status = ratio !== null && ratio >= c.ratioAtLeast ? 'PASS' : 'FAIL';
    else if (c) status = meetsBound(value, c.op, c.bound) ? 'PASS' : 'FAIL';
    const missing = rows.length - measured.length;
    return {
      ...first,
      value,
      baseline: baselines.length ? median(baselines) : (first.baseline ?? null),
      ratio,
      status,
      note: `median of ${measured.length}${missing ? ` (${missing} not measured)` : ''}; ${spread}`,
    };
  });
}

export function infoRow(scenario: string, metric: string, value: number, unit: string, note?: string): Row {
  return { scenario, metric, value, unit, status: 'info', ...(note ? { note } : {}) };
}

function fmt(v: number | null | undefined, unit = ''): string {
  if (v === null || v === undefined) return '';
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  const s = abs >= 100 ? Math.round(v).toLocaleString('en-US') : abs >= 10 ? v.toFixed(1) : v.toFixed(2);
  return unit ? `${s} ${unit}` : s;
}

function clip(s: string, max = 140): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function printTable(rows: Row[]): string {
  const header = ['scenario', 'metric', 'value', 'baseline', 'ratio', 'target', 'result'];
  const body = rows.map((r) => [
    r.scenario,
    r.metric,
    fmt(r.value, r.unit),
    fmt(r.baseline, r.baseline != null ? r.unit : ''),
    r.ratio != null ? `${fmt(r.ratio)}×` : '',
    r.target ?? '',
    r.status === 'n/a'
      ? clip(r.note ?? 'not available')
      : r.status === 'error' || r.status === 'skip'
        ? `${r.status}: ${r.note ?? ''}`
        : r.note
          ? `${r.status} (${r.note})`
          : r.status,
  ]);
  // the last column is free-width; the others are padded
  const widths = header.map((h, i) => (i === header.length - 1 ? 0 : Math.max(h.length, ...body.map((b) => (b[i] ?? '').length))));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : i >= 2 && i <= 4 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  const out = [line(header), widths.map((w, i) => '-'.repeat(i === widths.length - 1 ? 6 : w)).join('  '), ...body.map(line)].join('\n');
  return out;
}

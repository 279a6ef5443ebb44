// Hand-rolled SVG charts: a multi-series line chart with hover/keyboard read-out, and bar lists.
import { useState } from 'preact/hooks';
import { linePath, niceMax } from './charts-math';

export interface Series {
  name: string;
  values: number[];
  format?: (v: number) => string;
}

export function LineChart({ labels, series, title, height = 220 }: { labels: string[]; series: Series[]; title: string; height?: number }) {
  const [hover, setHover] = useState<number | null>(null);
  const W = 960;
  const H = height;
  const padL = 40;
  const padB = 24;
  const padT = 8;
  const w = W - padL - 8;
  const h = H - padB - padT;
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const n = labels.length;
  const step = n > 1 ? w / (n - 1) : 0;
  const mantissa = max / 10 ** Math.floor(Math.log10(max));
  const fractions = mantissa === 2.5 || mantissa === 5 ? [0, 0.2, 0.4, 0.6, 0.8, 1] : [0, 0.25, 0.5, 0.75, 1];
  const ticks = fractions.map((f) => f * max);
  const labelEvery = Math.max(1, Math.ceil(n / 7));
  const fmtY = series[0]?.format ?? ((v: number) => (max >= 1000 ? `${(v / 1000).toFixed(v % 1000 ? 1 : 0)}k` : String(Math.round(v * 100) / 100)));
  const idx = hover ?? n - 1;
  const summary = series.map((s) => `${s.name}: ${s.values.reduce((a, b) => a + b, 0)}`).join(', ');

  function onMove(e: PointerEvent) {
    const svg = e.currentTarget as SVGSVGElement;
    const rect = svg.getBoundingClientRect();
    const x = ((e.clientX - rect.left) / rect.width) * W - padL;
    const i = step ? Math.round(x / step) : 0;
    setHover(Math.max(0, Math.min(n - 1, i)));
  }

  return (
    <figure class="chart" style={{ margin: 0 }}>
      <div class="chart-tip" aria-hidden="true">
        {n > 0 && (
          <>
            <strong>{labels[idx]}</strong>
            {series.map((s, si) => (
              <span key={s.name}>
                {' · '}
                <span class={`dot`} style={{ background: `var(--chart-${si + 1})` }} /> {s.name} <strong>{(s.format ?? String)(s.values[idx] ?? 0)}</strong>
              </span>
            ))}
          </>
        )}
      </div>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${title}. ${labels[0] ?? ''} to ${labels[n - 1] ?? ''}. Totals: ${summary}.`}
        onPointerMove={onMove}
        onPointerLeave={() => setHover(null)}
      >
        <g transform={`translate(${padL},${padT})`}>
          {ticks.map((t) => (
            <g key={t}>
              <line class="grid-line" x1={0} x2={w} y1={h - (t / max) * h} y2={h - (t / max) * h} />
              <text class="axis-label" x={-8} y={h - (t / max) * h + 4} text-anchor="end">
                {fmtY(t)}
              </text>
            </g>
          ))}
          {labels.map((l, i) =>
            i % labelEvery === 0 || i === n - 1 ? (
              <text key={l} class="axis-label" x={i * step} y={h + 18} text-anchor={i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'}>
                {l.slice(5)}
              </text>
            ) : null,
          )}
          {series.map((s, si) => {
            const d = linePath(s.values, w, h, max);
            return (
              <g key={s.name}>
                {si === 0 && n > 1 && <path class={`area-${si + 1}`} d={`${d} L${w},${h} L0,${h} Z`} />}
                <path class={`line series-${si + 1}`} d={d} />
              </g>
            );
          })}
          {hover !== null && (
            <g>
              <line class="hover-line" x1={hover * step} x2={hover * step} y1={0} y2={h} />
              {series.map((s, si) => (
                <circle key={s.name} class={`hover-dot-${si + 1}`} r={4} cx={hover * step} cy={h - ((s.values[hover] ?? 0) / max) * h} />
              ))}
            </g>
          )}
        </g>
      </svg>
      <figcaption class="chart-legend">
        {series.map((s, si) => (
          <span key={s.name}>
            <span class="dot" style={{ background: `var(--chart-${si + 1})` }} aria-hidden="true" />
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

export function BarList({ items, label, empty }: { items: { key: string; label: preact.ComponentChildren; value: number }[]; label: string; empty: string }) {
  if (items.length === 0) return <p class="muted small">{empty}</p>;
  const max = Math.max(...items.map((i) => i.value), 1);
  return (
    <ul class="bars" aria-label={label}>
      {items.map((i) => (
        <li key={i.key} class="bar-row">
          <span class="bar-label">{i.label}</span>
          <strong class="num">{i.value.toLocaleString('en-US')}</strong>
          <span class="bar-track" aria-hidden="true">
            <span class="bar-fill" style={{ width: `${(i.value / max) * 100}%`, display: 'block' }} />
          </span>
        </li>
      ))}
    </ul>
  );
}

import { useState } from 'preact/hooks';
import { type Analytics, get, qs } from '../api';
import { BarList, LineChart } from '../charts';
import { countryName, ctr, daysAgo, fillDays, formatNumber, isoDay, percent } from '../format';
import { Card, EmptyState, ErrorBox, Field, PageHeader, Skeleton, useResource } from '../ui';

const PRESETS = [7, 30, 90];

export function AnalyticsPage() {
  const [range, setRange] = useState({ from: isoDay(daysAgo(29)), to: isoDay(new Date()) });
  const [preset, setPreset] = useState<number | null>(30);
  const data = useResource(() => get<Analytics>(`/api/v1/analytics${qs(range)}`), [range.from, range.to]);
  const a = data.data;
  const days = a ? fillDays(a.from?.slice(0, 10) || range.from, a.to?.slice(0, 10) || range.to, a.perDay) : [];
  const totalCtr = a ? ctr(a.clicks, a.visits) : 0;

  return (
    <div class="page">
      <PageHeader
        title="Analytics"
        description="Visits to your page and clicks on your links, short links and QR codes."
        actions={
          <div class="range">
            {/* biome-ignore lint/a11y/useSemanticElements: a segmented button group, not a form fieldset */}
            <div class="seg" role="group" aria-label="Quick ranges">
              {PRESETS.map((n) => (
                <button
                  type="button"
                  key={n}
                  aria-pressed={preset === n}
                  onClick={() => {
                    setPreset(n);
                    setRange({ from: isoDay(daysAgo(n - 1)), to: isoDay(new Date()) });
                  }}
                >
                  {n} days
                </button>
              ))}
            </div>
            <Field label="From">
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={range.from}
                  max={range.to}
                  onChange={(e) => {
                    setPreset(null);
                    setRange({ ...range, from: e.currentTarget.value });
                  }}
                />
              )}
            </Field>
            <Field label="To">
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={range.to}
                  min={range.from}
                  onChange={(e) => {
                    setPreset(null);
                    setRange({ ...range, to: e.currentTarget.value });
                  }}
                />
              )}
            </Field>
          </div>
        }
      />
      {data.error && !a ? (
        <ErrorBox error={data.error} retry={data.reload} />
      ) : !a ? (
        <Skeleton rows={4} />
      ) : (
        <div class="stack" style={{ gap: 'var(--s-5)', opacity: data.loading ? 0.6 : 1 }} aria-busy={data.loading}>
          <div class="stats">
            <div class="stat">
              <div class="stat-label">
                <span class="dot" style={{ background: 'var(--chart-1)' }} aria-hidden="true" /> Visits
              </div>
              <div class="stat-value">{formatNumber(a.visits)}</div>
            </div>
            <div class="stat">
              <div class="stat-label">
                <span class="dot" style={{ background: 'var(--chart-2)' }} aria-hidden="true" /> Clicks
              </div>
              <div class="stat-value">{formatNumber(a.clicks)}</div>
            </div>
            <div class="stat">
              <div class="stat-label">Click-through rate</div>
              <div class="stat-value">{percent(totalCtr)}</div>
            </div>
          </div>
          {a.visits === 0 && a.clicks === 0 ? (
            <Card>
              <EmptyState icon="chart" title="No traffic in this period">
                Share your page or a short link: visits and clicks appear here within seconds. Try a longer range if you expected data.
              </EmptyState>
            </Card>
          ) : (
            <>
              <Card title="Visits and clicks per day">
                <LineChart
                  title="Visits and clicks per day"
                  labels={days.map((d) => d.date)}
                  series={[
                    { name: 'Visits', values: days.map((d) => d.visits) },
                    { name: 'Clicks', values: days.map((d) => d.clicks) },
                  ]}
                />
              </Card>
              <Card title="Click-through rate per day">
                <LineChart
                  title="Click-through rate per day"
                  height={160}
                  labels={days.map((d) => d.date)}
                  series={[{ name: 'CTR', values: days.map((d) => ctr(d.clicks, d.visits)), format: percent }]}
                />
              </Card>
            </>
          )}
          <div class="grid-3">
            <Card title="Top links">
              <BarList label="Top links by clicks" empty="No clicks yet." items={a.topLinks.map((l) => ({ key: l.linkId, label: l.title, value: l.clicks }))} />
            </Card>
            <Card title="Countries">
              <BarList
                label="Visits by country"
                empty="No visits yet."
                items={a.countries.map((c) => ({
                  key: c.country,
                  label: (
                    <>
                      <span class="chip" aria-hidden="true">
                        {c.country.toUpperCase()}
                      </span>{' '}
                      {countryName(c.country)}
                    </>
                  ),
                  value: c.count,
                }))}
              />
            </Card>
            <Card title="Referrers">
              <BarList
                label="Visits by referrer"
                empty="No referrers yet."
                // The API lists known countries and referrers only (Analytics schema: both non-null strings);
                // visits without one count in the totals, not here.
                items={a.referrers.map((r) => ({ key: r.referer, label: r.referer, value: r.count }))}
              />
            </Card>
          </div>
        </div>
      )}
    </div>
  );
}

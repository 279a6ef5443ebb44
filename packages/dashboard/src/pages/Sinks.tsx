import { useId, useState } from 'preact/hooks';
import { ApiError, del, get, type Integration, type IntegrationPage, patch, post } from '../api';
import { relative } from '../format';
import { Badge, Button, Card, ConfirmDialog, EmptyState, ErrorBox, Field, FormError, Skeleton, toast, toastError, useResource } from '../ui';

// Analytics sinks (GA4, Segment, PostHog): connect with credentials (checked by the server at the
// provider), list with masked credentials, enable/disable, remove. docs/analytics.md has the mapping.

type Provider = Integration['provider'];

const PROVIDERS: { id: Provider; name: string; blurb: string }[] = [
  { id: 'ga4', name: 'Google Analytics 4', blurb: 'Measurement Protocol: events appear as linkwire_link_click, linkwire_profile_visit…' },
  { id: 'segment', name: 'Segment', blurb: 'HTTP Tracking API (or RudderStack): “Link Clicked”, “Profile Visited”… with messageId = event id' },
  { id: 'posthog', name: 'PostHog', blurb: 'Cloud or self-hosted: “link clicked”, “profile visited”… as anonymous events' },
];

/** The events most analytics set-ups want; "All events" covers the rest. */
const ANALYTICS_EVENTS: { type: string; label: string }[] = [
  { type: 'link.click', label: 'Clicks (links, widgets, short links, QR codes)' },
  { type: 'profile.visit', label: 'Profile visits' },
  { type: 'qr.scanned', label: 'QR scans' },
  { type: 'subscriber.new', label: 'New subscribers (never their e-mail)' },
  { type: 'analytics.milestone', label: 'Milestones' },
];

const providerName = (p: Provider) => PROVIDERS.find((x) => x.id === p)?.name ?? p;

function statusBadge(s: Integration) {
  if (s.status === 'disabled') return <Badge tone="neutral">Disabled</Badge>;
  if (s.status === 'failing') return <Badge tone="warning">Failing</Badge>;
  return <Badge tone="success">Active</Badge>;
}

function eventsSummary(events: string[]): string {
  if (events.includes('*')) return 'All events';
  return events.join(', ');
}

function ConnectForm({ onConnected }: { onConnected: () => void }) {
  const [provider, setProvider] = useState<Provider>('ga4');
  const [values, setValues] = useState<Record<string, string>>({});
  const [events, setEvents] = useState<Set<string>>(new Set(['link.click', 'profile.visit', 'qr.scanned']));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fe = error instanceof ApiError ? error.fieldErrors() : {};
  const set = (k: string) => (e: Event) => setValues({ ...values, [k]: (e.currentTarget as HTMLInputElement).value });
  const all = events.has('*');

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const fields =
        provider === 'ga4'
          ? { measurementId: values.measurementId ?? '', apiSecret: values.apiSecret ?? '' }
          : provider === 'segment'
            ? { writeKey: values.writeKey ?? '', ...(values.apiHost ? { apiHost: values.apiHost } : {}) }
            : { apiKey: values.apiKey ?? '', host: values.host ?? '' };
      await post<Integration>('/api/v1/integrations', { provider, events: [...events], ...(values.name ? { name: values.name } : {}), ...fields });
      toast(`${providerName(provider)} connected`);
      setValues({});
      onConnected();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Card title="Connect a sink">
        <fieldset class="field">
          <legend>Provider</legend>
          <div class="stack" style={{ gap: 'var(--s-2)' }}>
            {PROVIDERS.map((p) => (
              <label class="check" key={p.id}>
                <input
                  type="radio"
                  name="provider"
                  value={p.id}
                  checked={provider === p.id}
                  onChange={() => {
                    setProvider(p.id);
                    setError(null);
                  }}
                />
                <span>
                  <strong>{p.name}</strong>
                  <span class="muted"> — {p.blurb}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {provider === 'ga4' && (
          <>
            <Field label="Measurement ID" error={fe.measurementId} hint="Admin → Data streams → your web stream, e.g. G-ABC123XYZ">
              {(p) => <input {...p} value={values.measurementId ?? ''} onInput={set('measurementId')} placeholder="G-ABC123XYZ" spellcheck={false} />}
            </Field>
            <Field label="API secret" error={fe.apiSecret} hint="The stream’s Measurement Protocol API secrets page">
              {(p) => <input {...p} type="password" autocomplete="off" value={values.apiSecret ?? ''} onInput={set('apiSecret')} />}
            </Field>
          </>
        )}
        {provider === 'segment' && (
          <>
            <Field label="Write key" error={fe.writeKey} hint="Your HTTP API source’s settings → API keys">
              {(p) => <input {...p} type="password" autocomplete="off" value={values.writeKey ?? ''} onInput={set('writeKey')} />}
            </Field>
            <Field
              label="API host"
              optional
              error={fe.apiHost}
              hint="Default https://api.segment.io; EU: https://events.eu1.segmentapis.com; or a RudderStack data plane"
            >
              {(p) => <input {...p} type="url" value={values.apiHost ?? ''} onInput={set('apiHost')} placeholder="https://api.segment.io" spellcheck={false} />}
            </Field>
          </>
        )}
        {provider === 'posthog' && (
          <>
            <Field label="Project API key" error={fe.apiKey} hint="Project settings → Project API key (phc_…)">
              {(p) => <input {...p} type="password" autocomplete="off" value={values.apiKey ?? ''} onInput={set('apiKey')} />}
            </Field>
            <Field label="Host" error={fe.host} hint="https://us.i.posthog.com, https://eu.i.posthog.com or your self-hosted PostHog">
              {(p) => <input {...p} type="url" value={values.host ?? ''} onInput={set('host')} placeholder="https://eu.i.posthog.com" spellcheck={false} />}
            </Field>
          </>
        )}
        <Field label="Name" optional error={fe.name}>
          {(p) => <input {...p} maxLength={100} value={values.name ?? ''} onInput={set('name')} placeholder="Production analytics" />}
        </Field>
        <fieldset class="field" aria-describedby={fe.events ? 'sink-events-err' : undefined}>
          <legend>Events to send</legend>
          <label class="check">
            <input type="checkbox" checked={all} onChange={(e) => setEvents(e.currentTarget.checked ? new Set(['*']) : new Set(['link.click']))} />
            <span>
              <strong>All events</strong> <code>*</code>
            </span>
          </label>
          {!all &&
            ANALYTICS_EVENTS.map((ev) => (
              <label class="check" key={ev.type}>
                <input
                  type="checkbox"
                  checked={events.has(ev.type)}
                  onChange={(e) => {
                    const next = new Set(events);
                    if (e.currentTarget.checked) next.add(ev.type);
                    else next.delete(ev.type);
                    setEvents(next);
                  }}
                />
                <span>
                  {ev.label} <code>{ev.type}</code>
                </span>
              </label>
            ))}
          {fe.events && (
            <p class="field-error" id="sink-events-err">
              {fe.events}
            </p>
          )}
        </fieldset>
        <FormError error={error} />
        <div class="row" style={{ marginTop: 'var(--s-3)' }}>
          <Button type="submit" variant="primary" icon="plus" busy={busy}>
            Connect {providerName(provider)}
          </Button>
          <span class="small muted">The credentials are checked at the provider first, then stored encrypted and shown masked.</span>
        </div>
      </Card>
    </form>
  );
}

function SinkRow({ sink, onChanged }: { sink: Integration; onChanged: () => void }) {
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    try {
      await patch<Integration>(`/api/v1/integrations/${sink.id}`, { enabled: !sink.enabled });
      toast(sink.enabled ? 'Sink disabled: its deliveries wait until you enable it again' : 'Sink enabled');
      onChanged();
    } catch (err) {
      toastError(err);
    } finally {
      setBusy(false);
    }
  };
  const label = sink.name ?? providerName(sink.provider);
  return (
    <li class="endpoint-card" data-testid="sink-card">
      <div class="stack" style={{ gap: 'var(--s-1)', minWidth: 0 }}>
        <strong>{label}</strong>
        <div class="endpoint-meta">
          <span>{providerName(sink.provider)}</span>
          {Object.entries(sink.settings).map(([k, v]) => (
            <span key={k}>
              · {k} <code>{v}</code>
            </span>
          ))}
          {Object.entries(sink.credentials).map(([k, v]) => (
            <span key={k}>
              · {k} <code>{v}</code>
            </span>
          ))}
        </div>
        <div class="endpoint-meta">
          <span>{eventsSummary(sink.events)}</span>
          <span>· connected {relative(sink.connectedAt)}</span>
        </div>
      </div>
      <div class="endpoint-status">
        {statusBadge(sink)}
        <div class="row" style={{ gap: 'var(--s-2)' }}>
          <Button size="sm" busy={busy} onClick={toggle} aria-label={`${sink.enabled ? 'Disable' : 'Enable'} ${label}`}>
            {sink.enabled ? 'Disable' : 'Enable'}
          </Button>
          <Button size="sm" variant="danger" icon="trash" onClick={() => setConfirm(true)} aria-label={`Remove ${label}`}>
            Remove
          </Button>
        </div>
      </div>
      <ConfirmDialog
        open={confirm}
        title={`Remove ${label}?`}
        message="Events stop going to this sink at once and what waits is cancelled. Its delivery history stays."
        confirmLabel="Remove sink"
        onClose={() => setConfirm(false)}
        onConfirm={async () => {
          await del(`/api/v1/integrations/${sink.id}`);
          toast(`${label} removed`);
          setConfirm(false);
          onChanged();
        }}
      />
    </li>
  );
}

/** The analytics sinks section of the Integrations page (pages/Integrations.tsx). */
export function SinksSection() {
  const sinks = useResource(() => get<IntegrationPage>('/api/v1/integrations?limit=100'));
  const list = sinks.data?.data ?? [];
  const hid = useId();
  return (
    <section id="sinks" class="page-section" aria-labelledby={hid}>
      <div class="page-section-head">
        <h2 id={hid}>Analytics sinks</h2>
        <p class="muted">Forward clicks, visits and sign-ups to Google Analytics 4, Segment or PostHog, in batches, retried like any delivery.</p>
      </div>
      <Card title={`Connected sinks${list.length ? ` (${list.length})` : ''}`}>
        {sinks.error && !sinks.data ? (
          <ErrorBox error={sinks.error} retry={sinks.reload} />
        ) : !sinks.data ? (
          <Skeleton rows={2} />
        ) : list.length === 0 ? (
          <EmptyState icon="chart" title="No sinks yet">
            Connect one below: every event you pick is sent under a stable name (see docs/analytics.md in the repository).
          </EmptyState>
        ) : (
          <ul class="endpoint-list">
            {list.map((s) => (
              <SinkRow key={s.id} sink={s} onChanged={sinks.reload} />
            ))}
          </ul>
        )}
      </Card>
      <ConnectForm onConnected={sinks.reload} />
    </section>
  );
}

import { useMemo, useState } from 'preact/hooks';
import { ApiError, type CreatedEndpoint, type Endpoint, type EventType, type EventTypeList, get, patch, post } from '../api';
import { groupByFamily, prettyJson } from '../format';
import { navigate } from '../router';
import { A, Button, Card, ErrorBox, Field, FormError, Icon, PageHeader, Skeleton, toast, useResource } from '../ui';
import { rememberSecret } from './secretCache';
import { checkFilter, urlWarning } from '../validate';

const FILTER_EXAMPLE = `{
  "data.country": { "$in": ["FR", "BE"] },
  "data.source": { "$ne": "qr" }
}`;

interface HeaderRow {
  name: string;
  value: string;
}

function EventPicker({ types, selected, onChange, error }: { types: EventType[]; selected: Set<string>; onChange: (s: Set<string>) => void; error?: string }) {
  const all = selected.has('*');
  const groups = useMemo(() => groupByFamily(types), [types]);
  const toggle = (type: string, on: boolean) => {
    const next = new Set(selected);
    next.delete('*');
    if (on) next.add(type);
    else next.delete(type);
    onChange(next);
  };
  return (
    <fieldset class="field" aria-describedby={error ? 'events-err' : undefined}>
      <legend class="sr-only">Events</legend>
      <label class="check" style={{ marginBottom: 'var(--s-2)' }}>
        <input type="checkbox" checked={all} onChange={(e) => onChange(e.currentTarget.checked ? new Set(['*']) : new Set())} />
        <span>
          <strong>All events</strong> <code>*</code>
          <span class="muted"> — including event types added in future versions</span>
        </span>
      </label>
      {!all && (
        <div class="families">
          {groups.map(([family, evs]) => {
            const count = evs.filter((e) => selected.has(e.type)).length;
            return (
              <fieldset class="family" key={family}>
                <div class="family-head">
                  <legend>{family}</legend>
                  <label class="check small">
                    <input
                      type="checkbox"
                      checked={count === evs.length}
                      ref={(el) => {
                        if (el) el.indeterminate = count > 0 && count < evs.length;
                      }}
                      onChange={(e) => {
                        const next = new Set(selected);
                        for (const ev of evs) {
                          if (e.currentTarget.checked) next.add(ev.type);
                          else next.delete(ev.type);
                        }
                        onChange(next);
                      }}
                      aria-label={`All ${family} events`}
                    />
                    <span aria-hidden="true">all</span>
                  </label>
                </div>
                <div class="family-events">
                  {evs.map((ev) => {
                    const id = `ev-${ev.type.replace(/\W/g, '-')}`;
                    return (
                      <div class="event-opt" key={ev.type}>
                        <input
                          type="checkbox"
                          id={id}
                          checked={selected.has(ev.type)}
                          onChange={(e) => toggle(ev.type, e.currentTarget.checked)}
                          aria-describedby={`${id}-d`}
                        />
                        <label for={id}>{ev.type}</label>
                        <p class="hint" id={`${id}-d`}>
                          {ev.description}
                        </p>
                        {ev.example !== undefined && (
                          <details>
                            <summary>Example payload</summary>
                            <pre class="codeblock">
                              <code>{prettyJson(ev.example)}</code>
                            </pre>
                          </details>
                        )}
                      </div>
                    );
                  })}
                </div>
              </fieldset>
            );
          })}
        </div>
      )}
      {error && (
        <p class="field-error" id="events-err">
          <Icon name="alert" size={14} /> {error}
        </p>
      )}
    </fieldset>
  );
}

function firstFieldError(fe: Record<string, string>, prefix: string): string | undefined {
  if (fe[prefix]) return fe[prefix];
  const k = Object.keys(fe).find((key) => key.startsWith(`${prefix}.`) || key.startsWith(`${prefix}[`));
  return k ? `${k.slice(prefix.length + 1) ? `${k}: ` : ''}${fe[k]}` : undefined;
}

function EndpointForm({ initial, types }: { initial?: Endpoint; types: EventType[] }) {
  const [url, setUrl] = useState(initial?.url ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [events, setEvents] = useState<Set<string>>(new Set(initial?.events ?? []));
  const [filter, setFilter] = useState(initial?.filter ? JSON.stringify(initial.filter, null, 2) : '');
  const [timeout, setTimeoutS] = useState(String((initial?.timeoutMs ?? 15000) / 1000));
  const [headers, setHeaders] = useState<HeaderRow[]>(Object.entries(initial?.headers ?? {}).map(([name, value]) => ({ name, value })));
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [touched, setTouched] = useState(false);
  const fe = error instanceof ApiError ? error.fieldErrors() : {};
  const filterCheck = checkFilter(filter);
  const warn = urlWarning(url);
  const eventsError = touched && events.size === 0 ? 'Pick at least one event, or “All events”.' : firstFieldError(fe, 'events');
  // A server-side filter error may be reported on "filter" or on a nested path.
  const filterServerError =
    firstFieldError(fe, 'filter') ??
    (error instanceof ApiError && error.status === 400 && !error.problem.errors?.length && /filter/i.test(error.message) ? error.message : undefined);

  async function submit(e: Event) {
    e.preventDefault();
    setTouched(true);
    if (events.size === 0 || filterCheck.error) {
      document.querySelector<HTMLElement>(events.size === 0 ? '.family input, .check input' : '#wh-filter')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const hdrs: Record<string, string> = {};
    for (const h of headers) if (h.name.trim()) hdrs[h.name.trim()] = h.value;
    const body: Record<string, unknown> = {
      url: url.trim(),
      events: [...events],
      description: description.trim() || (initial ? null : undefined),
      filter: filterCheck.value ?? null,
      timeoutMs: Math.round(Number(timeout) * 1000),
      headers: hdrs,
      enabled,
    };
    if (body.description === undefined) delete body.description;
    if (!initial && body.filter === null) delete body.filter;
    if (!initial && Object.keys(hdrs).length === 0) delete body.headers;
    try {
      if (initial) {
        await patch<Endpoint>(`/api/v1/webhooks/${initial.id}`, body);
        toast('Endpoint saved');
        navigate(`/webhooks/${initial.id}`);
      } else {
        const created = await post<CreatedEndpoint>('/api/v1/webhooks', body);
        if (created.secret) rememberSecret(created.id, created.secret);
        toast('Endpoint created');
        navigate(`/webhooks/${created.id}`);
      }
    } catch (err) {
      setError(err);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"], .alert-error')?.focus?.());
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={submit} class="stack" style={{ gap: 'var(--s-5)' }}>
      <Card title="Destination">
        <FormError error={error} />
        <Field
          label="Endpoint URL"
          id="wh-url"
          hint={warn ? undefined : 'Must be reachable from the Linkwire server and answer 2xx within the timeout.'}
          error={fe.url}
        >
          {(p) => (
            <>
              <input
                {...p}
                type="url"
                inputMode="url"
                required
                placeholder="https://example.com/webhooks/linkwire"
                value={url}
                onInput={(e) => setUrl(e.currentTarget.value)}
                spellcheck={false}
              />
              {warn && !fe.url && <p class="field-warning">{warn}</p>}
            </>
          )}
        </Field>
        <Field label="Description" optional error={fe.description}>
          {(p) => <input {...p} maxLength={200} placeholder="CRM sync" value={description} onInput={(e) => setDescription(e.currentTarget.value)} />}
        </Field>
        <label class="check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
          <span>
            <strong>Enabled</strong>
            <span class="muted"> — disabled endpoints receive nothing; their deliveries wait until re-enabled.</span>
          </span>
        </label>
      </Card>
      <Card title="Events to send">
        <EventPicker types={types} selected={events} onChange={setEvents} error={eventsError} />
      </Card>
      <Card title="Filter and delivery options">
        <Field
          label="Filter"
          id="wh-filter"
          optional
          error={filterCheck.error ?? filterServerError}
          hint={
            <>
              Only events matching this JSON are delivered. Dotted paths into the envelope with{' '}
              <code>$eq $ne $in $nin $gt $gte $lt $lte $exists $startsWith</code>, combined with <code>$and $or $not</code>.{' '}
              <button type="button" class="btn btn-ghost btn-sm" onClick={() => setFilter(FILTER_EXAMPLE)}>
                Insert example
              </button>
            </>
          }
        >
          {(p) => (
            <textarea {...p} class="code" spellcheck={false} placeholder={FILTER_EXAMPLE} value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
          )}
        </Field>
        <Field label="Timeout (seconds)" hint="1 to 30 seconds. Slower answers count as failures and are retried." error={fe.timeoutMs}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={30}
              step={1}
              value={timeout}
              onInput={(e) => setTimeoutS(e.currentTarget.value)}
              style={{ maxWidth: '140px' }}
            />
          )}
        </Field>
        <fieldset class="field">
          <legend class="label">
            Custom headers <span class="optional">(optional)</span>
          </legend>
          <div class="headers-editor">
            {headers.map((h, i) => (
              <div class="header-row" key={i}>
                <input
                  aria-label={`Header ${i + 1} name`}
                  placeholder="X-Api-Key"
                  value={h.name}
                  onInput={(e) => setHeaders(headers.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)))}
                />
                <input
                  aria-label={`Header ${i + 1} value`}
                  placeholder="value"
                  value={h.value}
                  onInput={(e) => setHeaders(headers.map((x, j) => (j === i ? { ...x, value: e.currentTarget.value } : x)))}
                />
                <button
                  type="button"
                  class="icon-btn icon-btn-danger"
                  aria-label={`Remove header ${i + 1}`}
                  onClick={() => setHeaders(headers.filter((_, j) => j !== i))}
                >
                  <Icon name="trash" />
                </button>
              </div>
            ))}
            <div>
              <Button size="sm" icon="plus" onClick={() => setHeaders([...headers, { name: '', value: '' }])}>
                Add header
              </Button>
            </div>
          </div>
          {firstFieldError(fe, 'headers') && <p class="field-error">{firstFieldError(fe, 'headers')}</p>}
          <p class="hint">Sent with every delivery. Signature and hop-by-hop headers cannot be overridden.</p>
        </fieldset>
      </Card>
      <div class="form-actions">
        <A href={initial ? `/webhooks/${initial.id}` : '/webhooks'} class="btn btn-secondary">
          Cancel
        </A>
        <Button type="submit" variant="primary" busy={busy}>
          {initial ? 'Save endpoint' : 'Create endpoint'}
        </Button>
      </div>
    </form>
  );
}

export function WebhookFormPage({ id }: { id?: string }) {
  const types = useResource(() => get<EventTypeList>('/api/v1/event-types'));
  const endpoint = useResource(() => (id ? get<Endpoint>(`/api/v1/webhooks/${id}`) : Promise.resolve(undefined)), [id]);
  const list = types.data;
  return (
    <div class="page" style={{ maxWidth: '900px' }}>
      <A href={id ? `/webhooks/${id}` : '/webhooks'} class="back">
        ← {id ? 'Back to endpoint' : 'Webhooks'}
      </A>
      <PageHeader title={id ? 'Edit endpoint' : 'Add an endpoint'} description="Choose where to send events, which ones, and how." />
      {types.error && !list ? (
        <ErrorBox error={types.error} retry={types.reload} />
      ) : endpoint.error ? (
        <ErrorBox error={endpoint.error} retry={endpoint.reload} />
      ) : !list || (id && !endpoint.data) ? (
        <Skeleton rows={4} />
      ) : (
        <EndpointForm key={id ?? 'new'} initial={endpoint.data} types={list} />
      )}
    </div>
  );
}

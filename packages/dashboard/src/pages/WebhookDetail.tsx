import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ApiError,
  DELIVERY_STATUSES,
  type Delivery,
  type DeliveryDetail,
  type Endpoint,
  type EventType,
  type EventTypeList,
  del,
  get,
  type DeliveryPage,
  patch,
  post,
  qs,
  type ReplayResult,
  type Secret,
  type TestSend,
  type Usage,
} from '../api';
import { dateTime, duration, fromDatetimeLocal, prettyJson, relative, toDatetimeLocal } from '../format';
import { navigate } from '../router';
import { type SnippetLang, snippet } from '../snippets';
import {
  A,
  Button,
  Card,
  ConfirmDialog,
  CopyButton,
  EmptyState,
  ErrorBox,
  Field,
  FormError,
  Icon,
  Modal,
  Skeleton,
  Tabs,
  toast,
  toastError,
  useResource,
} from '../ui';
import { takeSecret } from './secretCache';
import { DELIVERY_LABELS, DeliveryBadge, EndpointStatusBadge, HttpCode } from './webhookShared';

// ---------- secret ----------
function SecretCard({ id }: { id: string }) {
  const [secret, setSecret] = useState<string | null>(() => takeSecret(id) ?? null);
  const [shown, setShown] = useState(secret !== null);
  const [busy, setBusy] = useState(false);
  const [rotateOpen, setRotateOpen] = useState(false);
  const [grace, setGrace] = useState('24');
  const justCreated = useRef(secret !== null);

  async function reveal() {
    if (shown) {
      setShown(false);
      return;
    }
    if (!secret) {
      setBusy(true);
      try {
        setSecret((await get<Secret>(`/api/v1/webhooks/${id}/secret`)).secret);
      } catch (err) {
        toastError(err);
        setBusy(false);
        return;
      }
      setBusy(false);
    }
    setShown(true);
  }
  async function copy() {
    let s = secret;
    if (!s) {
      try {
        s = (await get<Secret>(`/api/v1/webhooks/${id}/secret`)).secret;
        setSecret(s);
      } catch (err) {
        toastError(err);
        return;
      }
    }
    await navigator.clipboard?.writeText(s).catch(() => undefined);
    toast('Signing secret copied to clipboard');
  }
  return (
    <Card title="Signing secret">
      {justCreated.current && (
        <div class="alert alert-info" role="status">
          <Icon name="check" />
          <p>Endpoint created. Put this secret in your receiver’s configuration to verify signatures.</p>
        </div>
      )}
      <p class="muted small">
        Every delivery carries <code>webhook-signature</code>, an HMAC-SHA256 of the body with this secret (Standard Webhooks). Verify it before trusting a
        request.
      </p>
      <div class="secret-box">
        <code class="secret" data-testid="webhook-secret">
          {shown && secret ? secret : 'whsec_••••••••••••••••••••••••••••••••••••••••'}
        </code>
        <Button size="sm" icon={shown ? 'eyeOff' : 'eye'} busy={busy} onClick={reveal} aria-pressed={shown}>
          {shown ? 'Hide' : 'Reveal'}
        </Button>
        <Button size="sm" icon="copy" onClick={copy} aria-label="Copy signing secret">
          Copy
        </Button>
      </div>
      <Button size="sm" icon="refresh" onClick={() => setRotateOpen(true)}>
        Rotate secret…
      </Button>
      <Modal
        open={rotateOpen}
        onClose={() => setRotateOpen(false)}
        title="Rotate the signing secret"
        footer={
          <>
            <Button onClick={() => setRotateOpen(false)}>Cancel</Button>
            <Button
              variant="primary"
              busy={busy}
              onClick={async () => {
                setBusy(true);
                try {
                  const res = await post<Secret>(`/api/v1/webhooks/${id}/rotate-secret`, { graceHours: Number(grace) });
                  setSecret(res.secret);
                  setShown(true);
                  setRotateOpen(false);
                  toast(Number(grace) > 0 ? `Secret rotated. The old one keeps signing for ${grace} h.` : 'Secret rotated. The old one no longer signs.');
                } catch (err) {
                  toastError(err);
                } finally {
                  setBusy(false);
                }
              }}
            >
              Rotate secret
            </Button>
          </>
        }
      >
        <p>
          A new secret is generated now. During the grace period deliveries carry two signatures (old and new), so you can update your receiver without dropping
          a single event.
        </p>
        <Field label="Grace period" hint="0 to 168 hours.">
          {(p) => (
            <select {...p} value={grace} onChange={(e) => setGrace(e.currentTarget.value)}>
              <option value="0">None: the old secret stops at once</option>
              <option value="1">1 hour</option>
              <option value="24">24 hours (recommended)</option>
              <option value="72">3 days</option>
              <option value="168">7 days</option>
            </select>
          )}
        </Field>
      </Modal>
    </Card>
  );
}

// ---------- test send ----------
function TestCard({ ep, types, onSent }: { ep: Endpoint; types: EventType[]; onSent: (deliveryId: string) => void }) {
  const subscribed = ep.events.includes('*') ? types.map((t) => t.type) : ep.events;
  const options = subscribed.length ? subscribed : types.map((t) => t.type);
  const [event, setEvent] = useState(options[0] ?? 'link.click');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [, tick] = useState(0);
  const usage = useResource(() => get<Usage>('/api/v1/usage'));
  useEffect(() => {
    if (!retryAt) return;
    const t = setInterval(() => {
      if (Date.now() >= retryAt) setRetryAt(null);
      tick((x) => x + 1);
    }, 1000);
    return () => clearInterval(t);
  }, [retryAt]);
  const example = types.find((t) => t.type === event)?.example;
  const wait = retryAt ? Math.max(0, Math.ceil((retryAt - Date.now()) / 1000)) : 0;
  const u = usage.data?.testSends1h;
  return (
    <Card title="Send a test event">
      <p class="muted small">Sends a sample event, signed like a real one, to this endpoint only. It shows up in the history below.</p>
      <FormError error={error} />
      <form
        class="row"
        style={{ alignItems: 'flex-end' }}
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const res = await post<TestSend>(`/api/v1/webhooks/${ep.id}/test`, { event });
            toast(`Test ${event} queued`);
            onSent(res.deliveryId);
            void usage.reload();
          } catch (err) {
            if (err instanceof ApiError && err.status === 429 && err.retryAfter) setRetryAt(Date.now() + err.retryAfter * 1000);
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <div style={{ flex: 1, minWidth: '200px' }}>
          <Field label="Event type">
            {(p) => (
              <select {...p} value={event} onChange={(e) => setEvent(e.currentTarget.value)} data-testid="test-event">
                {options.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Button type="submit" variant="primary" icon="send" busy={busy} disabled={wait > 0 || !ep.enabled} style={{ marginBottom: 'var(--s-4)' }}>
          {wait > 0 ? `Retry in ${wait}s` : 'Send test'}
        </Button>
      </form>
      {!ep.enabled && <p class="hint">Re-enable the endpoint to send tests.</p>}
      {u && (
        <p class="hint">
          {u.limit === null ? `${u.used} test sends in the last hour (unlimited).` : `${u.used} of ${u.limit} test sends used in the last hour.`}
        </p>
      )}
      {example !== undefined && (
        <details>
          <summary>Example {event} payload</summary>
          <pre class="codeblock">
            <code>{prettyJson(example)}</code>
          </pre>
        </details>
      )}
    </Card>
  );
}

// ---------- snippet ----------
const LANGS: { id: SnippetLang; label: string }[] = [
  { id: 'node-sdk', label: 'Node.js + SDK' },
  { id: 'node-crypto', label: 'Node.js (node:crypto)' },
  { id: 'python', label: 'Python (stdlib)' },
];

function SnippetCard({ ep }: { ep: Endpoint }) {
  const [lang, setLang] = useState<SnippetLang>('node-sdk');
  const code = snippet(lang, ep);
  return (
    <Card title="Receive it: ready-to-run code">
      <p class="muted small">
        A complete receiver for <code>{ep.url}</code> that verifies the signature on the raw body. Set <code>LINKWIRE_WEBHOOK_SECRET</code> to the signing
        secret above.
      </p>
      <Tabs label="Snippet language" tabs={LANGS} value={lang} onChange={setLang} />
      <div class="codeblock-wrap" role="tabpanel" aria-labelledby={`tab-Snippet-language-${lang}`}>
        <CopyButton text={code} what="code snippet" />
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable code block must be keyboard-focusable (axe scrollable-region-focusable) */}
        <pre class="codeblock" tabIndex={0}>
          <code data-testid="snippet">{code}</code>
        </pre>
      </div>
    </Card>
  );
}

// ---------- delivery drawer ----------
function DeliveryDrawer({ id, onClose, onRetried }: { id: string; onClose: () => void; onRetried: () => void }) {
  const d = useResource(() => get<DeliveryDetail>(`/api/v1/deliveries/${id}`), [id]);
  const [busy, setBusy] = useState(false);
  const dd = d.data;
  useEffect(() => {
    if (dd?.status !== 'pending') return;
    const t = setTimeout(() => void d.reload(), 2000);
    return () => clearTimeout(t);
  }, [dd]);
  return (
    <Modal
      open
      variant="drawer"
      onClose={onClose}
      title={dd ? `${dd.eventType} delivery` : 'Delivery'}
      footer={
        dd && (
          <>
            <Button onClick={onClose}>Close</Button>
            {dd.status !== 'pending' && dd.status !== 'cancelled' && (
              <Button
                variant="primary"
                icon="refresh"
                busy={busy}
                onClick={async () => {
                  setBusy(true);
                  try {
                    await post(`/api/v1/deliveries/${dd.id}/retry`);
                    toast('Delivery queued again');
                    onRetried();
                    await d.reload();
                  } catch (err) {
                    toastError(err);
                  } finally {
                    setBusy(false);
                  }
                }}
              >
                Retry now
              </Button>
            )}
          </>
        )
      }
    >
      {d.error && !dd ? (
        <ErrorBox error={d.error} retry={d.reload} />
      ) : !dd ? (
        <Skeleton rows={4} />
      ) : (
        <div class="stack" style={{ gap: 'var(--s-4)' }} data-testid="delivery-drawer">
          <dl class="kv">
            <dt>Status</dt>
            <dd>
              <DeliveryBadge status={dd.status} />
            </dd>
            <dt>Delivery</dt>
            <dd>
              <code>{dd.id}</code>
            </dd>
            <dt>Event</dt>
            <dd>
              <code>{dd.eventId}</code> (<code>webhook-id</code>)
            </dd>
            <dt>Created</dt>
            <dd>{dateTime(dd.createdAt)}</dd>
            <dt>Attempts</dt>
            <dd>{dd.attemptCount}</dd>
            {dd.status === 'pending' && dd.nextAttemptAt && (
              <>
                <dt>Next attempt</dt>
                <dd>
                  {dateTime(dd.nextAttemptAt)} ({relative(dd.nextAttemptAt)})
                </dd>
              </>
            )}
          </dl>
          <div>
            <h3 class="section-title">Request body (the envelope sent)</h3>
            <div class="codeblock-wrap">
              <CopyButton text={prettyJson(dd.payload)} what="payload" />
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable code block must be keyboard-focusable (axe scrollable-region-focusable) */}
              <pre class="codeblock" tabIndex={0}>
                <code>{prettyJson(dd.payload)}</code>
              </pre>
            </div>
          </div>
          <h3 class="section-title">Attempts</h3>
          {dd.attempts.length === 0 ? (
            <p class="muted small">No attempt yet{dd.nextAttemptAt ? `: the first one is due ${relative(dd.nextAttemptAt)}` : ''}.</p>
          ) : (
            [...dd.attempts]
              .sort((a, b) => b.attempt - a.attempt)
              .map((a) => (
                <section class="attempt" key={a.attempt} aria-label={`Attempt ${a.attempt}`} data-testid="attempt">
                  <div class="attempt-head">
                    <strong>Attempt {a.attempt}</strong>
                    <HttpCode code={a.statusCode} />
                    <span class="small muted">{duration(a.durationMs)}</span>
                    <span class="small muted">{dateTime(a.startedAt)}</span>
                  </div>
                  {a.error && (
                    <div class="alert alert-error" style={{ margin: 0 }}>
                      <Icon name="alert" />
                      <p>{a.error}</p>
                    </div>
                  )}
                  {a.requestHeaders && Object.keys(a.requestHeaders).length > 0 && (
                    <details open={a.attempt === dd.attempts.length}>
                      <summary>Request headers</summary>
                      <pre class="codeblock">
                        <code>
                          {Object.entries(a.requestHeaders)
                            .map(([k, v]) => `${k}: ${v}`)
                            .join('\n')}
                        </code>
                      </pre>
                    </details>
                  )}
                  <div>
                    <h4 class="section-title">Response body{a.responseBody && a.responseBody.length >= 4096 ? ' (first 4 KiB)' : ''}</h4>
                    {a.responseBody ? (
                      <pre class="codeblock json">
                        <code>{prettyJson(a.responseBody)}</code>
                      </pre>
                    ) : (
                      <p class="muted small">Empty.</p>
                    )}
                  </div>
                </section>
              ))
          )}
        </div>
      )}
    </Modal>
  );
}

// ---------- history ----------
function Deliveries({ ep, types, highlight }: { ep: Endpoint; types: EventType[]; highlight: string | null }) {
  const [status, setStatus] = useState('');
  const [event, setEvent] = useState('');
  const [rows, setRows] = useState<Delivery[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const watchUntil = useRef(0);

  async function load(more = false) {
    const q = qs({ status, event, cursor: more ? cursor : null, limit: 25 });
    try {
      const page = await get<DeliveryPage>(`/api/v1/webhooks/${ep.id}/deliveries${q}`);
      setRows((prev) => (more && prev ? [...prev, ...page.data] : page.data));
      if (!more || page.nextCursor !== undefined) setCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      if (more) toastError(err);
      else setError(err);
    }
  }
  useEffect(() => {
    setRows(null);
    void load();
  }, [status, event, ep.id]);

  // After a test send, watch closely; otherwise refresh while something is pending.
  useEffect(() => {
    if (highlight) watchUntil.current = Date.now() + 30_000;
  }, [highlight]);
  useEffect(() => {
    const pending = rows?.some((r) => r.status === 'pending');
    const watching = Date.now() < watchUntil.current && !(highlight && rows?.some((r) => r.id === highlight && r.status !== 'pending'));
    if (!pending && !watching) return;
    const t = setTimeout(() => void load(), watching ? 1000 : 4000);
    return () => clearTimeout(t);
  }, [rows, highlight]);

  const eventOptions = ep.events.includes('*') ? types.map((t) => t.type) : ep.events;
  return (
    <Card
      title="Delivery history"
      actions={
        <Button
          size="sm"
          icon="refresh"
          busy={refreshing}
          onClick={async () => {
            setRefreshing(true);
            await load();
            setRefreshing(false);
          }}
        >
          Refresh
        </Button>
      }
    >
      <div class="filters">
        <Field label="Status">
          {(p) => (
            <select {...p} value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
              <option value="">All statuses</option>
              {DELIVERY_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {DELIVERY_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Event">
          {(p) => (
            <select {...p} value={event} onChange={(e) => setEvent(e.currentTarget.value)}>
              <option value="">All events</option>
              {eventOptions.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {error ? (
        <ErrorBox error={error} retry={() => load()} />
      ) : rows === null ? (
        <Skeleton rows={3} />
      ) : rows.length === 0 ? (
        <EmptyState icon="send" title={status || event ? 'No delivery matches these filters' : 'No deliveries yet'}>
          {status || event
            ? 'Clear the filters to see every delivery.'
            : 'Send a test event above, or trigger a real one (visit your page, click a link): each delivery appears here with every attempt.'}
        </EmptyState>
      ) : (
        <>
          <div class="table-wrap">
            <table data-testid="deliveries">
              <caption class="sr-only">Deliveries, newest first. Open one to see its attempts.</caption>
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Event</th>
                  <th scope="col" class="num">
                    HTTP
                  </th>
                  <th scope="col" class="num">
                    Duration
                  </th>
                  <th scope="col" class="num">
                    Attempts
                  </th>
                  <th scope="col">Next retry</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span class="sr-only">Details</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => (
                  <tr key={d.id} class="clickable" onClick={() => setOpen(d.id)} data-status={d.status} data-testid="delivery-row">
                    <td>
                      <DeliveryBadge status={d.status} />
                    </td>
                    <td>
                      <code>{d.eventType}</code>
                      {d.lastError && (
                        <div
                          class="small muted"
                          style={{ maxWidth: '32ch', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                          title={d.lastError}
                        >
                          {d.lastError}
                        </div>
                      )}
                    </td>
                    <td class="num">
                      <HttpCode code={d.lastStatusCode} />
                    </td>
                    <td class="num nowrap">{duration(d.lastDurationMs)}</td>
                    <td class="num">{d.attemptCount}</td>
                    <td class="nowrap small">{d.status === 'pending' && d.nextAttemptAt ? relative(d.nextAttemptAt) : '—'}</td>
                    <td class="nowrap small" title={dateTime(d.createdAt)}>
                      {relative(d.createdAt)}
                    </td>
                    <td class="num">
                      <button
                        type="button"
                        class="btn btn-sm btn-ghost"
                        onClick={(e) => {
                          e.stopPropagation();
                          setOpen(d.id);
                        }}
                        aria-label={`Details of ${d.eventType} delivery ${d.id}`}
                      >
                        Details
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {cursor && (
            <div class="load-more">
              <Button
                busy={loadingMore}
                onClick={async () => {
                  setLoadingMore(true);
                  await load(true);
                  setLoadingMore(false);
                }}
              >
                Load older deliveries
              </Button>
            </div>
          )}
        </>
      )}
      {open && <DeliveryDrawer id={open} onClose={() => setOpen(null)} onRetried={() => void load()} />}
    </Card>
  );
}

function ReplayCard({ ep, onQueued }: { ep: Endpoint; onQueued: () => void }) {
  const [since, setSince] = useState(toDatetimeLocal(new Date(Date.now() - 24 * 3600_000).toISOString()));
  const [until, setUntil] = useState('');
  const [status, setStatus] = useState<'failed' | 'all'>('failed');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fe = error instanceof ApiError ? error.fieldErrors() : {};
  return (
    <Card title="Replay">
      <p class="muted small">
        Queue the events of a period again for this endpoint, for example after an outage. Receivers deduplicate with <code>webhook-id</code>.
      </p>
      <FormError error={error} />
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const body: Record<string, unknown> = { since: fromDatetimeLocal(since), status };
            const u = fromDatetimeLocal(until);
            if (u) body.until = u;
            const res = await post<ReplayResult>(`/api/v1/webhooks/${ep.id}/replay`, body);
            toast(res.queued === 0 ? 'Nothing to replay in that period' : `${res.queued} deliver${res.queued === 1 ? 'y' : 'ies'} queued`);
            onQueued();
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <div class="grid-2">
          <Field label="Since" error={fe.since}>
            {(p) => <input {...p} type="datetime-local" required value={since} onInput={(e) => setSince(e.currentTarget.value)} />}
          </Field>
          <Field label="Until" optional hint="Empty: up to now." error={fe.until}>
            {(p) => <input {...p} type="datetime-local" value={until} onInput={(e) => setUntil(e.currentTarget.value)} />}
          </Field>
        </div>
        <Field label="Which deliveries" error={fe.status}>
          {(p) => (
            <select {...p} value={status} onChange={(e) => setStatus(e.currentTarget.value as 'failed' | 'all')}>
              <option value="failed">Only failed (and quota-exceeded) ones</option>
              <option value="all">All events of the period</option>
            </select>
          )}
        </Field>
        <div class="form-actions">
          <Button type="submit" icon="play" busy={busy}>
            Replay
          </Button>
        </div>
      </form>
    </Card>
  );
}

// ---------- page ----------
export function WebhookDetailPage({ id }: { id: string }) {
  const ep = useResource(() => get<Endpoint>(`/api/v1/webhooks/${id}`), [id]);
  const types = useResource(() => get<EventTypeList>('/api/v1/event-types'));
  const [highlight, setHighlight] = useState<string | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const [deleting, setDeleting] = useState(false);
  const [enabling, setEnabling] = useState(false);
  const e = ep.data;
  const typeList = types.data ?? [];

  if (ep.error && !e) {
    return (
      <div class="page">
        <A href="/webhooks" class="back">
          ← Webhooks
        </A>
        <ErrorBox error={ep.error} retry={ep.reload} />
      </div>
    );
  }
  if (!e) {
    return (
      <div class="page">
        <Skeleton rows={5} />
      </div>
    );
  }
  const disabled = e.status === 'disabled' || !e.enabled;
  return (
    <div class="page">
      <A href="/webhooks" class="back">
        ← Webhooks
      </A>
      <header class="page-header">
        <div class="detail-head">
          <div class="detail-title">
            <h1>{e.url}</h1>
            <EndpointStatusBadge ep={e} />
          </div>
          {e.description && <p class="muted">{e.description}</p>}
        </div>
        <div class="page-actions">
          <A href={`/webhooks/${e.id}/edit`} class="btn btn-secondary">
            <Icon name="edit" size={16} /> Edit
          </A>
          <Button icon="trash" onClick={() => setDeleting(true)}>
            Delete
          </Button>
        </div>
      </header>
      {disabled && (
        <div class="alert alert-warning" role="status">
          <Icon name="alert" />
          <div>
            <strong>This endpoint is disabled{e.disabledAt ? ` since ${dateTime(e.disabledAt)}` : ''}.</strong>
            <p>{e.disabledReason ?? 'It was disabled by hand.'} Its queued deliveries are held and resume when you re-enable it.</p>
            <Button
              size="sm"
              variant="primary"
              busy={enabling}
              onClick={async () => {
                setEnabling(true);
                try {
                  const saved = await patch<Endpoint>(`/api/v1/webhooks/${e.id}`, { enabled: true });
                  ep.setData(() => saved);
                  toast('Endpoint re-enabled: held deliveries resume now');
                  setHistoryKey((k) => k + 1);
                } catch (err) {
                  toastError(err);
                } finally {
                  setEnabling(false);
                }
              }}
            >
              Re-enable endpoint
            </Button>
          </div>
        </div>
      )}
      {e.status === 'failing' && !disabled && (
        <div class="alert alert-warning" role="status">
          <Icon name="alert" />
          <p>
            Recent deliveries to this endpoint fail. They are retried automatically; an endpoint with no success for 3 days is disabled. Open a failed delivery
            below to see the error and the response.
          </p>
        </div>
      )}
      <div class="two-col">
        <SecretCard id={e.id} />
        {types.error && !types.data ? (
          <ErrorBox error={types.error} retry={types.reload} />
        ) : (
          <TestCard
            ep={e}
            types={typeList}
            onSent={(d) => {
              setHighlight(d);
            }}
          />
        )}
      </div>
      <Deliveries key={historyKey} ep={e} types={typeList} highlight={highlight} />
      <div class="two-col">
        <Card title="Configuration">
          <dl class="kv">
            <dt>Events</dt>
            <dd>
              <div class="row" style={{ gap: 'var(--s-1)' }}>
                {e.events.map((x) => (
                  <span class="chip" key={x}>
                    {x === '*' ? '* (all events)' : x}
                  </span>
                ))}
              </div>
            </dd>
            <dt>Filter</dt>
            <dd>
              {e.filter ? (
                <pre class="codeblock json">
                  <code>{prettyJson(e.filter)}</code>
                </pre>
              ) : (
                <span class="muted">none: every event of these types</span>
              )}
            </dd>
            <dt>Timeout</dt>
            <dd>{duration(e.timeoutMs)}</dd>
            <dt>Headers</dt>
            <dd>
              {e.headers && Object.keys(e.headers).length ? (
                Object.keys(e.headers).map((h) => (
                  <div key={h}>
                    <code>{h}</code>
                  </div>
                ))
              ) : (
                <span class="muted">none</span>
              )}
            </dd>
            <dt>Id</dt>
            <dd>
              <code>{e.id}</code>
            </dd>
            <dt>Created</dt>
            <dd>{dateTime(e.createdAt)}</dd>
          </dl>
        </Card>
        <ReplayCard ep={e} onQueued={() => setHistoryKey((k) => k + 1)} />
      </div>
      <SnippetCard ep={e} />
      <ConfirmDialog
        open={deleting}
        title="Delete this endpoint?"
        message={
          <>
            <code>{e.url}</code> stops receiving events at once; its pending deliveries are cancelled. This cannot be undone.
          </>
        }
        confirmLabel="Delete endpoint"
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await del(`/api/v1/webhooks/${e.id}`);
          toast('Endpoint deleted');
          navigate('/webhooks');
        }}
      />
    </div>
  );
}

import { ApiError, type Endpoint, type EndpointPage, get, type Usage } from '../api';
import { relative } from '../format';
import { navigate } from '../router';
import { A, Button, Card, EmptyState, ErrorBox, Icon, Meter, PageHeader, Skeleton, useResource } from '../ui';
import { EndpointStatusBadge } from './webhookShared';

export function UsageMeters({ usage }: { usage: Usage }) {
  return (
    <div class="meters">
      <Meter label="Endpoints" used={usage.endpoints.used} limit={usage.endpoints.limit} />
      <Meter label="Deliveries, last 24 h" used={usage.deliveries24h.used} limit={usage.deliveries24h.limit} />
      <Meter label="Test sends, last hour" used={usage.testSends1h.used} limit={usage.testSends1h.limit} />
    </div>
  );
}

async function loadAll(): Promise<Endpoint[]> {
  const out: Endpoint[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page: EndpointPage = await get<EndpointPage>(`/api/v1/webhooks${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...page.data);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

function eventsSummary(events: string[]): string {
  if (events.includes('*')) return 'All events';
  if (events.length <= 3) return events.join(', ');
  return `${events.slice(0, 2).join(', ')} +${events.length - 2} more`;
}

export function WebhooksPage() {
  const endpoints = useResource(loadAll);
  const usage = useResource(() => get<Usage>('/api/v1/usage'));
  const u = usage.data;
  const list = endpoints.data ?? [];
  const planBlocked = (u && u.endpoints.limit === 0) || (endpoints.error instanceof ApiError && endpoints.error.status === 403);
  const atLimit = u ? u.endpoints.limit !== null && u.endpoints.used >= u.endpoints.limit : false;

  return (
    <div class="page">
      <PageHeader
        title="Webhooks"
        description="Linkwire POSTs a signed JSON event to your endpoints for every click, visit, sign-up and change, and retries until they answer 2xx."
        actions={
          !planBlocked && (
            <Button
              variant="primary"
              icon="plus"
              disabled={atLimit}
              title={atLimit ? 'Your plan’s endpoint limit is reached' : undefined}
              onClick={() => navigate('/webhooks/new')}
            >
              Add endpoint
            </Button>
          )
        }
      />
      <Card title="Usage against your plan">
        {u ? <UsageMeters usage={u} /> : usage.error ? <ErrorBox error={usage.error} retry={usage.reload} /> : <Skeleton rows={1} />}
        {atLimit && !planBlocked && (
          <p class="hint" style={{ marginTop: 'var(--s-3)' }}>
            You use all {u?.endpoints.limit} endpoints of your plan. Delete one, or ask your operator for a bigger plan.
          </p>
        )}
      </Card>
      {planBlocked ? (
        <Card>
          <div class="upsell">
            <h2>Webhooks are a Pro feature</h2>
            <p class="muted">
              Your current plan includes no webhook endpoints. On Pro you get 3 endpoints and 1,000 deliveries a day; Business raises that to 25 endpoints and
              unlimited deliveries. Ask your Linkwire operator to upgrade your account (<code>linkwire account plan</code>).
            </p>
            <A href="/settings" class="btn btn-secondary">
              See plans and limits
            </A>
          </div>
        </Card>
      ) : (
        <Card title={`Endpoints${list.length ? ` (${list.length})` : ''}`}>
          {endpoints.error && !endpoints.data ? (
            <ErrorBox error={endpoints.error} retry={endpoints.reload} />
          ) : !endpoints.data ? (
            <Skeleton rows={2} />
          ) : list.length === 0 ? (
            <EmptyState
              icon="webhook"
              title="No endpoints yet"
              action={
                <Button variant="primary" icon="plus" onClick={() => navigate('/webhooks/new')}>
                  Add your first endpoint
                </Button>
              }
            >
              Add the URL of your server, Zapier or Make hook, pick the events you want, then press “Send test” to see a signed delivery arrive.
            </EmptyState>
          ) : (
            <ul class="endpoint-list">
              {list.map((ep) => (
                <li key={ep.id} class="endpoint-card" data-testid="endpoint-card">
                  <div class="stack" style={{ gap: 'var(--s-1)', minWidth: 0 }}>
                    <A href={`/webhooks/${ep.id}`} class="endpoint-url">
                      {ep.url}
                    </A>
                    {ep.description && <span class="small">{ep.description}</span>}
                    <div class="endpoint-meta">
                      <span>{eventsSummary(ep.events)}</span>
                      {ep.filter ? <span class="chip">filtered</span> : null}
                      <span>· created {relative(ep.createdAt)}</span>
                    </div>
                  </div>
                  <div class="endpoint-status">
                    <EndpointStatusBadge ep={ep} />
                    {ep.status === 'disabled' && ep.disabledReason && (
                      <span class="small muted" style={{ maxWidth: '28ch' }}>
                        <Icon name="alert" size={14} /> {ep.disabledReason}
                      </span>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
    </div>
  );
}

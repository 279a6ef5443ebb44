import { useState } from 'preact/hooks';
import { type Endpoint, type EndpointPage, get, del, post, type TestSend } from '../api';
import { FORMAT_LABELS, type ChatFormat, suggestFormat } from '../integrations';
import { relative } from '../format';
import { Badge, Button, Card, ConfirmDialog, EmptyState, ErrorBox, Field, FormError, Icon, PageHeader, Skeleton, toast, toastError, useResource } from '../ui';
import { SinksSection } from './Sinks';
import { EndpointStatusBadge } from './webhookShared';

// Integrations (PRODUCT.md §7, §12): chat destinations (Slack, Discord, Teams) connected by pasting
// their webhook URL, and the no-code subscriptions Zapier, Make and n8n created. Analytics sinks
// (GA4, Segment, PostHog) are a section of their own (pages/Sinks.tsx), last on the page.

const SOURCE_LABELS: Record<string, string> = { zapier: 'Zapier', make: 'Make', n8n: 'n8n' };
const EVENT_CHOICES = [
  { value: 'link.click', label: 'Link clicks' },
  { value: 'analytics.milestone', label: 'Milestones (1K, 10K… clicks)' },
  { value: 'subscriber.new', label: 'New subscribers' },
  { value: '*', label: 'Every event' },
];

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

function ConnectChat({ onConnected }: { onConnected: () => void }) {
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<ChatFormat | ''>('');
  const [touched, setTouched] = useState(false);
  const [events, setEvents] = useState('link.click');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const suggested = suggestFormat(url);
  const chosen = touched ? format : (suggested ?? format);

  async function submit(e: Event) {
    e.preventDefault();
    if (!chosen) {
      setError(new Error('Choose the service this URL belongs to.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await post('/api/v1/webhooks', { url: url.trim(), events: [events], format: chosen, description: `${FORMAT_LABELS[chosen]} notifications` });
      toast(`${FORMAT_LABELS[chosen]} connected. Press “Send test message” to check it.`);
      setUrl('');
      setTouched(false);
      setFormat('');
      onConnected();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Connect Slack, Discord or Microsoft Teams">
      <form class="stack" onSubmit={submit} noValidate>
        <FormError error={error} />
        <Field
          label="Incoming webhook URL"
          hint="Slack: an incoming webhook of your Slack app. Discord: Server settings → Integrations → Webhooks. Teams: a Workflow “When a Teams webhook request is received”. The URL is stored encrypted and shown masked."
        >
          {(p) => (
            <input
              {...p}
              type="url"
              required
              value={url}
              placeholder="https://hooks.slack.com/services/…"
              onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
            />
          )}
        </Field>
        <Field label="Service" hint={suggested && !touched ? `Suggested from the URL: ${FORMAT_LABELS[suggested]}.` : undefined}>
          {(p) => (
            <select
              {...p}
              value={chosen}
              onChange={(e) => {
                setTouched(true);
                setFormat((e.target as HTMLSelectElement).value as ChatFormat | '');
              }}
            >
              <option value="">Choose…</option>
              <option value="slack">Slack</option>
              <option value="discord">Discord</option>
              <option value="teams">Microsoft Teams</option>
            </select>
          )}
        </Field>
        <Field label="Notify me about">
          {(p) => (
            <select {...p} value={events} onChange={(e) => setEvents((e.target as HTMLSelectElement).value)}>
              {EVENT_CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p class="hint">Bursts are folded into digests (“37 clicks on Spring sale in the last minute”), about one message a second at most.</p>
        <div>
          <Button type="submit" variant="primary" icon="plus" busy={busy} disabled={!url.trim()}>
            Connect
          </Button>
        </div>
      </form>
    </Card>
  );
}

function ChatRow({ ep, onChange }: { ep: Endpoint; onChange: () => void }) {
  const [testing, setTesting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  async function sendTest() {
    setTesting(true);
    try {
      await post<TestSend>(`/api/v1/webhooks/${ep.id}/test`, {});
      toast('Test message queued: it should appear in the channel within seconds.');
      onChange();
    } catch (err) {
      toastError(err);
    } finally {
      setTesting(false);
    }
  }
  return (
    <li class="endpoint-card" data-testid="chat-endpoint">
      <div class="stack" style={{ gap: 'var(--s-1)', minWidth: 0 }}>
        <span class="integration-target">
          <Badge tone="info">{FORMAT_LABELS[ep.format as ChatFormat]}</Badge> {ep.url}
        </span>
        <div class="endpoint-meta">
          <span>{ep.events.includes('*') ? 'Every event' : ep.events.join(', ')}</span>
          <span>· connected {relative(ep.createdAt)}</span>
        </div>
        {ep.misconfiguredReason && (
          <span class="small" role="status">
            <Icon name="alert" size={14} /> {ep.misconfiguredReason}
          </span>
        )}
      </div>
      <div class="endpoint-status">
        <EndpointStatusBadge ep={ep} />
        <div class="integration-actions">
          <Button size="sm" icon="send" busy={testing} onClick={sendTest} disabled={!ep.enabled}>
            Send test message
          </Button>
          <Button size="sm" variant="danger" onClick={() => setConfirming(true)}>
            Disconnect
          </Button>
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Disconnect ${FORMAT_LABELS[ep.format as ChatFormat]}?`}
        message="Linkwire stops posting to this channel. Messages already sent stay there."
        confirmLabel="Disconnect"
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          await del(`/api/v1/webhooks/${ep.id}`);
          toast('Disconnected');
          onChange();
        }}
      />
    </li>
  );
}

export function IntegrationsPage() {
  const endpoints = useResource(loadAll);
  const list = endpoints.data ?? [];
  const chats = list.filter((ep) => ep.format !== 'standard');
  const subscriptions = list.filter((ep) => ep.source !== 'api');
  return (
    <div class="page">
      <PageHeader
        title="Integrations"
        description="Post events to a chat channel, see the subscriptions that Zapier, Make and n8n created with your API key, and forward analytics to GA4, Segment or PostHog."
      />
      <ConnectChat onConnected={endpoints.reload} />
      <Card title={`Chat channels${chats.length ? ` (${chats.length})` : ''}`}>
        {endpoints.error && !endpoints.data ? (
          <ErrorBox error={endpoints.error} retry={endpoints.reload} />
        ) : !endpoints.data ? (
          <Skeleton rows={2} />
        ) : chats.length === 0 ? (
          <EmptyState icon="webhook" title="No chat channel yet">
            Paste a Slack, Discord or Teams webhook URL above.
          </EmptyState>
        ) : (
          <ul class="endpoint-list">
            {chats.map((ep) => (
              <ChatRow key={ep.id} ep={ep} onChange={endpoints.reload} />
            ))}
          </ul>
        )}
      </Card>
      <Card title={`No-code subscriptions${subscriptions.length ? ` (${subscriptions.length})` : ''}`}>
        {!endpoints.data ? (
          <Skeleton rows={1} />
        ) : subscriptions.length === 0 ? (
          <EmptyState icon="link" title="No Zapier, Make or n8n subscription">
            Turn on a Zap, scenario or workflow that uses a Linkwire trigger: it subscribes here with your API key (see docs/integrations.md).
          </EmptyState>
        ) : (
          <ul class="endpoint-list">
            {subscriptions.map((ep) => (
              <li key={ep.id} class="endpoint-card" data-testid="nocode-subscription">
                <div class="stack" style={{ gap: 'var(--s-1)', minWidth: 0 }}>
                  <span class="integration-target">
                    <Badge tone="neutral">{SOURCE_LABELS[ep.source] ?? ep.source}</Badge> {ep.url}
                  </span>
                  <div class="endpoint-meta">
                    <span>{ep.events.includes('*') ? 'Every event' : ep.events.join(', ')}</span>
                    <span>· subscribed {relative(ep.createdAt)}</span>
                  </div>
                </div>
                <div class="endpoint-status">
                  <EndpointStatusBadge ep={ep} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <SinksSection />
    </div>
  );
}

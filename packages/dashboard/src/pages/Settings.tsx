import { useState } from 'preact/hooks';
import { type Account, ApiError, type ApiKey, type ApiKeyList, type CreatedApiKey, del, get, post, type Usage } from '../api';
import { dateOnly, relative } from '../format';
import { setAccount } from '../session';
import {
  Button,
  Card,
  ConfirmDialog,
  CopyButton,
  EmptyState,
  ErrorBox,
  Field,
  FormError,
  Icon,
  Meter,
  Modal,
  PageHeader,
  Skeleton,
  toast,
  useResource,
} from '../ui';

const PLAN_TABLE: { plan: string; endpoints: string; deliveries: string; tests: string }[] = [
  { plan: 'free', endpoints: '0', deliveries: '0', tests: '0' },
  { plan: 'pro', endpoints: '3', deliveries: '1,000', tests: '10' },
  { plan: 'business', endpoints: '25', deliveries: 'unlimited', tests: '100' },
];

function fmtLimit(n: number | null | undefined): string {
  return n === null ? 'unlimited' : n === undefined ? '—' : n.toLocaleString('en-US');
}

function PlanCard() {
  const account = useResource(async () => {
    const a = await get<Account>('/api/v1/account');
    setAccount(a);
    return a;
  });
  const usage = useResource(() => get<Usage>('/api/v1/usage'));
  const a = account.data;
  return (
    <Card title="Plan and limits">
      {account.error && !a ? (
        <ErrorBox error={account.error} retry={account.reload} />
      ) : !a ? (
        <Skeleton rows={2} />
      ) : (
        <div class="stack">
          <dl class="kv">
            <dt>Email</dt>
            <dd>{a.email}</dd>
            <dt>Handle</dt>
            <dd>
              <a href={`/${a.handle}`} target="_blank" rel="noreferrer">
                {location.origin}/{a.handle}
              </a>
            </dd>
            <dt>Plan</dt>
            <dd>
              <span class={`plan plan-${a.plan}`} style={{ marginLeft: 0 }}>
                {a.plan}
              </span>
            </dd>
            <dt>Member since</dt>
            <dd>{dateOnly(a.createdAt)}</dd>
          </dl>
          {usage.data ? (
            <div class="meters">
              <Meter label="Webhook endpoints" used={usage.data.endpoints.used} limit={usage.data.endpoints.limit} />
              <Meter label="Deliveries (24 h)" used={usage.data.deliveries24h.used} limit={usage.data.deliveries24h.limit} />
              <Meter label="Test sends (1 h)" used={usage.data.testSends1h.used} limit={usage.data.testSends1h.limit} />
            </div>
          ) : usage.error ? (
            <ErrorBox error={usage.error} retry={usage.reload} />
          ) : (
            <Skeleton rows={1} />
          )}
          <div class="table-wrap">
            <table>
              <caption class="sr-only">Limits of each plan</caption>
              <thead>
                <tr>
                  <th scope="col">Plan</th>
                  <th scope="col" class="num">
                    Webhook endpoints
                  </th>
                  <th scope="col" class="num">
                    Deliveries / 24 h
                  </th>
                  <th scope="col" class="num">
                    Test sends / hour
                  </th>
                </tr>
              </thead>
              <tbody>
                {PLAN_TABLE.map((p) => {
                  const mine = p.plan === a.plan;
                  return (
                    <tr key={p.plan} aria-current={mine ? 'true' : undefined}>
                      <th scope="row" style={{ textTransform: 'capitalize', fontSize: 'var(--t-sm)', color: 'var(--text)' }}>
                        {p.plan} {mine && <span class="badge badge-info">your plan</span>}
                      </th>
                      <td class="num">{mine && a.limits ? fmtLimit(a.limits.endpoints) : p.endpoints}</td>
                      <td class="num">{mine && a.limits ? fmtLimit(a.limits.deliveries24h) : p.deliveries}</td>
                      <td class="num">{mine && a.limits ? fmtLimit(a.limits.testSends1h) : p.tests}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p class="hint">
            Defaults shown; your operator may override them. Plans are changed by the operator (<code>linkwire account plan</code>).
          </p>
        </div>
      )}
    </Card>
  );
}

function ApiKeysCard() {
  const keys = useResource(() => get<ApiKeyList>('/api/v1/api-keys'));
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const fe = error instanceof ApiError ? error.fieldErrors() : {};
  const list = keys.data?.data ?? [];
  return (
    <Card title="API keys">
      <p class="muted small">
        Use an API key as <code>Authorization: Bearer &lt;key&gt;</code> to call the REST API from scripts and servers. Keys have the same rights as your
        account.
      </p>
      <form
        class="row"
        style={{ alignItems: 'flex-end' }}
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const k = await post<CreatedApiKey>('/api/v1/api-keys', { name: name.trim() });
            setCreated({ name: k.name, key: k.key });
            setName('');
            await keys.reload();
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <div style={{ flex: 1, minWidth: '220px' }}>
          <FormError error={error && !fe.name ? error : null} />
          <Field label="New key name" hint="For example “Zapier” or “CRM sync”." error={fe.name}>
            {(p) => <input {...p} required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
          </Field>
        </div>
        <Button type="submit" variant="primary" icon="key" busy={busy} style={{ marginBottom: 'var(--s-4)' }} disabled={!name.trim()}>
          Create key
        </Button>
      </form>
      {keys.error && !keys.data ? (
        <ErrorBox error={keys.error} retry={keys.reload} />
      ) : !keys.data ? (
        <Skeleton rows={2} />
      ) : list.length === 0 ? (
        <EmptyState icon="key" title="No API keys">
          Create a key above to call the API from your own code.
        </EmptyState>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((k) => (
                <tr key={k.id}>
                  <td>
                    <strong>{k.name}</strong>
                  </td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td class="nowrap">{dateOnly(k.createdAt)}</td>
                  <td class="nowrap">{k.lastUsedAt ? relative(k.lastUsedAt) : 'never'}</td>
                  <td class="num">
                    <Button size="sm" variant="ghost" icon="trash" aria-label={`Revoke key ${k.name}`} onClick={() => setRevoking(k)}>
                      Revoke
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Modal
        open={created !== null}
        onClose={() => setCreated(null)}
        title={`API key “${created?.name ?? ''}” created`}
        footer={
          <Button variant="primary" onClick={() => setCreated(null)}>
            I have stored it
          </Button>
        }
      >
        <p>Copy the key now. For your security it is shown only once; Linkwire keeps only a hash.</p>
        {created && (
          <div class="secret-box">
            <code class="secret" data-testid="new-api-key">
              {created.key}
            </code>
            <CopyButton text={created.key} what="API key" />
          </div>
        )}
        <p class="hint">
          <Icon name="alert" size={14} /> Lost it? Revoke it and create another.
        </p>
      </Modal>
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this API key?"
        message={<>Requests using “{revoking?.name}” will fail with 401 at once. This cannot be undone.</>}
        confirmLabel="Revoke key"
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          await del(`/api/v1/api-keys/${revoking.id}`);
          toast(`Key “${revoking.name}” revoked`);
          await keys.reload();
        }}
      />
    </Card>
  );
}

export function SettingsPage() {
  return (
    <div class="page">
      <PageHeader title="Settings" description="Your account, plan limits and API keys." />
      <PlanCard />
      <ApiKeysCard />
    </div>
  );
}

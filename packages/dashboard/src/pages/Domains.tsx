import { useEffect, useState } from 'preact/hooks';
import { ApiError, del, get, patch, post } from '../api';
import type { components } from '../api.generated';
import { relative } from '../format';
import {
  Badge,
  Button,
  Card,
  ConfirmDialog,
  CopyButton,
  EmptyState,
  ErrorBox,
  Field,
  FormError,
  PageHeader,
  Skeleton,
  toast,
  toastError,
  useResource,
  useSubmit,
} from '../ui';

// Custom domains (docs/domains.md): add one, copy the DNS records, watch the status, read every
// check with its reason, and check now.

export type Domain = components['schemas']['Domain'];
type DomainPage = components['schemas']['DomainPage'];
type DomainCheckPage = components['schemas']['DomainCheckPage'];

const STATUS_TONE = { pending: 'info', verified: 'success', misconfigured: 'warning', failed: 'danger' } as const;
const STATUS_TEXT = {
  pending: 'Pending: waiting for the DNS records',
  verified: 'Verified: serving your links',
  misconfigured: 'Misconfigured: still serving, fix the records',
  failed: 'Failed: checks stopped',
} as const;

/** Plain words for the reason codes of GET …/checks. */
export const REASONS: Record<string, string> = {
  txt_missing: 'the TXT record is not there yet',
  txt_mismatch: 'the TXT record holds another value',
  cname_missing: 'no CNAME record',
  cname_wrong_target: 'the CNAME points elsewhere',
  a_missing: 'no A record',
  a_wrong_ip: 'the A record holds another address',
  aaaa_missing: 'no AAAA record',
  aaaa_wrong_ip: 'the AAAA record holds another address',
  proxied: 'verified through the challenge file (proxied DNS)',
  nxdomain: 'the name does not exist in DNS',
  dns_timeout: 'DNS did not answer in time',
  dns_servfail: 'the DNS server failed',
  dns_error: 'DNS lookup failed',
  ownership_transferred: 'another account proved ownership',
};
const reasonText = (reason: string | null) => (reason ? (REASONS[reason] ?? reason) : '—');

export async function loadDomains(): Promise<Domain[]> {
  return (await get<DomainPage>('/api/v1/domains?limit=100')).data;
}

/** What a domain serves: the add form's and the routing form's one choice. */
function PurposeField({ value, onChange, error }: { value: Domain['purpose']; onChange: (p: Domain['purpose']) => void; error?: string }) {
  return (
    <Field label="Serves" error={error}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.currentTarget.value as Domain['purpose'])}>
          <option value="both">Short links and the profile page</option>
          <option value="short_links">Short links only</option>
          <option value="profile">The profile page only</option>
        </select>
      )}
    </Field>
  );
}

function AddDomainForm({ onAdded }: { onAdded: (d: Domain) => void }) {
  const [hostname, setHostname] = useState('');
  const [purpose, setPurpose] = useState<Domain['purpose']>('both');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fe = error instanceof ApiError ? error.fieldErrors() : {};
  return (
    <Card title="Add a domain">
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const d = await post<Domain>('/api/v1/domains', { hostname, purpose });
            onAdded(d);
            setHostname('');
            toast(`${d.hostname} added: set its DNS records below`);
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <FormError error={error} />
        <div class="grid-2">
          <Field label="Hostname" hint="A domain or subdomain you control, such as go.brand.com." error={fe.hostname}>
            {(p) => (
              <input {...p} required spellcheck={false} placeholder="go.brand.com" value={hostname} onInput={(e) => setHostname(e.currentTarget.value)} />
            )}
          </Field>
          <PurposeField value={purpose} onChange={setPurpose} error={fe.purpose} />
        </div>
        <div class="form-actions">
          <Button type="submit" variant="primary" icon="plus" busy={busy}>
            Add domain
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** How a domain routes (PATCH /api/v1/domains/{id}): what it serves, where / and unknown slugs go. */
function RoutingForm({ domain, onChange }: { domain: Domain; onChange: (d: Domain) => void }) {
  const [purpose, setPurpose] = useState<Domain['purpose']>(domain.purpose);
  const [rootUrl, setRootUrl] = useState(domain.rootUrl ?? '');
  const [notFoundUrl, setNotFoundUrl] = useState(domain.notFoundUrl ?? '');
  const form = useSubmit(async () => {
    const d = await patch<Domain>(`/api/v1/domains/${domain.id}`, { purpose, rootUrl: rootUrl.trim() || null, notFoundUrl: notFoundUrl.trim() || null });
    onChange(d);
    toast(`${d.hostname}: routing saved`, 'success');
  });
  return (
    <form noValidate onSubmit={form.onSubmit} aria-label={`Routing of ${domain.hostname}`}>
      <FormError error={form.error} />
      <div class="grid-2">
        <PurposeField value={purpose} onChange={setPurpose} error={form.fields.purpose} />
        <Field label="Home page" optional hint="Where / goes when the domain does not serve the profile page." error={form.fields.rootUrl}>
          {(p) => (
            <input {...p} type="url" spellcheck={false} placeholder="https://brand.com/" value={rootUrl} onInput={(e) => setRootUrl(e.currentTarget.value)} />
          )}
        </Field>
        <Field label="Unknown links go to" optional hint="Where a slug that does not exist goes; empty: a 404 page." error={form.fields.notFoundUrl}>
          {(p) => (
            <input
              {...p}
              type="url"
              spellcheck={false}
              placeholder="https://brand.com/404"
              value={notFoundUrl}
              onInput={(e) => setNotFoundUrl(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <div class="form-actions">
        <Button type="submit" busy={form.busy}>
          Save routing
        </Button>
      </div>
    </form>
  );
}

function CheckHistory({ id, version }: { id: string; version: string }) {
  const checks = useResource(() => get<DomainCheckPage>(`/api/v1/domains/${id}/checks?limit=10`), [id, version]);
  if (checks.error) return <ErrorBox error={checks.error} retry={checks.reload} />;
  if (!checks.data) return <Skeleton rows={2} />;
  if (checks.data.data.length === 0) return <p class="muted small">No check yet: the first runs a minute after adding, or press “Check now”.</p>;
  return (
    <div class="table-wrap">
      <table data-testid="domain-checks">
        <caption class="sr-only">Recent checks</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">By</th>
            <th scope="col">Outcome</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {checks.data.data.map((c) => (
            <tr key={c.id}>
              <td>
                <time dateTime={c.at} title={c.at}>
                  {relative(c.at)}
                </time>
              </td>
              <td>{c.trigger === 'manual' ? 'Check now' : c.trigger === 'claim' ? 'Claim' : 'Schedule'}</td>
              <td>{c.outcome === 'pass' ? <Badge tone="success">Passed</Badge> : <Badge tone="danger">Failed</Badge>}</td>
              <td>
                {c.reason ? <code>{c.reason}</code> : null} {c.reason ? reasonText(c.reason) : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DomainCard({ domain, onChange, onRemoved }: { domain: Domain; onChange: (d: Domain) => void; onRemoved: () => void }) {
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState(false);
  return (
    <Card
      title={domain.hostname}
      actions={
        <>
          <Button
            size="sm"
            icon="refresh"
            busy={busy}
            onClick={async () => {
              setBusy(true);
              try {
                const d = await post<Domain>(`/api/v1/domains/${domain.id}/verify`);
                onChange(d);
                toast(
                  d.status === 'verified' ? `${d.hostname} is verified` : `Checked: ${reasonText(d.lastReason)}`,
                  d.status === 'verified' ? 'success' : 'info',
                );
              } catch (err) {
                toastError(err);
              } finally {
                setBusy(false);
              }
            }}
          >
            Check now
          </Button>
          <Button size="sm" variant="ghost" icon="trash" onClick={() => setRemoving(true)} aria-label={`Remove ${domain.hostname}`}>
            Remove
          </Button>
        </>
      }
    >
      <ConfirmDialog
        open={removing}
        title={`Remove ${domain.hostname}?`}
        message={<>It stops serving at once and its check history goes with it. A domain that still has links is kept until they are deleted.</>}
        confirmLabel="Remove domain"
        onClose={() => setRemoving(false)}
        onConfirm={async () => {
          await del(`/api/v1/domains/${domain.id}`);
          toast(`${domain.hostname} removed`);
          onRemoved();
        }}
      />
      <p data-testid="domain-status" aria-live="polite">
        <Badge tone={STATUS_TONE[domain.status]}>{STATUS_TEXT[domain.status]}</Badge>{' '}
        <span class="small muted">
          {domain.lastCheckedAt ? `Last checked ${relative(domain.lastCheckedAt)}` : 'Not checked yet'}
          {domain.nextCheckAt ? ` · next check ${relative(domain.nextCheckAt)}` : ''}
          {domain.lastReason && domain.status !== 'verified' ? ` · ${reasonText(domain.lastReason)}` : ''}
        </span>
      </p>
      <h3>DNS records to set</h3>
      <div class="table-wrap">
        <table data-testid="domain-records">
          <caption class="sr-only">DNS records for {domain.hostname}</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {domain.records.map((r) => (
              <tr key={`${r.type}-${r.value}`}>
                <td>
                  <code>{r.type}</code>
                  <span class="small muted"> {r.purpose}</span>
                </td>
                <td>
                  <code>{r.name}</code> <CopyButton text={r.name} what={`${r.type} name`} />
                </td>
                <td>
                  <code class="break">{r.value}</code> <CopyButton text={r.value} what={`${r.type} value`} />
                </td>
                <td>
                  {r.status === 'ok' ? (
                    <Badge tone="success">OK</Badge>
                  ) : r.status === 'failed' ? (
                    <Badge tone="danger">Failed</Badge>
                  ) : (
                    <Badge tone="neutral">Not checked</Badge>
                  )}
                  {r.status === 'failed' && (
                    <span class="small muted">
                      {' '}
                      {reasonText(r.reason)}
                      {r.found ? ` (found ${r.found})` : ''}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">
        Behind a proxy such as Cloudflare? <code>{domain.challengeUrl}</code> must answer the TXT value; Linkwire then verifies the domain over HTTP.
      </p>
      <h3>Routing</h3>
      <RoutingForm domain={domain} onChange={onChange} />
      <h3>Recent checks</h3>
      <CheckHistory id={domain.id} version={`${domain.lastCheckedAt}-${domain.status}`} />
    </Card>
  );
}

export function DomainsPage() {
  const domains = useResource(loadDomains);
  const [list, setList] = useState<Domain[] | null>(null);
  useEffect(() => {
    if (domains.data) setList(domains.data);
  }, [domains.data]);
  // Live status: while a domain waits for its records, re-read the list every 15 s.
  const waiting = (list ?? []).some((d) => d.status === 'pending');
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void domains.reload(), 15_000);
    return () => clearInterval(timer);
  }, [waiting]);
  const planBlocked = domains.error instanceof ApiError && domains.error.status === 403;
  return (
    <div class="page">
      <PageHeader
        title="Domains"
        description="Serve your short links and your profile page on your own domain: add it, set two DNS records, and Linkwire checks them for you."
      />
      {!planBlocked && <AddDomainForm onAdded={(d) => setList([d, ...(list ?? [])])} />}
      {domains.error && !list ? (
        <ErrorBox error={domains.error} retry={domains.reload} />
      ) : !list ? (
        <Skeleton rows={2} />
      ) : list.length === 0 ? (
        <Card>
          <EmptyState icon="globe" title="No custom domains yet">
            Add a hostname above. You will get a TXT record that proves you own it and a record that sends its traffic here.
          </EmptyState>
        </Card>
      ) : (
        list.map((d) => (
          <DomainCard
            key={d.id}
            domain={d}
            onChange={(nd) => setList(list.map((x) => (x.id === nd.id ? nd : x)))}
            onRemoved={() => setList(list.filter((x) => x.id !== d.id))}
          />
        ))
      )}
    </div>
  );
}

/** The link editor's domain choice: the account's domains that serve short links. */
export function DomainChoice({ value, onChange, error }: { value: string; onChange: (hostname: string) => void; error?: string }) {
  const domains = useResource(loadDomains);
  const usable = (domains.data ?? []).filter((d) => d.purpose !== 'profile' && d.status !== 'failed');
  if (usable.length === 0) return null;
  return (
    <Field label="Domain" optional hint="Where the short link lives. A custom domain serves it at https://<domain>/<slug>." error={error}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">This Linkwire instance (/l/…)</option>
          {usable.map((d) => (
            <option key={d.id} value={d.hostname}>
              {d.hostname}
              {d.status === 'pending' ? ' (pending)' : ''}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

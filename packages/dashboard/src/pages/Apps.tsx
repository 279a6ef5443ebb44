// Deep-link apps (PRODUCT.md §11, docs/deep-links.md): the account's iOS/Android apps, their
// publishable keys (shown once, rotatable) and the association-file diagnostics.
import { useState } from 'preact/hooks';
import { type AppDiagnostics, ApiError, del, get, type MobileApp, type MobileAppList, type MobileAppWithKey, patch, post } from '../api';
import { dateOnly } from '../format';
import { loadDomains } from './Domains';
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
  Icon,
  Modal,
  PageHeader,
  Skeleton,
  toast,
  useResource,
} from '../ui';

interface Draft {
  name: string;
  teamId: string;
  bundleId: string;
  appStoreId: string;
  packageName: string;
  fingerprints: string;
  playStoreUrl: string;
  windowMinutes: string;
  probabilistic: boolean;
}

const EMPTY: Draft = {
  name: '',
  teamId: '',
  bundleId: '',
  appStoreId: '',
  packageName: '',
  fingerprints: '',
  playStoreUrl: '',
  windowMinutes: '120',
  probabilistic: false,
};

function draftOf(a: MobileApp): Draft {
  return {
    name: a.name,
    teamId: a.ios?.teamId ?? '',
    bundleId: a.ios?.bundleId ?? '',
    appStoreId: a.ios?.appStoreId ?? '',
    packageName: a.android?.packageName ?? '',
    fingerprints: a.android?.sha256CertFingerprints.join('\n') ?? '',
    playStoreUrl: a.android?.playStoreUrl ?? '',
    windowMinutes: String(a.deferred.windowMinutes),
    probabilistic: a.deferred.probabilistic,
  };
}

/** The request body: a platform is sent when any of its fields is filled, so the server names what is missing. */
function bodyOf(d: Draft) {
  const ios = d.teamId || d.bundleId || d.appStoreId ? { teamId: d.teamId.trim(), bundleId: d.bundleId.trim(), appStoreId: d.appStoreId.trim() } : null;
  const prints = d.fingerprints
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const android =
    d.packageName || prints.length
      ? { packageName: d.packageName.trim(), sha256CertFingerprints: prints, ...(d.playStoreUrl.trim() ? { playStoreUrl: d.playStoreUrl.trim() } : {}) }
      : null;
  return { name: d.name.trim(), ios, android, deferred: { windowMinutes: Number(d.windowMinutes), probabilistic: d.probabilistic } };
}

function AppForm({ initial, onSaved, onCancel }: { initial?: MobileApp; onSaved: (a: MobileApp | MobileAppWithKey) => void; onCancel: () => void }) {
  const [d, setD] = useState<Draft>(initial ? draftOf(initial) : EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fe = error instanceof ApiError ? error.fieldErrors() : {};
  const set = (k: keyof Draft) => (e: Event) => setD({ ...d, [k]: (e.currentTarget as HTMLInputElement).value });
  return (
    <form
      noValidate
      class="stack"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          const saved = initial ? await patch<MobileApp>(`/api/v1/apps/${initial.id}`, bodyOf(d)) : await post<MobileAppWithKey>('/api/v1/apps', bodyOf(d));
          onSaved(saved);
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <FormError error={error} />
      <Field label="App name" error={fe.name}>
        {(p) => <input {...p} required maxLength={100} value={d.name} onInput={set('name')} />}
      </Field>
      <fieldset class="field">
        <legend>iOS</legend>
        <div class="grid-2">
          <Field label="Team ID" optional hint="10 characters, from developer.apple.com › Membership." error={fe['ios.teamId']}>
            {(p) => <input {...p} maxLength={10} value={d.teamId} onInput={set('teamId')} autoComplete="off" />}
          </Field>
          <Field label="Bundle ID" optional hint="For example com.example.app." error={fe['ios.bundleId']}>
            {(p) => <input {...p} value={d.bundleId} onInput={set('bundleId')} autoComplete="off" />}
          </Field>
        </div>
        <Field label="App Store ID" optional hint="The digits after “id” in the App Store URL." error={fe['ios.appStoreId']}>
          {(p) => <input {...p} inputMode="numeric" value={d.appStoreId} onInput={set('appStoreId')} />}
        </Field>
      </fieldset>
      <fieldset class="field">
        <legend>Android</legend>
        <Field label="Package name" optional error={fe['android.packageName']}>
          {(p) => <input {...p} value={d.packageName} onInput={set('packageName')} autoComplete="off" />}
        </Field>
        <Field
          label="SHA-256 certificate fingerprints"
          optional
          hint="One per line, AA:BB:… (32 bytes). Include the Play App Signing key from Play Console › App integrity."
          error={fe['android.sha256CertFingerprints'] ?? Object.entries(fe).find(([k]) => k.startsWith('android.sha256CertFingerprints.'))?.[1]}
        >
          {(p) => <textarea {...p} rows={3} value={d.fingerprints} onInput={set('fingerprints')} spellcheck={false} />}
        </Field>
        <Field label="Play Store URL" optional hint="Defaults to the package’s Play Store page." error={fe['android.playStoreUrl']}>
          {(p) => <input {...p} type="url" value={d.playStoreUrl} onInput={set('playStoreUrl')} />}
        </Field>
      </fieldset>
      <fieldset class="field">
        <legend>Deferred deep links</legend>
        <Field
          label="Token window (minutes)"
          hint="How long a store visitor’s token can be claimed after install (1–1440)."
          error={fe['deferred.windowMinutes']}
        >
          {(p) => <input {...p} type="number" min={1} max={1440} value={d.windowMinutes} onInput={set('windowMinutes')} />}
        </Field>
        <label class="check">
          <input type="checkbox" checked={d.probabilistic} onChange={(e) => setD({ ...d, probabilistic: e.currentTarget.checked })} />
          <span>
            Probabilistic matching <span class="muted">— Android only; never for iOS apps (Apple forbids fingerprinting)</span>
          </span>
        </label>
      </fieldset>
      <div class="row">
        <Button type="submit" variant="primary" busy={busy} disabled={!d.name.trim()}>
          {initial ? 'Save app' : 'Add app'}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function DiagnosticsView({ app }: { app: MobileApp }) {
  const [host, setHost] = useState('');
  const domains = useResource(loadDomains);
  const hosts = (domains.data ?? []).filter((d) => d.status === 'verified' || d.status === 'misconfigured');
  const diag = useResource(() => get<AppDiagnostics>(`/api/v1/apps/${app.id}/diagnostics${host ? `?host=${encodeURIComponent(host)}` : ''}`), [app.id, host]);
  return (
    <div class="stack">
      {hosts.length > 0 && (
        <Field label="Host" hint="The association files are served per host: this instance and each verified custom domain.">
          {(p) => (
            <select {...p} value={host} onChange={(e) => setHost(e.currentTarget.value)}>
              <option value="">This Linkwire instance</option>
              {hosts.map((d) => (
                <option key={d.id} value={d.hostname}>
                  {d.hostname}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {diag.error && !diag.data ? (
        <ErrorBox error={diag.error} retry={diag.reload} />
      ) : !diag.data ? (
        <Skeleton rows={3} />
      ) : (
        <DiagnosticsReport r={diag.data} reload={diag.reload} />
      )}
    </div>
  );
}

function DiagnosticsReport({ r, reload }: { r: AppDiagnostics; reload: () => unknown }) {
  const files = [
    ['apple-app-site-association', r.appleAppSiteAssociation],
    ['assetlinks.json', r.assetLinks],
  ] as const;
  return (
    <div class="stack">
      <p>{r.ok ? <Badge tone="success">Apple and Google would accept this host</Badge> : <Badge tone="warning">Something would be rejected</Badge>}</p>
      {files.map(([name, f]) =>
        f ? (
          <section key={name} aria-label={name}>
            <h3>
              <code>{name}</code> <span class="muted small">{f.url}</span>
            </h3>
            <ul class="plain">
              {f.checks.map((c) => (
                <li key={c.rule}>
                  <Icon name={c.ok ? 'check' : 'alert'} size={14} label={c.ok ? 'passed' : 'failed'} /> <strong>{c.rule}</strong>: {c.message}
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
      {r.hints.length > 0 && (
        <ul class="hint">
          {r.hints.map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ul>
      )}
      <Button size="sm" variant="ghost" icon="refresh" onClick={reload}>
        Check again
      </Button>
    </div>
  );
}

export function AppsPage() {
  const apps = useResource(() => get<MobileAppList>('/api/v1/apps'));
  const [editing, setEditing] = useState<MobileApp | 'new' | null>(null);
  const [key, setKey] = useState<{ name: string; key: string } | null>(null);
  const [rotating, setRotating] = useState<MobileApp | null>(null);
  const [deleting, setDeleting] = useState<MobileApp | null>(null);
  const [diagnosing, setDiagnosing] = useState<MobileApp | null>(null);
  const list = apps.data?.data ?? [];
  return (
    <div class="page">
      <PageHeader
        title="Apps"
        description={
          <>
            Mobile apps your links can open. Give a link app settings in its editor; see <code>docs/deep-links.md</code> for the iOS and Android set-up.
          </>
        }
        actions={
          <Button variant="primary" icon="plus" onClick={() => setEditing('new')}>
            Add app
          </Button>
        }
      />
      {editing && (
        <Card title={editing === 'new' ? 'Add an app' : `Edit “${editing.name}”`}>
          <AppForm
            initial={editing === 'new' ? undefined : editing}
            onCancel={() => setEditing(null)}
            onSaved={async (a) => {
              setEditing(null);
              if ('publishableKey' in a) setKey({ name: a.name, key: a.publishableKey });
              else toast(`App “${a.name}” saved`);
              await apps.reload();
            }}
          />
        </Card>
      )}
      <Card title="Your apps">
        {apps.error && !apps.data ? (
          <ErrorBox error={apps.error} retry={apps.reload} />
        ) : !apps.data ? (
          <Skeleton rows={2} />
        ) : list.length === 0 ? (
          <EmptyState icon="link" title="No apps yet">
            Add your iOS or Android app to open links in it and to send visitors without it to the store.
          </EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">App</th>
                  <th scope="col">Platforms</th>
                  <th scope="col">Key</th>
                  <th scope="col">Added</th>
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <strong>{a.name}</strong>
                      <div class="muted small">
                        <code>{a.id}</code>
                      </div>
                    </td>
                    <td>
                      {a.ios && <Badge tone="info">iOS {a.ios.bundleId}</Badge>} {a.android && <Badge tone="info">Android {a.android.packageName}</Badge>}
                    </td>
                    <td>
                      <code>{a.keyPrefix}…</code>
                    </td>
                    <td class="nowrap">{dateOnly(a.createdAt)}</td>
                    <td class="num nowrap">
                      <Button size="sm" variant="ghost" onClick={() => setDiagnosing(a)} aria-label={`Diagnostics of ${a.name}`}>
                        Diagnostics
                      </Button>
                      <Button size="sm" variant="ghost" icon="edit" onClick={() => setEditing(a)} aria-label={`Edit ${a.name}`}>
                        Edit
                      </Button>
                      <Button size="sm" variant="ghost" icon="key" onClick={() => setRotating(a)} aria-label={`Rotate the key of ${a.name}`}>
                        Rotate key
                      </Button>
                      <Button size="sm" variant="ghost" icon="trash" onClick={() => setDeleting(a)} aria-label={`Remove ${a.name}`}>
                        Remove
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Modal
        open={key !== null}
        onClose={() => setKey(null)}
        title={`Publishable key of “${key?.name ?? ''}”`}
        footer={
          <Button variant="primary" onClick={() => setKey(null)}>
            I have stored it
          </Button>
        }
      >
        <p>Put this key in your app’s configuration. It is shown only once (Linkwire keeps a hash); it can only call the app API for this app.</p>
        {key && (
          <div class="secret-box">
            <code class="secret" data-testid="new-app-key">
              {key.key}
            </code>
            <CopyButton text={key.key} what="App key" />
          </div>
        )}
      </Modal>
      <Modal open={diagnosing !== null} onClose={() => setDiagnosing(null)} title={`Association files for “${diagnosing?.name ?? ''}”`} wide>
        {diagnosing && <DiagnosticsView app={diagnosing} />}
      </Modal>
      <ConfirmDialog
        open={rotating !== null}
        title="Rotate this app’s key?"
        message={<>Installed copies of “{rotating?.name}” that use the old key stop reaching the app API at once.</>}
        confirmLabel="Rotate key"
        onClose={() => setRotating(null)}
        onConfirm={async () => {
          if (!rotating) return;
          const a = await post<MobileAppWithKey>(`/api/v1/apps/${rotating.id}/rotate-key`);
          setKey({ name: a.name, key: a.publishableKey });
          await apps.reload();
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title="Remove this app?"
        message={<>Links that open “{deleting?.name}” become plain web links, and unclaimed tokens are dropped.</>}
        confirmLabel="Remove app"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await del(`/api/v1/apps/${deleting.id}`);
          toast(`App “${deleting.name}” removed`);
          await apps.reload();
        }}
      />
    </div>
  );
}

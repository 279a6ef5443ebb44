import { useEffect, useState } from 'preact/hooks';
import { ApiError, del, get, type Profile, patch, post, type Subscriber, type SubscriberPage, THEMES, type Theme, type Widget, type WidgetList } from '../api';
import { dateTime } from '../format';
import { ProfilePreview, publicPath } from '../preview';
import { Button, Card, ConfirmDialog, EmptyState, ErrorBox, Field, FormError, Icon, PageHeader, Skeleton, toast, toastError, useResource } from '../ui';

const BIO_MAX = 300;

function ProfileForm({ profile, onSaved }: { profile: Profile; onSaved: (p: Profile) => void }) {
  const [title, setTitle] = useState(profile.title ?? '');
  const [bio, setBio] = useState(profile.bio ?? '');
  const [avatarUrl, setAvatarUrl] = useState(profile.avatarUrl ?? '');
  const [theme, setTheme] = useState<Theme>(profile.theme);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [avatarBroken, setAvatarBroken] = useState(false);
  useEffect(() => setAvatarBroken(false), [avatarUrl]);
  const fe = error instanceof ApiError ? error.fieldErrors() : {};
  const dirty = title !== (profile.title ?? '') || bio !== (profile.bio ?? '') || avatarUrl !== (profile.avatarUrl ?? '') || theme !== profile.theme;
  return (
    <Card title="Public page">
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const body: Record<string, unknown> = {};
            if (title !== (profile.title ?? '')) body.title = title;
            if (bio !== (profile.bio ?? '')) body.bio = bio;
            if (avatarUrl !== (profile.avatarUrl ?? '')) body.avatarUrl = avatarUrl.trim() || null;
            if (theme !== profile.theme) body.theme = theme;
            const saved = await patch<Profile>('/api/v1/profile', body);
            onSaved(saved);
            toast('Profile saved');
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <FormError error={error} />
        <Field label="Title" hint="Shown at the top of your page, usually your name or brand." error={fe.title}>
          {(p) => <input {...p} maxLength={100} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />}
        </Field>
        <Field label="Bio" optional error={fe.bio}>
          {(p) => (
            <>
              <textarea {...p} maxLength={BIO_MAX} rows={3} value={bio} onInput={(e) => setBio(e.currentTarget.value)} />
              <span class="counter" aria-live="polite">
                {bio.length} / {BIO_MAX}
              </span>
            </>
          )}
        </Field>
        <div class="avatar-row">
          {avatarUrl && !avatarBroken ? (
            <img class="avatar" src={avatarUrl} alt="Avatar preview" onError={() => setAvatarBroken(true)} />
          ) : (
            <span class="avatar" aria-hidden="true">
              {(title || profile.handle).slice(0, 1).toUpperCase()}
            </span>
          )}
          <Field
            label="Avatar URL"
            optional
            hint={avatarBroken ? 'This image could not be loaded.' : 'A square https:// image works best.'}
            error={fe.avatarUrl}
          >
            {(p) => <input {...p} type="url" placeholder="https://" value={avatarUrl} onInput={(e) => setAvatarUrl(e.currentTarget.value)} />}
          </Field>
        </div>
        <fieldset class="field">
          <legend class="label">Theme</legend>
          <div class="themes">
            {THEMES.map((t) => (
              <div class="theme-opt" key={t}>
                <input type="radio" id={`theme-${t}`} name="theme" value={t} checked={theme === t} onChange={() => setTheme(t)} />
                <label for={`theme-${t}`}>
                  <span class={`swatch swatch-${t}`} aria-hidden="true" />
                  {t}
                </label>
              </div>
            ))}
          </div>
          {fe.theme && <p class="field-error">{fe.theme}</p>}
        </fieldset>
        <div class="form-actions">
          <Button type="submit" variant="primary" busy={busy} disabled={!dirty}>
            Save profile
          </Button>
        </div>
      </form>
    </Card>
  );
}

function WidgetsCard({ onChange }: { onChange: () => void }) {
  const widgets = useResource(() => get<WidgetList>('/api/v1/widgets'));
  const [title, setTitle] = useState('');
  const [campaignId, setCampaignId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [deleting, setDeleting] = useState<Widget | null>(null);
  const fe = error instanceof ApiError ? error.fieldErrors() : {};
  const list = widgets.data?.data ?? [];
  return (
    <Card title="Mailing-list widgets">
      <p class="muted small">
        A sign-up box on your page. Each new subscriber fires <code>subscriber.new</code> with the campaign id, so your mailing tool can pick it up.
      </p>
      {widgets.error && !widgets.data ? (
        <ErrorBox error={widgets.error} retry={widgets.reload} />
      ) : !widgets.data ? (
        <Skeleton rows={1} />
      ) : list.length === 0 ? (
        <p class="hint">No widget yet: add one below to start collecting emails.</p>
      ) : (
        <ul class="widget-list">
          {list.map((w) => (
            <li class="widget-row" key={w.id}>
              <Icon name="mail" />
              <div>
                <strong>{w.title}</strong>
                <div class="small muted">
                  {w.campaignId ? (
                    <>
                      Campaign <code>{w.campaignId}</code>
                    </>
                  ) : (
                    'No campaign id'
                  )}
                </div>
              </div>
              <button type="button" class="icon-btn icon-btn-danger" aria-label={`Delete widget ${w.title}`} onClick={() => setDeleting(w)}>
                <Icon name="trash" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const body: Record<string, unknown> = { kind: 'mailing_list', title: title.trim() };
            if (campaignId.trim()) body.campaignId = campaignId.trim();
            await post('/api/v1/widgets', body);
            setTitle('');
            setCampaignId('');
            toast('Widget added');
            await widgets.reload();
            onChange();
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <FormError error={error} />
        <div class="grid-2">
          <Field label="Widget title" hint="For example “Get my weekly newsletter”." error={fe.title}>
            {(p) => <input {...p} required maxLength={100} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />}
          </Field>
          <Field label="Campaign id" optional hint="Passed through in subscriber.new." error={fe.campaignId}>
            {(p) => <input {...p} maxLength={100} value={campaignId} onInput={(e) => setCampaignId(e.currentTarget.value)} />}
          </Field>
        </div>
        <div class="form-actions">
          <Button type="submit" icon="plus" busy={busy} disabled={!title.trim()}>
            Add widget
          </Button>
        </div>
      </form>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this widget?"
        message={<>“{deleting?.title}” disappears from your page. Existing subscribers are kept.</>}
        confirmLabel="Delete widget"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await del(`/api/v1/widgets/${deleting.id}`);
          toast('Widget deleted');
          await widgets.reload();
          onChange();
        }}
      />
    </Card>
  );
}

function SubscribersCard() {
  const [rows, setRows] = useState<Subscriber[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function load(next: string | null) {
    setBusy(true);
    try {
      const page = await get<SubscriberPage>(`/api/v1/subscribers${next ? `?cursor=${encodeURIComponent(next)}` : ''}`);
      setRows((prev) => (next && prev ? [...prev, ...page.data] : page.data));
      setCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      if (next) toastError(err);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }
  useEffect(() => void load(null), []);
  return (
    <Card
      title="Subscribers"
      actions={
        <a class="btn btn-sm btn-secondary" href="/api/v1/subscribers.csv" download="subscribers.csv">
          <Icon name="download" size={16} /> Export CSV
        </a>
      }
    >
      {error ? (
        <ErrorBox error={error} retry={() => load(null)} />
      ) : rows === null ? (
        <Skeleton rows={2} />
      ) : rows.length === 0 ? (
        <EmptyState icon="mail" title="No subscribers yet">
          Add a mailing-list widget, then share your page: every sign-up lands here and fires subscriber.new.
        </EmptyState>
      ) : (
        <>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Campaign</th>
                  <th scope="col">Subscribed</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => (
                  <tr key={s.id}>
                    <td>{s.email}</td>
                    <td>{s.campaignId ? <code>{s.campaignId}</code> : <span class="muted">—</span>}</td>
                    <td class="nowrap">{dateTime(s.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {cursor && (
            <div class="load-more">
              <Button busy={busy} onClick={() => load(cursor)}>
                Load more
              </Button>
            </div>
          )}
        </>
      )}
    </Card>
  );
}

export function ProfilePage() {
  const profile = useResource(() => get<Profile>('/api/v1/profile'));
  const [version, setVersion] = useState(0);
  const p = profile.data;
  return (
    <div class="page page-with-preview">
      <div class="page-main">
        <PageHeader title="Profile" description="How your public page looks, and the mailing lists on it. Saving fires profile.updated." />
        {profile.error && !p ? (
          <ErrorBox error={profile.error} retry={profile.reload} />
        ) : !p ? (
          <Skeleton rows={4} />
        ) : (
          <ProfileForm
            key={p.handle}
            profile={p}
            onSaved={(saved) => {
              profile.setData(() => saved);
              setVersion((v) => v + 1);
            }}
          />
        )}
        <WidgetsCard onChange={() => setVersion((v) => v + 1)} />
        <SubscribersCard />
      </div>
      {p && <ProfilePreview url={publicPath(p.handle, p.url)} version={version} />}
    </div>
  );
}

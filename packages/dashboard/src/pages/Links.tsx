import { useState } from 'preact/hooks';
import { ApiError, del, get, type Link, type LinkPage, type Profile, patch, post } from '../api';
import { formatNumber, fromDatetimeLocal, relative, toDatetimeLocal } from '../format';
import { move, reorderPatches } from '../order';
import { ProfilePreview, publicPath } from '../preview';
import { useAccount } from '../session';
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
  toastError,
  useResource,
} from '../ui';
import { type AppDraft, appBody, appDraftFrom, emptyAppDraft, LinkAppFields } from './linkApp';
import { DomainChoice } from './Domains';

async function loadAllLinks(): Promise<Link[]> {
  const all: Link[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page: LinkPage = await get<LinkPage>(`/api/v1/links${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
    all.push(...page.data);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return all.sort((a, b) => a.position - b.position);
}

interface LinkDraft extends AppDraft {
  url: string;
  title: string;
  type: 'link' | 'product';
  slug: string;
  thumbnailUrl: string;
  expiresAt: string; // datetime-local value
}

const emptyDraft: LinkDraft = { url: '', title: '', type: 'link', slug: '', thumbnailUrl: '', expiresAt: '', ...emptyAppDraft };

function draftFrom(l: Link): LinkDraft {
  return {
    url: l.url,
    title: l.title,
    type: l.type,
    slug: l.slug,
    thumbnailUrl: l.thumbnailUrl ?? '',
    expiresAt: toDatetimeLocal(l.expiresAt),
    ...appDraftFrom(l),
  };
}

function LinkFields({ draft, set, errors, full }: { draft: LinkDraft; set: (d: LinkDraft) => void; errors: Record<string, string>; full: boolean }) {
  return (
    <>
      <div class="grid-2">
        <Field label="Title" error={errors.title}>
          {(p) => <input {...p} required maxLength={200} value={draft.title} onInput={(e) => set({ ...draft, title: e.currentTarget.value })} />}
        </Field>
        <Field label="Destination URL" error={errors.url}>
          {(p) => (
            <input
              {...p}
              type="url"
              required
              inputMode="url"
              placeholder="https://"
              value={draft.url}
              onInput={(e) => set({ ...draft, url: e.currentTarget.value })}
            />
          )}
        </Field>
      </div>
      {full && (
        <div class="grid-2">
          <Field label="Type" error={errors.type}>
            {(p) => (
              <select {...p} value={draft.type} onChange={(e) => set({ ...draft, type: e.currentTarget.value as LinkDraft['type'] })}>
                <option value="link">Link</option>
                <option value="product">Product</option>
              </select>
            )}
          </Field>
          <Field label="Short link slug" optional hint="Letters, digits and dashes. Leave empty for a random one." error={errors.slug}>
            {(p) => <input {...p} spellcheck={false} value={draft.slug} onInput={(e) => set({ ...draft, slug: e.currentTarget.value.trim() })} />}
          </Field>
          <Field label="Thumbnail URL" optional error={errors.thumbnailUrl}>
            {(p) => (
              <input
                {...p}
                type="url"
                placeholder="https://"
                value={draft.thumbnailUrl}
                onInput={(e) => set({ ...draft, thumbnailUrl: e.currentTarget.value })}
              />
            )}
          </Field>
          <Field label="Expires at" optional hint="After this moment the link answers 410 and fires link.expired." error={errors.expiresAt}>
            {(p) => <input {...p} type="datetime-local" value={draft.expiresAt} onInput={(e) => set({ ...draft, expiresAt: e.currentTarget.value })} />}
          </Field>
        </div>
      )}
      {full && <LinkAppFields draft={draft} set={set} errors={errors} />}
    </>
  );
}

function bodyFrom(d: LinkDraft, forUpdate: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { url: d.url.trim(), title: d.title.trim(), type: d.type };
  if (d.slug) body.slug = d.slug;
  if (d.thumbnailUrl.trim()) body.thumbnailUrl = d.thumbnailUrl.trim();
  else if (forUpdate) body.thumbnailUrl = null;
  const exp = fromDatetimeLocal(d.expiresAt);
  if (exp) body.expiresAt = exp;
  else if (forUpdate) body.expiresAt = null;
  return { ...body, ...appBody(d, forUpdate) };
}

function CreateLinkForm({ onCreated }: { onCreated: (l: Link) => void }) {
  const [draft, setDraft] = useState<LinkDraft>(emptyDraft);
  const [domain, setDomain] = useState('');
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fe = error instanceof ApiError ? error.fieldErrors() : {};
  const showMore = more || Boolean(fe.slug || fe.type || fe.thumbnailUrl || fe.expiresAt);
  return (
    <Card title="Add a link">
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const link = await post<Link>('/api/v1/links', { ...bodyFrom(draft, false), ...(domain ? { domain } : {}) });
            onCreated(link);
            setDraft(emptyDraft);
            toast(`Link “${link.title}” added`);
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <FormError error={error} />
        <LinkFields draft={draft} set={setDraft} errors={fe} full={showMore} />
        <DomainChoice value={domain} onChange={setDomain} error={fe.domain} />
        <div class="form-actions">
          <Button type="button" variant="ghost" size="sm" aria-expanded={showMore} onClick={() => setMore(!showMore)}>
            {showMore ? 'Fewer options' : 'More options (slug, type, thumbnail, expiry)'}
          </Button>
          <Button type="submit" variant="primary" icon="plus" busy={busy}>
            Add link
          </Button>
        </div>
      </form>
    </Card>
  );
}

function EditLinkDialog({ link, onClose, onSaved }: { link: Link; onClose: () => void; onSaved: (l: Link) => void }) {
  const [draft, setDraft] = useState<LinkDraft>(draftFrom(link));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fe = error instanceof ApiError ? error.fieldErrors() : {};
  const formId = `edit-${link.id}`;
  return (
    <Modal
      open
      onClose={onClose}
      title={`Edit “${link.title}”`}
      wide
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form={formId} variant="primary" busy={busy}>
            Save changes
          </Button>
        </>
      }
    >
      <form
        id={formId}
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const body = bodyFrom(draft, true);
            if (body.slug === link.slug) delete body.slug;
            const saved = await patch<Link>(`/api/v1/links/${link.id}`, body);
            onSaved(saved);
            toast('Link saved');
            onClose();
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <FormError error={error} />
        <LinkFields draft={draft} set={setDraft} errors={fe} full />
      </form>
    </Modal>
  );
}

function ExpiryBadge({ expiresAt }: { expiresAt: string | null }) {
  if (!expiresAt) return null;
  const past = new Date(expiresAt).getTime() <= Date.now();
  return past ? <Badge tone="danger">Expired</Badge> : <Badge tone="warning">Expires {relative(expiresAt)}</Badge>;
}

function LinkRow({
  link,
  index,
  count,
  onMove,
  onEdit,
  onDelete,
  dragging,
  dragHandlers,
}: {
  link: Link;
  index: number;
  count: number;
  onMove: (from: number, to: number) => void;
  onEdit: () => void;
  onDelete: () => void;
  dragging: boolean;
  dragHandlers: Record<string, (e: DragEvent) => void>;
}) {
  return (
    <li class={`link-row ${dragging ? 'dragging' : ''}`} draggable {...dragHandlers} data-testid="link-row">
      <span class="grip" title="Drag to reorder" aria-hidden="true">
        <Icon name="grip" />
      </span>
      {link.thumbnailUrl ? (
        <img class="thumb" src={link.thumbnailUrl} alt="" loading="lazy" />
      ) : (
        <span class="thumb thumb-empty" aria-hidden="true">
          <Icon name={link.type === 'product' ? 'download' : 'link'} size={16} />
        </span>
      )}
      <div class="link-main">
        <div class="link-title">
          <strong>{link.title}</strong>
          {link.type === 'product' && <Badge tone="info">Product</Badge>}
          <ExpiryBadge expiresAt={link.expiresAt} />
        </div>
        <a class="link-url small muted" href={link.url} target="_blank" rel="noreferrer">
          {link.url}
        </a>
        <div class="link-short">
          <code>{link.shortUrl}</code>
          <CopyButton text={link.shortUrl} label="Copy" what={`short link for ${link.title}`} />
          <a
            class="btn btn-sm btn-secondary"
            href={`/api/v1/links/${link.id}/qr.svg`}
            download={`${link.slug}-qr.svg`}
            aria-label={`Download QR code for ${link.title} as SVG`}
          >
            <Icon name="qr" size={16} /> SVG
          </a>
          <a
            class="btn btn-sm btn-secondary"
            href={`/api/v1/links/${link.id}/qr.png`}
            download={`${link.slug}-qr.png`}
            aria-label={`Download QR code for ${link.title} as PNG`}
          >
            <Icon name="qr" size={16} /> PNG
          </a>
        </div>
      </div>
      <div class="link-clicks" title="Clicks (all sources)">
        <strong>{formatNumber(link.clicks)}</strong>
        <span class="small muted">clicks</span>
      </div>
      <div class="link-actions">
        <button type="button" class="icon-btn" aria-label={`Move ${link.title} up`} disabled={index === 0} onClick={() => onMove(index, index - 1)}>
          <Icon name="up" />
        </button>
        <button type="button" class="icon-btn" aria-label={`Move ${link.title} down`} disabled={index === count - 1} onClick={() => onMove(index, index + 1)}>
          <Icon name="down" />
        </button>
        <button type="button" class="icon-btn" aria-label={`Edit ${link.title}`} onClick={onEdit}>
          <Icon name="edit" />
        </button>
        <button type="button" class="icon-btn icon-btn-danger" aria-label={`Delete ${link.title}`} onClick={onDelete}>
          <Icon name="trash" />
        </button>
      </div>
    </li>
  );
}

export function LinksPage() {
  const account = useAccount();
  const links = useResource(loadAllLinks);
  const profile = useResource(() => get<Profile>('/api/v1/profile'));
  const [previewVersion, setPreviewVersion] = useState(0);
  const [editing, setEditing] = useState<Link | null>(null);
  const [deleting, setDeleting] = useState<Link | null>(null);
  const [dragId, setDragId] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const list = links.data ?? [];
  const refreshPreview = () => setPreviewVersion((v) => v + 1);

  async function persist(ordered: Link[]) {
    const patches = reorderPatches(ordered);
    const positions = new Map(patches.map((p) => [p.id, p.position]));
    links.setData(() => ordered.map((l) => (positions.has(l.id) ? { ...l, position: positions.get(l.id) as number } : l)));
    try {
      for (const p of patches) await patch(`/api/v1/links/${p.id}`, { position: p.position });
      if (patches.length) refreshPreview();
    } catch (err) {
      toastError(err);
      await links.reload();
    }
  }

  function onMove(from: number, to: number) {
    const next = move(list, from, to);
    if (next === list) return;
    const moved = next[to] as Link;
    setAnnounce(`${moved.title} moved to position ${to + 1} of ${next.length}`);
    void persist(next);
    // Keep keyboard focus on the same button of the moved row.
    requestAnimationFrame(() => {
      const label = `Move ${moved.title} ${to < from ? 'up' : 'down'}`;
      const btn = document.querySelector<HTMLButtonElement>(`button[aria-label="${CSS.escape(label)}"]`);
      if (btn && !btn.disabled) btn.focus();
      else document.querySelector<HTMLButtonElement>(`button[aria-label="${CSS.escape(`Move ${moved.title} ${to < from ? 'down' : 'up'}`)}"]`)?.focus();
    });
  }

  function dragHandlers(link: Link): Record<string, (e: DragEvent) => void> {
    return {
      onDragStart: (e) => {
        setDragId(link.id);
        e.dataTransfer?.setData('text/plain', link.id);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
      },
      onDragOver: (e) => {
        if (!dragId || dragId === link.id) return;
        e.preventDefault();
        const from = list.findIndex((l) => l.id === dragId);
        const to = list.findIndex((l) => l.id === link.id);
        if (from >= 0 && to >= 0) links.setData(() => move(list, from, to));
      },
      onDrop: (e) => {
        e.preventDefault();
      },
      onDragEnd: () => {
        setDragId(null);
        void persist(list);
      },
    };
  }

  const handle = profile.data?.handle ?? account?.handle ?? '';
  return (
    <div class="page page-with-preview">
      <div class="page-main">
        <PageHeader title="Links" description="Everything on your public page, in order. Every click fires a link.click webhook." />
        <CreateLinkForm
          onCreated={(l) => {
            links.setData((prev) => [...(prev ?? []), l].sort((a, b) => a.position - b.position));
            refreshPreview();
          }}
        />
        <Card title={`Your links${list.length ? ` (${list.length})` : ''}`}>
          {links.error && !links.data ? (
            <ErrorBox error={links.error} retry={links.reload} />
          ) : links.loading && !links.data ? (
            <Skeleton rows={3} />
          ) : list.length === 0 ? (
            <EmptyState icon="link" title="No links yet">
              Add your first link with the form above: it appears on your public page at once, and gets a short link and a QR code.
            </EmptyState>
          ) : (
            <>
              <p class="hint">Drag a row by its handle, or use the arrow buttons, to change the order on your page.</p>
              <ul class="link-list" aria-label="Links in page order">
                {list.map((l, i) => (
                  <LinkRow
                    key={l.id}
                    link={l}
                    index={i}
                    count={list.length}
                    onMove={onMove}
                    onEdit={() => setEditing(l)}
                    onDelete={() => setDeleting(l)}
                    dragging={dragId === l.id}
                    dragHandlers={dragHandlers(l)}
                  />
                ))}
              </ul>
            </>
          )}
          <div class="sr-only" aria-live="polite">
            {announce}
          </div>
        </Card>
      </div>
      {handle && <ProfilePreview url={publicPath(handle, profile.data?.url)} version={previewVersion} />}
      {editing && (
        <EditLinkDialog
          link={editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            links.setData((prev) => (prev ?? []).map((l) => (l.id === saved.id ? saved : l)));
            refreshPreview();
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this link?"
        message={<>“{deleting?.title}” disappears from your page and its short link stops working. Its click history stays in analytics.</>}
        confirmLabel="Delete link"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await del(`/api/v1/links/${deleting.id}`);
          links.setData((prev) => (prev ?? []).filter((l) => l.id !== deleting.id));
          toast('Link deleted');
          refreshPreview();
        }}
      />
    </div>
  );
}

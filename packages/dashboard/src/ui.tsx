// Small design-system components shared by every page.
import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';
import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage } from './api';
import { BASE, linkClick } from './router';

// ---------- icons (24×24 strokes) ----------
const ICONS: Record<string, string> = {
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
  chart: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  webhook: 'M9 7a3 3 0 1 1 4.5 2.6L16 15M6.5 19a3 3 0 1 1 .5-5.5h6M17 13.5a3 3 0 1 1-1.5 5.5L13 15',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-2.9 1.2V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-2.9-1.2l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1A1.7 1.7 0 0 0 3 14.1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.2-2.9l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1A1.7 1.7 0 0 0 10 3.1V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 2.9 1.2l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0 1.2 2.9H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z',
  plus: 'M12 5v14M5 12h14',
  copy: 'M9 9h10v10H9zM5 15V5h10',
  check: 'M5 12l5 5L20 7',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
  edit: 'M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4',
  up: 'M12 19V5M6 11l6-6 6 6',
  down: 'M12 5v14M6 13l6 6 6-6',
  grip: 'M9 6h.01M15 6h.01M9 12h.01M15 12h.01M9 18h.01M15 18h.01',
  qr: 'M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h2v2h-2zM18 18h2v2h-2zM14 18h2M18 14h2',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  eye: 'M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12zM12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
  eyeOff:
    'M3 3l18 18M10.6 6.1A9.6 9.6 0 0 1 12 6c6.5 0 10 6 10 6a17 17 0 0 1-3.2 3.9M6.6 6.6C3.8 8.4 2 12 2 12s3.5 6 10 6a9.7 9.7 0 0 0 5.4-1.6M9.9 9.9a3 3 0 0 0 4.2 4.2',
  refresh: 'M20 11a8 8 0 0 0-14.5-4.5L4 8M4 4v4h4M4 13a8 8 0 0 0 14.5 4.5L20 16M20 20v-4h-4',
  send: 'M22 2 11 13M22 2l-7 20-4-9-9-4 20-7z',
  x: 'M6 6l12 12M18 6 6 18',
  sun: 'M12 17a5 5 0 1 0 0-10 5 5 0 0 0 0 10zM12 1v2M12 21v2M4.2 4.2l1.4 1.4M18.4 18.4l1.4 1.4M1 12h2M21 12h2M4.2 19.8l1.4-1.4M18.4 5.6l1.4-1.4',
  moon: 'M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z',
  monitor: 'M3 4h18v12H3zM8 20h8M12 16v4',
  logout: 'M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9',
  external: 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
  key: 'M15 7a4 4 0 1 1-3.9 4.9L3 20v-3h3v-3h3l2.1-2.1A4 4 0 0 1 15 7zM16 8h.01',
  mail: 'M3 5h18v14H3zM3 6l9 7 9-7',
  alert: 'M12 9v4M12 17h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z',
  play: 'M6 4l14 8-14 8z',
  clock: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 6v6l4 2',
  globe: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM2 12h20M12 2a15 15 0 0 1 0 20M12 2a15 15 0 0 0 0 20',
};

export function Icon({ name, size = 18, label }: { name: keyof typeof ICONS | string; size?: number; label?: string }) {
  return (
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden={label ? undefined : 'true'}
      role={label ? 'img' : undefined}
      aria-label={label}
    >
      <path d={ICONS[name] ?? ''} />
    </svg>
  );
}

// ---------- toasts ----------
export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  message: string;
}
let toastSeq = 0;
let toasts: Toast[] = [];
const toastListeners = new Set<(t: Toast[]) => void>();
function setToasts(next: Toast[]) {
  toasts = next;
  for (const fn of toastListeners) fn(toasts);
}
export function toast(message: string, kind: Toast['kind'] = 'success'): void {
  const id = ++toastSeq;
  setToasts([...toasts, { id, kind, message }].slice(-4));
  setTimeout(() => dismissToast(id), kind === 'error' ? 8000 : 4000);
}
export function toastError(err: unknown): void {
  toast(errorMessage(err), 'error');
}
function dismissToast(id: number) {
  setToasts(toasts.filter((t) => t.id !== id));
}

export function Toaster() {
  const [list, setList] = useState(toasts);
  useEffect(() => {
    toastListeners.add(setList);
    return () => void toastListeners.delete(setList);
  }, []);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a landmark for the live toasts; <section> needs a heading
    <div class="toaster" role="region" aria-label="Notifications">
      <div aria-live="polite" aria-atomic="false">
        {list.map((t) => (
          <div key={t.id} class={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
            <Icon name={t.kind === 'error' ? 'alert' : 'check'} />
            <span class="toast-msg">{t.message}</span>
            <button type="button" class="icon-btn" aria-label="Dismiss notification" onClick={() => dismissToast(t.id)}>
              <Icon name="x" size={16} />
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}

// ---------- data loading ----------
export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
  setData: (fn: (prev: T | undefined) => T | undefined) => void;
}

export function useResource<T>(load: () => Promise<T>, deps: unknown[] = []): Resource<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const loadRef = useRef(load);
  loadRef.current = load;
  const seq = useRef(0);
  const reload = useCallback(async () => {
    const my = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await loadRef.current();
      if (my === seq.current) setState({ data, error: undefined, loading: false });
    } catch (error) {
      if (my === seq.current) setState((s) => ({ data: s.data, error, loading: false }));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, deps);
  const setData = useCallback((fn: (prev: T | undefined) => T | undefined) => {
    setState((s) => ({ ...s, data: fn(s.data) }));
  }, []);
  return { ...state, reload, setData };
}

// ---------- layout pieces ----------
export function PageHeader({ title, description, actions }: { title: string; description?: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <header class="page-header">
      <div>
        <h1>{title}</h1>
        {description && <p class="muted">{description}</p>}
      </div>
      {actions && <div class="page-actions">{actions}</div>}
    </header>
  );
}

export function Card({
  title,
  actions,
  children,
  class: cls,
  id,
}: {
  title?: ComponentChildren;
  actions?: ComponentChildren;
  children: ComponentChildren;
  class?: string;
  id?: string;
}) {
  const hid = useId();
  return (
    <section class={`card ${cls ?? ''}`} aria-labelledby={title ? hid : undefined} id={id}>
      {(title || actions) && (
        <div class="card-head">
          {title && <h2 id={hid}>{title}</h2>}
          {actions && <div class="card-actions">{actions}</div>}
        </div>
      )}
      {children}
    </section>
  );
}

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function Skeleton({ rows = 3 }: { rows?: number }) {
  return (
    <div class="skeleton-list" role="status" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} class="skeleton" />
      ))}
    </div>
  );
}

export function EmptyState({ icon, title, children, action }: { icon: string; title: string; children?: ComponentChildren; action?: ComponentChildren }) {
  return (
    <div class="empty">
      <div class="empty-icon">
        <Icon name={icon} size={28} />
      </div>
      <h3>{title}</h3>
      {children && <p class="muted">{children}</p>}
      {action && <div class="empty-action">{action}</div>}
    </div>
  );
}

export function ErrorBox({ error, retry }: { error: unknown; retry?: () => void }) {
  const status = error instanceof ApiError ? error.status : 0;
  return (
    <div class="alert alert-error" role="alert">
      <Icon name="alert" />
      <div>
        <strong>{status === 403 ? 'Not available on your plan' : 'Something went wrong'}</strong>
        <p>{errorMessage(error)}</p>
        {retry && (
          <button type="button" class="btn btn-sm" onClick={retry}>
            Try again
          </button>
        )}
      </div>
    </div>
  );
}

export function Badge({ tone, children }: { tone: 'success' | 'warning' | 'danger' | 'neutral' | 'info'; children: ComponentChildren }) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}

export function A({
  href,
  children,
  class: cls,
  ...rest
}: {
  href: string;
  children: ComponentChildren;
  class?: string;
  title?: string;
  'aria-label'?: string;
  'aria-current'?: 'page' | undefined;
}) {
  return (
    <a href={BASE + href} class={cls} onClick={linkClick} {...rest}>
      {children}
    </a>
  );
}

// ---------- forms ----------
export function Field({
  label,
  hint,
  error,
  children,
  id,
  optional,
}: {
  label: string;
  hint?: ComponentChildren;
  error?: string;
  children: (props: { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string }) => ComponentChildren;
  id?: string;
  optional?: boolean;
}) {
  const gen = useId();
  const fid = id ?? `f${gen}`;
  const hintId = `${fid}-hint`;
  const errId = `${fid}-err`;
  const describedBy = [hint ? hintId : '', error ? errId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field ${error ? 'has-error' : ''}`}>
      <label for={fid}>
        {label}
        {optional && <span class="optional"> (optional)</span>}
      </label>
      {children({ id: fid, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': describedBy })}
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={errId}>
          <Icon name="alert" size={14} /> {/^(is|must|should|cannot|has|already|was) /.test(error) ? `${label} ${error}` : error}
        </p>
      )}
    </div>
  );
}

/** Form-level error summary (the problem's `detail`), announced to screen readers. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const fieldCount = error instanceof ApiError ? (error.problem.errors?.length ?? 0) : 0;
  return (
    <div class="alert alert-error" role="alert">
      <Icon name="alert" />
      <div>
        <p>{errorMessage(error)}</p>
        {fieldCount > 0 && <p class="small">Check the highlighted field{fieldCount > 1 ? 's' : ''} below.</p>}
      </div>
    </div>
  );
}

export function Button({
  children,
  variant = 'secondary',
  size,
  busy,
  icon,
  class: cls,
  ...rest
}: {
  children?: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  size?: 'sm';
  busy?: boolean;
  icon?: string;
  class?: string;
} & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'class' | 'size' | 'icon'>) {
  return (
    <button
      type="button"
      {...rest}
      class={`btn btn-${variant} ${size === 'sm' ? 'btn-sm' : ''} ${cls ?? ''}`}
      disabled={busy || (rest.disabled as boolean | undefined)}
      aria-busy={busy ? 'true' : undefined}
    >
      {busy ? <span class="spinner spinner-sm" aria-hidden="true" /> : icon ? <Icon name={icon} size={16} /> : null}
      {children}
    </button>
  );
}

export async function copyText(text: string, what = 'Copied'): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Fallback for insecure contexts (http:// on a LAN address): a hidden textarea.
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    document.execCommand('copy');
    ta.remove();
  }
  toast(`${what} to clipboard`);
}

export function CopyButton({ text, label = 'Copy', what, size = 'sm' }: { text: string; label?: string; what?: string; size?: 'sm' }) {
  const [done, setDone] = useState(false);
  return (
    <Button
      size={size}
      icon={done ? 'check' : 'copy'}
      aria-label={`${label}${what ? ` ${what}` : ''}`}
      onClick={async () => {
        await copyText(text, what ? `${what[0]?.toUpperCase()}${what.slice(1)} copied` : 'Copied');
        setDone(true);
        setTimeout(() => setDone(false), 1500);
      }}
    >
      {done ? 'Copied' : label}
    </Button>
  );
}

// ---------- forms ----------
/**
 * A form's submit: prevents the page load, is busy while `run` runs, and keeps what it threw for
 * <FormError> and the fields' messages (`fields.email`).
 */
export function useSubmit(run: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, fields: error instanceof ApiError ? error.fieldErrors() : {}, onSubmit };
}

/** "Load more" under a list read with a cursor: busy while `onLoad` runs, its failure a toast. */
export function LoadMore({ label = 'Load more', onLoad }: { label?: string; onLoad: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  return (
    <div class="load-more">
      <Button
        busy={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await onLoad();
          } catch (err) {
            toastError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        {label}
      </Button>
    </div>
  );
}

// ---------- dialogs (native <dialog>: focus trap, Esc, inert background) ----------
export function Modal({
  open,
  onClose,
  title,
  children,
  footer,
  variant = 'center',
  wide,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ComponentChildren;
  footer?: ComponentChildren;
  variant?: 'center' | 'drawer';
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const hid = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the click closes on the backdrop; Esc (native cancel) is the keyboard way
    <dialog
      ref={ref}
      class={`dialog dialog-${variant} ${wide ? 'dialog-wide' : ''}`}
      aria-labelledby={hid}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
    >
      {open && (
        <div class="dialog-inner">
          <div class="dialog-head">
            <h2 id={hid}>{title}</h2>
            <button type="button" class="icon-btn" aria-label="Close dialog" onClick={onClose}>
              <Icon name="x" />
            </button>
          </div>
          <div class="dialog-body">{children}</div>
          {footer && <div class="dialog-foot">{footer}</div>}
        </div>
      )}
    </dialog>
  );
}

export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  onConfirm,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  message: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  /** Choices that go with the confirmation (below the message). */
  children?: ComponentChildren;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={title}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="danger"
            busy={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await onConfirm();
                onClose();
              } catch (err) {
                toastError(err);
              } finally {
                setBusy(false);
              }
            }}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      <p>{message}</p>
      {children}
    </Modal>
  );
}

export function Meter({ label, used, limit, unit }: { label: string; used: number; limit: number | null; unit?: string }) {
  const ratio = limit === null ? 0 : limit === 0 ? 1 : Math.min(1, used / limit);
  const tone = limit === null ? 'ok' : ratio >= 1 ? 'full' : ratio >= 0.8 ? 'warn' : 'ok';
  const id = useId();
  return (
    <div class={`meter meter-${tone}`}>
      <div class="meter-top">
        <span id={id} class="meter-label">
          {label}
        </span>
        <span class="meter-value">
          <strong>{used.toLocaleString('en-US')}</strong>
          <span class="muted"> / {limit === null ? 'unlimited' : limit.toLocaleString('en-US')}</span>
          {unit && <span class="muted"> {unit}</span>}
        </span>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: <meter> cannot be styled consistently across browsers */}
      <div
        class="meter-track"
        role="meter"
        aria-labelledby={id}
        aria-valuemin={0}
        aria-valuemax={limit ?? Math.max(used, 1)}
        aria-valuenow={used}
        aria-valuetext={limit === null ? `${used} used, unlimited` : `${used} of ${limit} used`}
      >
        <div class="meter-fill" style={{ width: `${limit === null ? 4 : Math.max(ratio * 100, used > 0 ? 2 : 0)}%` }} />
      </div>
    </div>
  );
}

export function Tabs<T extends string>({
  tabs,
  value,
  onChange,
  label,
}: {
  tabs: { id: T; label: string }[];
  value: T;
  onChange: (v: T) => void;
  label: string;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  return (
    <div class="tabs" role="tablist" aria-label={label}>
      {tabs.map((t, i) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${label.replace(/\W+/g, '-')}-${t.id}`}
          aria-selected={value === t.id}
          tabIndex={value === t.id ? 0 : -1}
          class="tab"
          onClick={() => onChange(t.id)}
          onKeyDown={(e) => {
            const dir = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
            if (!dir) return;
            e.preventDefault();
            const next = (i + dir + tabs.length) % tabs.length;
            onChange(tabs[next]!.id);
            refs.current[next]?.focus();
          }}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

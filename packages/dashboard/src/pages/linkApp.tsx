// The link editor's app settings (docs/deep-links.md): which app opens the link, at which in-app
// path, or "always the website". Kept apart from Links.tsx, which only adds the fields to its draft.
import { get, type Link, type MobileAppList } from '../api';
import { A, Field, useResource } from '../ui';

export interface AppDraft {
  appId: string;
  appPath: string;
  appForceWeb: boolean;
  /** The link's app.params as text, one `key=value` a line. */
  appParamsText: string;
}

export const emptyAppDraft: AppDraft = { appId: '', appPath: '', appForceWeb: false, appParamsText: '' };

export const paramsText = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');

/** `key=value` lines (blank lines skipped; a line without "=" is a key with an empty value). */
export function parseParams(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const eq = line.indexOf('=');
    const key = (eq < 0 ? line : line.slice(0, eq)).trim();
    if (key) params[key] = eq < 0 ? '' : line.slice(eq + 1).trim();
  }
  return params;
}

export const appDraftFrom = (l: Link): AppDraft =>
  l.app ? { appId: l.app.appId, appPath: l.app.path, appForceWeb: l.app.forceWeb, appParamsText: paramsText(l.app.params) } : emptyAppDraft;

export function appBody(d: AppDraft, forUpdate: boolean): Record<string, unknown> {
  if (!d.appId) return forUpdate ? { app: null } : {};
  return { app: { appId: d.appId, path: d.appPath.trim() || '/', params: parseParams(d.appParamsText), forceWeb: d.appForceWeb } };
}

/** The API names a bad parameter `app.params` or `app.params.<key>`. */
const paramsError = (errors: Record<string, string>) => errors['app.params'] ?? Object.entries(errors).find(([k]) => k.startsWith('app.params.'))?.[1];

export function LinkAppFields<D extends AppDraft>({ draft, set, errors }: { draft: D; set: (d: D) => void; errors: Record<string, string> }) {
  const apps = useResource(() => get<MobileAppList>('/api/v1/apps'));
  const list = apps.data?.data ?? [];
  if (apps.data && list.length === 0 && !draft.appId)
    return (
      <p class="hint">
        To open this link in your mobile app, first <A href="/apps">add the app</A>.
      </p>
    );
  return (
    <div class="grid-2">
      <Field label="Open in app" optional hint="Visitors with the app land on the path below; others go to the store, then to it." error={errors['app.appId']}>
        {(p) => (
          <select {...p} value={draft.appId} onChange={(e) => set({ ...draft, appId: e.currentTarget.value })}>
            <option value="">No app (web link)</option>
            {list.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {draft.appId && (
        <Field label="In-app path" hint="For example /album/7." error={errors['app.path']}>
          {(p) => <input {...p} spellcheck={false} placeholder="/" value={draft.appPath} onInput={(e) => set({ ...draft, appPath: e.currentTarget.value })} />}
        </Field>
      )}
      {draft.appId && (
        <Field label="In-app parameters" optional hint="One key=value a line, e.g. ref=bio. The app receives them with the path." error={paramsError(errors)}>
          {(p) => (
            <textarea
              {...p}
              rows={3}
              spellcheck={false}
              placeholder="ref=bio"
              value={draft.appParamsText}
              onInput={(e) => set({ ...draft, appParamsText: e.currentTarget.value })}
            />
          )}
        </Field>
      )}
      {draft.appId && (
        <label class="check">
          <input type="checkbox" checked={draft.appForceWeb} onChange={(e) => set({ ...draft, appForceWeb: e.currentTarget.checked })} />
          <span>Always open the website (pause the app routing)</span>
        </label>
      )}
    </div>
  );
}

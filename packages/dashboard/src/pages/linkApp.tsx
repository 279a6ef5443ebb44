// The link editor's app settings (docs/deep-links.md): which app opens the link, at which in-app
// path, or "always the website". Kept apart from Links.tsx, which only adds the fields to its draft.
import { get, type Link, type MobileAppList } from '../api';
import { A, Field, useResource } from '../ui';

export interface AppDraft {
  appId: string;
  appPath: string;
  appForceWeb: boolean;
  /** Kept as they are: the dashboard does not edit params (the API does). */
  appParams: Record<string, string>;
}

export const emptyAppDraft: AppDraft = { appId: '', appPath: '', appForceWeb: false, appParams: {} };

export const appDraftFrom = (l: Link): AppDraft =>
  l.app ? { appId: l.app.appId, appPath: l.app.path, appForceWeb: l.app.forceWeb, appParams: l.app.params } : emptyAppDraft;

export function appBody(d: AppDraft, forUpdate: boolean): Record<string, unknown> {
  if (!d.appId) return forUpdate ? { app: null } : {};
  return { app: { appId: d.appId, path: d.appPath.trim() || '/', params: d.appParams, forceWeb: d.appForceWeb } };
}

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
        <label class="check">
          <input type="checkbox" checked={draft.appForceWeb} onChange={(e) => set({ ...draft, appForceWeb: e.currentTarget.checked })} />
          <span>Always open the website (pause the app routing)</span>
        </label>
      )}
    </div>
  );
}

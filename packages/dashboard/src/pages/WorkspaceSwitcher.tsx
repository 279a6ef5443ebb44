import { type Account, get, post, type WorkspaceList } from '../api';
import { navigate } from '../router';
import { setAccount, useAccount } from '../session';
import { toastError, useResource } from '../ui';

/** Shown when the signed-in user belongs to more than one workspace. */
export function WorkspaceSwitcher() {
  // Loaded again whenever the session's workspace changes (a switch, leaving one, accepting an invite).
  const accountId = useAccount()?.id;
  const list = useResource(() => get<WorkspaceList>('/api/v1/workspaces'), [accountId]);
  const workspaces = list.data?.data ?? [];
  if (workspaces.length < 2) return null;
  const current = workspaces.find((w) => w.current);
  return (
    <select
      class="workspace-switcher"
      aria-label="Workspace"
      value={current?.accountId}
      onChange={async (e) => {
        try {
          await post(`/api/v1/workspaces/${e.currentTarget.value}/switch`);
          setAccount(await get<Account>('/api/v1/account'));
          navigate('/links');
        } catch (err) {
          toastError(err);
        }
      }}
    >
      {workspaces.map((w) => (
        <option key={w.accountId} value={w.accountId}>
          @{w.handle} ({w.role})
        </option>
      ))}
    </select>
  );
}

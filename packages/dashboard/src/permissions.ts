// What the signed-in member's role allows, from GET /api/v1/roles (the table the server enforces):
// pages and buttons a role may not use are not shown. The server still checks every request.
import { useEffect, useState } from 'preact/hooks';
import { get, type RoleTable } from './api';
import { useAccount } from './session';

let table: RoleTable | null = null;
let loading: Promise<RoleTable> | null = null;

function loadTable(): Promise<RoleTable> {
  loading ??= get<RoleTable>('/api/v1/roles').then((t) => {
    table = t;
    return t;
  });
  return loading;
}

/** `can('members:manage')` for the current member; false until the table has loaded. */
export function usePermissions(): (permission: string) => boolean {
  const account = useAccount();
  const [t, setT] = useState<RoleTable | null>(table);
  useEffect(() => {
    if (!t && account) loadTable().then(setT, () => setT(null));
  }, [account, t]);
  const role = account?.role;
  const permissions = t?.roles.find((r) => r.role === role)?.permissions ?? [];
  return (permission) => permissions.includes(permission);
}

// The permission table of PRODUCT.md §9, as data. The server enforces it from this table (one check,
// on every /api/v1 route, from the route's `config.permission`), GET /api/v1/roles serves it, and the
// table-driven test suite is generated from it. Change a role's rights here and nowhere else.

export const ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  'account:read': 'See the workspace, its plan and usage',
  'links:read': 'See links, the profile, widgets and QR codes',
  'links:write': 'Create, edit, reorder and delete links, widgets and the profile',
  'analytics:read': 'See analytics, subscribers and the event log',
  'webhooks:read': 'See webhook endpoints, integrations and their delivery history',
  'webhooks:write': 'Create, edit, test, replay and delete webhook endpoints and integrations',
  'secrets:manage': 'Reveal and rotate webhook secrets and integration credentials',
  'domains:read': 'See custom domains (to put a link on one)',
  'domains:write': 'Add, verify and remove custom domains',
  'apps:read': 'See mobile apps (to give a link app settings)',
  'apps:write': 'Add, edit and remove mobile apps and their keys',
  'members:manage': 'Invite, re-role and remove members who are not owners',
  'owners:manage': 'Make, demote and remove owners',
  'plan:manage': "Change the workspace's plan",
  'audit:read': 'Read and export the audit log',
  'api_keys:own': 'Create and revoke one’s own API keys (they act with one’s own role)',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const READ: Permission[] = ['account:read', 'links:read', 'analytics:read', 'domains:read', 'apps:read', 'api_keys:own'];
const EDIT: Permission[] = [...READ, 'links:write', 'webhooks:read'];
const ADMIN: Permission[] = [...EDIT, 'webhooks:write', 'secrets:manage', 'domains:write', 'apps:write', 'members:manage', 'audit:read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: [...ADMIN, 'owners:manage', 'plan:manage'],
  admin: ADMIN,
  editor: EDIT,
  viewer: READ,
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

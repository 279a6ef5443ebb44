// Request and response schemas of the team routes (teams/routes.ts).
import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../accounts/permissions.js';
import { IsoTime } from '../http/schemas.js';

const role = z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` });

export const RoleTable = z
  .object({
    roles: z.array(z.object({ role: z.enum(ROLES), permissions: z.array(z.string()) })),
    permissions: z.array(z.object({ name: z.string(), description: z.string() })),
  })
  .meta({ id: 'RoleTable', description: `The permission table of PRODUCT.md §9 (${Object.keys(PERMISSIONS).length} permissions)` });

export const InviteBody = z.strictObject({ email: z.email({ message: 'must be a valid email address' }).max(254), role });
export const Invite = z
  .object({
    memberId: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    status: z.literal('invited'),
    expiresAt: IsoTime,
    acceptUrl: z.string().describe('the one-time link that accepts the invite (also mailed when LINKWIRE_SMTP_URL is set)'),
  })
  .meta({ id: 'Invite' });

export const AcceptBody = z.strictObject({
  token: z.string().min(1, 'is required').max(200),
  password: z.string().optional().describe('creates the login when the invited email has none'),
});
export const Accepted = z.object({ accountId: z.string(), memberId: z.string(), role: z.enum(ROLES) }).meta({ id: 'AcceptedInvite' });

export const Member = z
  .object({
    id: z.string(),
    userId: z.string().nullable().describe('null while the invite is pending'),
    email: z.string(),
    role: z.enum(ROLES),
    status: z.enum(['invited', 'active']),
    invitedBy: z.string().nullable(),
    createdAt: IsoTime,
    joinedAt: IsoTime.nullable(),
    expiresAt: IsoTime.nullable().describe('when a pending invite expires'),
  })
  .meta({ id: 'Member' });
export const MemberList = z.object({ data: z.array(Member) }).meta({ id: 'MemberList' });
export const RoleBody = z.strictObject({ role });
export const RemoveQuery = z.strictObject({
  apiKeys: z.enum(['revoke', 'keep'], { message: 'must be revoke or keep' }).default('revoke').describe("the member's API keys: revoke (default) or keep"),
});
export const Left = z
  .object({ accountId: z.string().nullable().describe('the workspace the session acts in now; null: none is left and the session has ended') })
  .meta({ id: 'LeftWorkspace' });
export const IdParams = z.strictObject({ id: z.string() });
export const AccountParams = z.strictObject({ accountId: z.string() });

export const Workspace = z
  .object({ accountId: z.string(), handle: z.string(), plan: z.string(), memberId: z.string(), role: z.enum(ROLES), current: z.boolean() })
  .meta({ id: 'Workspace' });
export const WorkspaceList = z.object({ data: z.array(Workspace) }).meta({ id: 'WorkspaceList' });

// Tables of 010_teams (accounts/ and teams/ write them).

export interface UsersTable {
  id: string;
  email: string;
  passwordHash: string;
  createdAt: number;
  updatedAt: number;
}

export type MemberStatus = 'invited' | 'active' | 'removed';

export interface MembersTable {
  id: string;
  accountId: string;
  /** Null while invited and the email has no user yet. */
  userId: string | null;
  email: string;
  /** owner | admin | editor | viewer (accounts/permissions.ts). */
  role: string;
  status: MemberStatus;
  /** SHA-256 of the invite token; null once accepted, revoked or expired. */
  inviteTokenHash: string | null;
  inviteExpiresAt: number | null;
  /** The member id of who invited (null for the account's creator). */
  invitedBy: string | null;
  createdAt: number;
  joinedAt: number | null;
  updatedAt: number;
}

export interface TeamTables {
  users: UsersTable;
  members: MembersTable;
}

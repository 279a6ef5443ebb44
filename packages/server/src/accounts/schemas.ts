// Request and response schemas of the account routes (accounts/routes.ts); the OpenAPI document is
// built from them and responses are encoded through them (http/schemas.ts).
import { z } from 'zod';
import { IsoTime } from '../http/schemas.js';
import { ROLES } from './permissions.js';

export const SignupBody = z.strictObject({
  email: z.email({ message: 'must be a valid email address' }).max(254),
  password: z.string({ message: 'must be a string' }),
  handle: z.string({ message: 'must be a string' }),
});
export const LoginBody = z.strictObject({ email: z.string().min(1, 'is required'), password: z.string().min(1, 'is required') });
export const ApiKeyBody = z.strictObject({ name: z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters') });
export const IdParams = z.strictObject({ id: z.string() });

export const Account = z
  .object({ id: z.string(), email: z.string(), handle: z.string(), plan: z.string().describe('free, pro or business'), createdAt: IsoTime })
  .meta({ id: 'Account' });

const limit = z.number().int().nullable().describe('null: unlimited');
export const AccountWithLimits = Account.extend({
  limits: z.object({ endpoints: limit, deliveries24h: limit, testSends1h: limit, seats: limit.describe('members plus pending invites') }),
  role: z.enum(ROLES).describe("the caller's role in this account (an API key: its creator's)"),
  memberId: z.string().describe("the caller's membership (an API key: its creator's)"),
  userEmail: z.string().nullable().describe("the signed-in user's email (a session); null for an API key. `email` is the workspace's contact"),
}).meta({ id: 'AccountWithLimits' });

export const SignupResult = z
  .object({ account: Account, apiKey: z.string().describe('the account’s first API key (lw_…), shown once') })
  .meta({ id: 'SignupResult' });
export const LoginResult = z.object({ account: Account }).meta({ id: 'LoginResult' });

export const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe('the first 11 characters, to recognise the key'),
    createdAt: IsoTime,
    lastUsedAt: IsoTime.nullable(),
  })
  .meta({ id: 'ApiKey' });
export const CreatedApiKey = z
  .object({ id: z.string(), name: z.string(), prefix: z.string(), key: z.string().describe('the key (lw_…), shown once'), createdAt: IsoTime })
  .meta({ id: 'CreatedApiKey' });
export const ApiKeyList = z.object({ data: z.array(ApiKey) }).meta({ id: 'ApiKeyList' });

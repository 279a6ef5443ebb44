// Request and response schemas of the apps API and the app-side SDK API (PRODUCT.md §11).
import { z } from 'zod';
import { IsoTime } from '../http/schemas.js';

const FINGERPRINT_RE = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;
const TEAM_ID_RE = /^[A-Z0-9]{10}$/;
// Reverse-DNS: at least two labels of letters, digits and hyphens (Apple's CFBundleIdentifier rule).
const BUNDLE_ID_RE = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
// Java package rules: each segment starts with a letter (Android's applicationId).
const PACKAGE_RE = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;

const httpsUrl = z
  .string({ message: 'must be a string' })
  .trim()
  .max(2048, 'must be at most 2048 characters')
  .refine((v) => URL.canParse(v) && new URL(v).protocol === 'https:', { message: 'must be an absolute https:// URL' });

/** Uppercase colon hex of 32 bytes (what Play Console and `keytool -list -v` print as SHA-256). */
export const Fingerprint = z
  .string({ message: 'must be a string' })
  .trim()
  .transform((v) => v.toUpperCase())
  .refine((v) => FINGERPRINT_RE.test(v), {
    message: 'must be a SHA-256 certificate fingerprint: 32 bytes as colon-separated hex, e.g. "AB:CD:…" (95 characters)',
  });

export const IosSettings = z.strictObject({
  teamId: z
    .string({ message: 'must be a string' })
    .trim()
    .regex(TEAM_ID_RE, 'must be the 10-character Apple Developer Team ID (upper-case letters and digits, e.g. "A1B2C3D4E5")'),
  bundleId: z
    .string({ message: 'must be a string' })
    .trim()
    .max(155, 'must be at most 155 characters')
    .regex(BUNDLE_ID_RE, 'must be a bundle identifier in reverse-DNS form, e.g. "com.example.app"'),
  appStoreId: z
    .string({ message: 'must be a string' })
    .trim()
    .regex(/^\d{1,12}$/, 'must be the numeric App Store id (the digits after "id" in the App Store URL)'),
});

export const AndroidSettings = z.strictObject({
  packageName: z
    .string({ message: 'must be a string' })
    .trim()
    .max(255, 'must be at most 255 characters')
    .regex(PACKAGE_RE, 'must be an Android package name, e.g. "com.example.app"'),
  sha256CertFingerprints: z.array(Fingerprint, { message: 'must be an array of fingerprints' }).min(1, 'must list at least one fingerprint'),
  playStoreUrl: httpsUrl.nullable().optional(),
});

export const DeferredSettings = z.strictObject({
  windowMinutes: z
    .number({ message: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .max(1440, 'must be at most 1440 (24 h)')
    .default(120),
  probabilistic: z
    .boolean({ message: 'must be true or false' })
    .default(false)
    .describe('Android only: match a tokenless first open to the one recent click from its network (never on iOS; docs/deep-links.md §8)'),
});

const name = z.string({ message: 'must be a string' }).trim().min(1, 'is required').max(100, 'must be at most 100 characters');

export const CreateAppBody = z.strictObject({
  name,
  ios: IosSettings.nullable().optional(),
  android: AndroidSettings.nullable().optional(),
  deferred: DeferredSettings.optional(),
});
export const UpdateAppBody = z.strictObject({
  name: name.optional(),
  ios: IosSettings.nullable().optional(),
  android: AndroidSettings.nullable().optional(),
  deferred: DeferredSettings.partial().optional(),
});
export type CreateAppInput = z.output<typeof CreateAppBody>;
export type UpdateAppInput = z.output<typeof UpdateAppBody>;
export type IosConfig = z.output<typeof IosSettings>;
export type AndroidConfig = z.output<typeof AndroidSettings>;

export const AppIdParams = z.strictObject({ id: z.string() });

export const App = z
  .object({
    id: z.string(),
    name: z.string(),
    ios: z.object({ teamId: z.string(), bundleId: z.string(), appStoreId: z.string() }).nullable(),
    android: z.object({ packageName: z.string(), sha256CertFingerprints: z.array(z.string()), playStoreUrl: z.string().nullable() }).nullable(),
    deferred: z.object({ windowMinutes: z.number().int(), probabilistic: z.boolean() }),
    keyPrefix: z.string().describe('the first characters of the publishable key'),
    createdAt: IsoTime,
    updatedAt: IsoTime,
  })
  .meta({ id: 'App' });
export const AppWithKey = App.extend({
  publishableKey: z.string().describe('pk_app_…: shown only now (stored hashed); safe to ship inside the app'),
}).meta({ id: 'AppWithKey' });
export const AppList = z.object({ data: z.array(App) }).meta({ id: 'AppList' });

const Check = z.object({ ok: z.boolean(), rule: z.string(), message: z.string() });
const FileReport = z.object({
  url: z.string(),
  status: z.number().int().nullable(),
  contentType: z.string().nullable(),
  bytes: z.number().int().nullable(),
  checks: z.array(Check),
});
export const Diagnostics = z
  .object({
    host: z.string(),
    ok: z.boolean().describe('true when neither Apple nor Google would reject what was served'),
    appleAppSiteAssociation: FileReport.nullable().describe('null when the app has no iOS settings'),
    assetLinks: FileReport.nullable().describe('null when the app has no Android settings'),
    hints: z.array(z.string()),
  })
  .meta({ id: 'AppDiagnostics' });
export const DiagnosticsQuery = z.strictObject({
  host: z.string().max(253).optional().describe('the instance host (the default) or one of the account’s custom domains'),
});

// The app-side API.
const installId = z.string({ message: 'must be a string' }).trim().min(8, 'must be at least 8 characters').max(100, 'must be at most 100 characters');
const platform = z.enum(['ios', 'android'], { message: 'must be "ios" or "android"' });
export const SdkOpenBody = z.strictObject({
  url: z.string({ message: 'must be a string' }).max(2048, 'must be at most 2048 characters'),
  installId,
  firstOpen: z.boolean({ message: 'must be true or false' }).optional(),
  platform: platform.optional(),
  appVersion: z.string().max(50, 'must be at most 50 characters').optional(),
});
export const SdkClaimBody = z.strictObject({
  token: z.string({ message: 'must be a string' }).trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  installId,
});
export const SdkDeferredBody = z.strictObject({ platform, installId });
export const DeepLinkPayload = z
  .object({
    linkId: z.string(),
    path: z.string().describe('the in-app path of the link'),
    params: z.record(z.string(), z.string()),
    url: z.string().describe('the link’s web URL'),
  })
  .meta({ id: 'DeepLinkPayload' });
export const DeferredResult = z
  .object({
    matched: z.boolean(),
    reason: z.enum(['matched', 'no_candidate', 'ambiguous', 'disabled']),
    linkId: z.string().optional(),
    path: z.string().optional(),
    params: z.record(z.string(), z.string()).optional(),
    url: z.string().optional(),
  })
  .meta({ id: 'DeferredResult' });

// Shared by the deep-link test files: an app with iOS and Android settings.
import assert from 'node:assert/strict';
import type { TestNode } from './helpers.js';

export const FP1 = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0')).join(':');
export const IOS = { teamId: 'A1B2C3D4E5', bundleId: 'com.example.music', appStoreId: '1234567890' };
export const ANDROID = { packageName: 'com.example.music', sha256CertFingerprints: [FP1] };

export async function createApp(node: TestNode, token: string, body: Record<string, unknown> = { name: 'Music', ios: IOS, android: ANDROID }) {
  const res = await node.request({ method: 'POST', url: '/api/v1/apps', token, payload: body });
  assert.equal(res.status, 201, res.raw);
  return res.body;
}

import type { DeliveryStatus, Endpoint } from '../api';
import { Badge } from '../ui';

export function EndpointStatusBadge({ ep }: { ep: Pick<Endpoint, 'status' | 'enabled'> }) {
  if (ep.status === 'disabled' || !ep.enabled) return <Badge tone="danger">Disabled</Badge>;
  if (ep.status === 'failing') return <Badge tone="warning">Failing</Badge>;
  return <Badge tone="success">Active</Badge>;
}

const DELIVERY_TONES: Record<DeliveryStatus, 'success' | 'warning' | 'danger' | 'neutral' | 'info'> = {
  pending: 'info',
  succeeded: 'success',
  failed: 'danger',
  quota_exceeded: 'warning',
  cancelled: 'neutral',
};

export const DELIVERY_LABELS: Record<DeliveryStatus, string> = {
  pending: 'Pending',
  succeeded: 'Succeeded',
  failed: 'Failed',
  quota_exceeded: 'Quota exceeded',
  cancelled: 'Cancelled',
};

export function DeliveryBadge({ status }: { status: DeliveryStatus }) {
  return <Badge tone={DELIVERY_TONES[status] ?? 'neutral'}>{DELIVERY_LABELS[status] ?? status}</Badge>;
}

export function HttpCode({ code }: { code: number | null }) {
  if (code === null || code === undefined) return <span class="muted">—</span>;
  const tone = code >= 200 && code < 300 ? 'success' : code >= 500 || code === 0 ? 'danger' : 'warning';
  return <code class={`http http-${tone}`}>{code}</code>;
}

// One REST-hook trigger (Zapier's subscribe/unsubscribe model) per Linkwire event type. The
// subscription is a Linkwire webhook with `source: "zapier"`: it has its own cap, is deleted when
// Zapier answers 410, and deleting it in Linkwire sends Zapier's reverse unsubscribe.

/**
 * @typedef {import('zapier-platform-core').Bundle} Bundle
 * @typedef {import('zapier-platform-core').ZObject} ZObject
 * @typedef {{ key: string; label: string; type?: 'string' | 'integer' | 'number' | 'boolean' | 'datetime'; list?: boolean }} OutputField
 * @typedef {{ id: string; type: string; timestamp: string; accountId: string; data: Record<string, unknown> }} Envelope
 * @typedef {{ id: string; url: string; events: string[]; source: string }} Webhook
 */

/**
 * @param {{ key: string; type: string; noun: string; label: string; description: string; sample: Envelope; outputFields: OutputField[] }} spec
 */
export function restHookTrigger(spec) {
  return {
    key: spec.key,
    noun: spec.noun,
    display: { label: spec.label, description: spec.description },
    operation: {
      type: /** @type {const} */ ('hook'),
      /**
       * @param {ZObject} z
       * @param {Bundle} bundle
       * @returns {Promise<Webhook>}
       */
      performSubscribe: async (z, bundle) => {
        const response = await z.request({
          url: '/api/v1/webhooks',
          method: 'POST',
          body: { url: bundle.targetUrl, events: [spec.type], source: 'zapier', description: `Zapier: ${spec.label}` },
        });
        return response.data;
      },
      /**
       * @param {ZObject} z
       * @param {Bundle} bundle
       */
      performUnsubscribe: async (z, bundle) => {
        const webhook = /** @type {Webhook} */ (bundle.subscribeData);
        await z.request({ url: `/api/v1/webhooks/${encodeURIComponent(webhook.id)}`, method: 'DELETE' });
        return {};
      },
      /**
       * The delivery's body is the event envelope; its `id` (evt_…) is what Zapier dedupes on.
       * @param {ZObject} _z
       * @param {Bundle} bundle
       * @returns {Envelope[]}
       */
      perform: (_z, bundle) => [/** @type {Envelope} */ (bundle.cleanedRequest)],
      /**
       * @param {ZObject} z
       * @returns {Promise<Envelope[]>}
       */
      performList: async (z) => {
        const response = await z.request({ url: `/api/v1/event-types/${spec.type}/samples`, params: { limit: 3 } });
        return response.data;
      },
      sample: spec.sample,
      outputFields: spec.outputFields,
    },
  };
}

import type { DispatchRequest } from './dispatch-sender.js';
import type { SendResult } from './send-result.js';

// What crosses between the dispatcher's thread and a sender thread: the thread's workerData, the
// messages, and their flat encodings. Imported by both sides; the sender thread loads nothing of
// the main thread's modules (type imports only, erased).

/** workerData of a sender thread. */
export interface SendThreadInit {
  dev: boolean;
  allowPrivateTargets: string[];
  connectionsPerOrigin: number;
}

/**
 * An endpoint's part of the requests in one message to a thread (signers are functions and cannot
 * cross, so the secrets go). Sent once per message, not per request: a claimed batch is mostly a
 * few endpoints, and cloning the URL, headers and secrets for every request was most of the
 * message's cost.
 */
export interface WireEndpoint {
  id: string;
  url: string;
  secrets: string[];
  customHeaders: Record<string, string>;
  timeoutMs: number;
  /** The latest `maxInFlight` of the message's requests to this endpoint; null: no limit. */
  maxInFlight: number | null;
}

/**
 * The requests of one message, flat: `seq, endpoint, eventId, body` per request, `endpoint`
 * indexing the message's `endpoints`.
 */
export type WireRequests = Array<number | string | Uint8Array>;
export const REQUEST_STRIDE = 4;

/**
 * Results, flat: `seq` then the SendResult's fields in the order of writeResult(). Flat arrays of
 * primitives because the structured clone of an object writes every property name again: 100
 * results as objects took 5.5 µs each to serialise and deserialise (v8.serialize, Node 20), as
 * flat arrays 0.7 µs, and deserialising is the main thread's share.
 */
export type WireResults = Array<number | string | boolean | null>;
export const RESULT_STRIDE = 10;

export function writeResult(out: WireResults, seq: number, r: SendResult): void {
  out.push(seq, r.ok, r.startedAt, r.durationMs, r.statusCode, r.errorKind, r.error, r.responseBody, r.retryAfterMs, r.requestHeadersJson);
}

export function readResult(w: WireResults, i: number): SendResult {
  return {
    ok: w[i + 1] as boolean,
    startedAt: w[i + 2] as number,
    durationMs: w[i + 3] as number,
    statusCode: w[i + 4] as number | null,
    errorKind: w[i + 5] as SendResult['errorKind'],
    error: w[i + 6] as string | null,
    responseBody: w[i + 7] as string | null,
    retryAfterMs: w[i + 8] as number | null,
    requestHeadersJson: w[i + 9] as string,
  };
}

/** Calls `each(seq, endpointIndex, eventId, body)` for every request of a message. */
export function forEachRequest(requests: WireRequests, each: (seq: number, endpoint: number, eventId: string, body: string | Uint8Array) => void): void {
  for (let i = 0; i + REQUEST_STRIDE <= requests.length; i += REQUEST_STRIDE) {
    each(requests[i] as number, requests[i + 1] as number, requests[i + 2] as string, requests[i + 3] as string | Uint8Array);
  }
}

export type ThreadMessage =
  | { kind: 'send'; endpoints: WireEndpoint[]; requests: WireRequests }
  | { kind: 'done'; results: WireResults; unsent: number[] }
  | { kind: 'handBack' }
  | { kind: 'close' }
  | { kind: 'closed' };

/**
 * The index of `req`'s endpoint in the message's list, adding it if needed. Requests claimed in one
 * batch share the endpoint loader's objects (the same secrets array and headers object), so
 * identity is the test: a request from another batch gets an entry of its own and keeps the config
 * it was claimed with, even if the endpoint was edited in between.
 */
export function endpointIndex(endpoints: WireEndpoint[], byId: Map<string, number[]>, req: DispatchRequest): number {
  const seen = byId.get(req.endpointId);
  const maxInFlight = req.maxInFlight ?? null;
  if (seen) {
    for (const i of seen) {
      const e = endpoints[i]!;
      if (e.secrets === req.secrets && e.customHeaders === req.customHeaders && e.url === req.url && e.timeoutMs === req.timeoutMs) {
        e.maxInFlight = maxInFlight; // the latest limit wins
        return i;
      }
    }
  }
  const index = endpoints.length;
  endpoints.push({ id: req.endpointId, url: req.url, secrets: req.secrets, customHeaders: req.customHeaders, timeoutMs: req.timeoutMs, maxInFlight });
  if (seen) seen.push(index);
  else byId.set(req.endpointId, [index]);
  return index;
}

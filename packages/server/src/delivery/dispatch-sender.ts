import { Sender, type SenderOptions, type SendRequest } from './sender.js';
import type { SendResult } from './send-result.js';
import { SignerCache } from './signer-cache.js';

// The dispatcher's side of sending: what it hands over (DispatchRequest), what it calls
// (DispatchSender), and the in-process implementation. The threaded one is threaded-sender.ts.

/**
 * What the dispatcher hands a sender: the request with the endpoint's secrets as text (current
 * first, then the previous one during its grace period). Whoever sends makes the signers, so a
 * sender thread's are never built on the main thread too.
 */
export interface DispatchRequest extends Omit<SendRequest, 'signers'> {
  secrets: string[];
  /**
   * Most sends to this endpoint the sender may have in flight (the dispatcher's earned limit).
   * A sender that queues ahead (ThreadedSender) holds requests beyond it and starts them itself as
   * sends finish; absent, only the endpoint's pool connections limit it.
   */
  maxInFlight?: number;
}

/** The sender as the dispatcher sees it: in-process (LocalSender) or in threads (ThreadedSender). */
export interface DispatchSender {
  /**
   * The attempt's result, or null: the request was handed back unstarted (a sender that queues
   * ahead does so for an endpoint whose send just failed, on handBackWaiting() and at close), so
   * no attempt was made.
   */
  send(req: DispatchRequest): Promise<SendResult | null>;
  /**
   * True when the sender may be handed more requests than an endpoint's `maxInFlight` and starts
   * the extra ones itself as the endpoint's sends finish, without a round trip to the dispatcher.
   */
  readonly queuesAhead: boolean;
  /** Hands back (as null) every request that waits unstarted, without closing (the dispatcher's stop()). */
  handBackWaiting(): void;
  close(): Promise<void>;
}

/** Signs and sends on the calling thread (PostgreSQL workers by default, LINKWIRE_SENDER_THREADS=0). */
export class LocalSender implements DispatchSender {
  /** On the dispatcher's own thread a finished send frees its slot at once: nothing to queue ahead. */
  readonly queuesAhead = false;
  private readonly sender: Sender;
  private readonly signers = new SignerCache();

  constructor(opts: SenderOptions) {
    this.sender = new Sender(opts);
  }

  /** Nothing waits here: every request handed over has started. */
  handBackWaiting(): void {}

  send(req: DispatchRequest): Promise<SendResult> {
    let signers: SendRequest['signers'];
    try {
      signers = this.signers.signersFor(req.secrets);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.sender.send({
      endpointId: req.endpointId,
      url: req.url,
      eventId: req.eventId,
      body: req.body,
      signers,
      customHeaders: req.customHeaders,
      timeoutMs: req.timeoutMs,
    });
  }

  close(): Promise<void> {
    return this.sender.close();
  }
}

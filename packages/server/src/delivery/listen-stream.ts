import type { AppContext } from '../context.js';
import { claimListen, countInFlight, LISTEN_MAX_IN_FLIGHT, resumeListen, type StreamedDelivery } from './listen.js';

/**
 * Polls for due deliveries while woken by nothing: retries come due on a timer, and a wake-up is
 * only a hint (delivery/wake.ts). Two indexed statements per poll per connected CLI.
 */
const POLL_MS = 500;
/** A comment line this often keeps proxies and the CLI's idle check from closing a quiet stream. */
export const HEARTBEAT_MS = 15_000;

/**
 * One connected `linkwire listen` stream: claims its endpoint's due deliveries (listen.ts) and
 * writes each as a Server-Sent Event:
 *
 *   id: <token>.<deliveryId>.<attempt>
 *   event: delivery
 *   data: {"deliveryId":"dlv_…","claim":"lst…","attempt":1,"eventId":"evt_…","body":"{…}"}
 *
 * `body` is the stored envelope as a string, the exact bytes the CLI signs. The id starts with the
 * stream's claim token, so a reconnect's Last-Event-ID resumes the same claims (resumeListen()).
 */
export class ListenStream {
  private running = true;
  private wakeRequested = false;
  private wakeUp: (() => void) | null = null;
  private done: Promise<void> | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly webhookId: string,
    readonly token: string,
    private readonly resumed: boolean,
    private readonly write: (chunk: string) => void,
  ) {}

  start(): Promise<void> {
    this.done ??= this.run();
    return this.done;
  }

  wake(): void {
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.done;
  }

  private send(d: StreamedDelivery): void {
    const data = JSON.stringify({ deliveryId: d.id, claim: this.token, attempt: d.attempt, eventId: d.eventId, body: d.payload });
    this.write(`id: ${this.token}.${d.id}.${d.attempt}\nevent: delivery\ndata: ${data}\n\n`);
  }

  private async run(): Promise<void> {
    const unsubscribe = this.ctx.wake.subscribe(() => this.wake());
    const heartbeat = setInterval(() => this.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    try {
      try {
        if (this.running) for (const d of await resumeListen(this.ctx.db, this.webhookId, this.token, Date.now(), this.resumed)) this.send(d);
      } catch (err) {
        // What it would have re-sent comes back when its lease ends; the stream goes on.
        this.ctx.log.error({ err, webhookId: this.webhookId }, 'resuming a listen stream failed');
      }
      while (this.running) {
        this.wakeRequested = false;
        try {
          const now = Date.now();
          const room = LISTEN_MAX_IN_FLIGHT - (await countInFlight(this.ctx.db, this.ctx.database.caps, this.webhookId, this.token, now));
          if (this.running && room > 0) {
            for (const d of await claimListen(this.ctx.db, this.ctx.database.caps, this.webhookId, this.token, now, room)) this.send(d);
          }
        } catch (err) {
          if (!this.running) break;
          this.ctx.log.error({ err, webhookId: this.webhookId }, 'claiming listen deliveries failed; retrying after the poll interval');
        }
        await this.sleep();
      }
    } finally {
      clearInterval(heartbeat);
      await unsubscribe();
    }
  }

  private sleep(): Promise<void> {
    if (this.wakeRequested || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, POLL_MS);
      this.wakeUp = done;
    });
  }
}

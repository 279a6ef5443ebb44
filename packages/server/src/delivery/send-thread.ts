// The body of a sender thread (see threaded-sender.ts): signs and POSTs what the dispatcher hands
// over, with the same Sender the in-process mode uses, and posts the results back in batches.
import { parentPort, workerData } from 'node:worker_threads';
import type { Signer } from '@linkwire/webhooks';
import { targetPolicy } from '../webhooks/ssrf.js';
import { failedBeforeSending, Sender, SignerCache, type SendResult } from './sender.js';
import type { SendThreadInit, ThreadMessage, WireEndpoint, WireRequest } from './threaded-sender.js';

const init = workerData as SendThreadInit;
const sender = new Sender({
  policy: targetPolicy({ dev: init.dev, allowPrivateTargets: init.allowPrivateTargets }),
  connectionsPerOrigin: init.connectionsPerOrigin,
});

const signers = new SignerCache();

// Results leave in one message per event-loop turn: one postMessage per delivery would cost
// about as much as the send it reports.
let done: Array<[number, SendResult]> = [];
let scheduled = false;
function report(seq: number, result: SendResult) {
  done.push([seq, result]);
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    const batch = done;
    done = [];
    parentPort!.postMessage({ kind: 'done', results: batch } satisfies ThreadMessage);
  });
}

/** An endpoint as this thread sends to it: the wire form with its signers. */
interface Target {
  id: string;
  url: string;
  signers: Signer[];
  customHeaders: Record<string, string>;
  timeoutMs: number;
}

function start(target: Target, req: WireRequest) {
  sender
    .send({
      endpointId: target.id,
      url: target.url,
      eventId: req.eventId,
      body: req.body,
      signers: target.signers,
      customHeaders: target.customHeaders,
      timeoutMs: target.timeoutMs,
    })
    .then(
      (result) => report(req.seq, result),
      (err: unknown) => report(req.seq, failedBeforeSending(`Unexpected sender error: ${(err as Error)?.message ?? err}`)),
    );
}

function target(e: WireEndpoint): Target {
  return { id: e.id, url: e.url, signers: signers.signersFor(e.secrets), customHeaders: e.customHeaders, timeoutMs: e.timeoutMs };
}

parentPort!.on('message', (msg: ThreadMessage) => {
  if (msg.kind === 'send') {
    // A secret that cannot make a signer fails its endpoint's requests, not the thread.
    const targets = msg.endpoints.map((e): Target | Error => {
      try {
        return target(e);
      } catch (err) {
        return err instanceof Error ? err : new Error(String(err));
      }
    });
    for (const req of msg.requests) {
      const t = targets[req.endpoint]!;
      if (t instanceof Error) report(req.seq, failedBeforeSending(`Unexpected sender error: ${t.message}`));
      else start(t, req);
    }
  } else if (msg.kind === 'close') {
    void sender.close().finally(() => parentPort!.postMessage({ kind: 'closed' } satisfies ThreadMessage));
  }
});

// The body of a sender thread (see threaded-sender.ts): signs and POSTs what the dispatcher hands
// over, with the same Sender the in-process mode uses, and posts the results back in batches.
import { parentPort, workerData } from 'node:worker_threads';
import type { Signer } from '@linkwire/webhooks';
import { targetPolicy } from '../webhooks/ssrf.js';
import { failedBeforeSending, Sender, SignerCache, type SendResult } from './sender.js';
import { forEachRequest, type SendThreadInit, type ThreadMessage, type WireEndpoint, type WireResults, writeResult } from './threaded-sender.js';

const init = workerData as SendThreadInit;
const sender = new Sender({
  policy: targetPolicy({ dev: init.dev, allowPrivateTargets: init.allowPrivateTargets }),
  connectionsPerOrigin: init.connectionsPerOrigin,
});

const signers = new SignerCache();

// Results leave in one message per event-loop turn: one postMessage per delivery would cost
// about as much as the send it reports.
let done: WireResults = [];
let scheduled = false;
function report(seq: number, result: SendResult) {
  writeResult(done, seq, result);
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

function start(target: Target, seq: number, eventId: string, body: string) {
  sender
    .send({
      endpointId: target.id,
      url: target.url,
      eventId,
      body,
      signers: target.signers,
      customHeaders: target.customHeaders,
      timeoutMs: target.timeoutMs,
    })
    .then(
      (result) => report(seq, result),
      (err: unknown) => report(seq, failedBeforeSending(`Unexpected sender error: ${(err as Error)?.message ?? err}`)),
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
    forEachRequest(msg.requests, (seq, endpoint, eventId, body) => {
      const t = targets[endpoint]!;
      if (t instanceof Error) report(seq, failedBeforeSending(`Unexpected sender error: ${t.message}`));
      else start(t, seq, eventId, body);
    });
  } else if (msg.kind === 'close') {
    void sender.close().finally(() => parentPort!.postMessage({ kind: 'closed' } satisfies ThreadMessage));
  }
});

// The body of a sender thread (see threaded-sender.ts): signs and POSTs what the dispatcher hands
// over, with the same Sender the in-process mode uses, and posts the results back in batches. It
// speaks send-wire.ts and loads none of the main thread's modules.
import { parentPort, workerData } from 'node:worker_threads';
import type { Signer } from '@linkwire/webhooks';
import { targetPolicy } from '../lib/ssrf.js';
import { failedBeforeSending, type SendResult } from './send-result.js';
import { Sender } from './sender.js';
import { SignerCache } from './signer-cache.js';
import { forEachRequest, type SendThreadInit, type ThreadMessage, type WireEndpoint, type WireResults, writeResult } from './send-wire.js';

const init = workerData as SendThreadInit;
const sender = new Sender({
  policy: targetPolicy({ dev: init.dev, allowPrivateTargets: init.allowPrivateTargets }),
  connectionsPerOrigin: init.connectionsPerOrigin,
});

const signers = new SignerCache();

// Results leave in one message per event-loop turn: one postMessage per delivery would cost
// about as much as the send it reports. Tried instead: holding them for up to 1 ms (or 32 results)
// to fill bigger messages — drains of 16 456 / 15 740 / 17 041 /s against 19 133 / 19 127 /
// 18 715 /s (bench/README.md#tried-and-rejected), because the dispatcher's bookkeeping waits on them.
let done: WireResults = [];
let unsent: number[] = [];
let scheduled = false;
function schedule() {
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    const results = done;
    const handedBack = unsent;
    done = [];
    unsent = [];
    parentPort!.postMessage({ kind: 'done', results, unsent: handedBack } satisfies ThreadMessage);
  });
}
function report(seq: number, result: SendResult) {
  writeResult(done, seq, result);
  schedule();
}
function handBack(seq: number) {
  unsent.push(seq);
  schedule();
}

/** An endpoint as this thread sends to it: the wire form with its signers. */
interface Target {
  id: string;
  url: string;
  signers: Signer[];
  customHeaders: Record<string, string>;
  timeoutMs: number;
}

/**
 * An endpoint's sends in this thread. The dispatcher hands over up to twice the endpoint's earned
 * limit (lanes.ts, handOverLimit()); the gate keeps `limit` in flight and starts the next waiting
 * request the moment one finishes, instead of a round trip through the dispatcher's thread, which
 * may be busy in a SQLite statement for milliseconds. Waiting requests have not started: their
 * timeout has not begun, and when a send fails they go back to the dispatcher unstarted (its
 * breaker, 410 handling and backoff decide what happens to them).
 */
interface Gate {
  active: number;
  limit: number;
  waiting: Waiting[];
}
interface Waiting {
  target: Target;
  seq: number;
  eventId: string;
  body: string | Uint8Array;
}
const gates = new Map<string, Gate>();

function gateFor(id: string): Gate {
  let gate = gates.get(id);
  if (!gate) {
    gate = { active: 0, limit: Number.POSITIVE_INFINITY, waiting: [] };
    gates.set(id, gate);
  }
  return gate;
}

function drain(gate: Gate) {
  while (gate.active < gate.limit && gate.waiting.length > 0) {
    const w = gate.waiting.shift()!;
    gate.active++;
    start(gate, w.target, w.seq, w.eventId, w.body);
  }
}

/** Every request waiting in a gate goes back to the dispatcher unstarted. */
function handBackAllWaiting() {
  for (const gate of gates.values()) for (const w of gate.waiting.splice(0)) handBack(w.seq);
}

function finished(gate: Gate, id: string, seq: number, result: SendResult) {
  gate.active--;
  report(seq, result);
  if (!result.ok) for (const w of gate.waiting.splice(0)) handBack(w.seq);
  else drain(gate);
  if (gate.active === 0 && gate.waiting.length === 0) gates.delete(id);
}

function start(gate: Gate, target: Target, seq: number, eventId: string, body: string | Uint8Array) {
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
      (result) => finished(gate, target.id, seq, result),
      (err: unknown) => finished(gate, target.id, seq, failedBeforeSending(`Unexpected sender error: ${(err as Error)?.message ?? err}`)),
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
    const touched = new Set<Gate>();
    forEachRequest(msg.requests, (seq, endpoint, eventId, body) => {
      const t = targets[endpoint]!;
      if (t instanceof Error) report(seq, failedBeforeSending(`Unexpected sender error: ${t.message}`));
      else {
        const gate = gateFor(t.id);
        gate.limit = msg.endpoints[endpoint]!.maxInFlight ?? Number.POSITIVE_INFINITY;
        gate.waiting.push({ target: t, seq, eventId, body });
        touched.add(gate);
      }
    });
    for (const gate of touched) drain(gate);
  } else if (msg.kind === 'handBack') {
    handBackAllWaiting();
  } else if (msg.kind === 'close') {
    // What has not started goes back unstarted. Sends still in flight end as failures when the pools
    // are destroyed: the dispatcher waits for its sends before it closes the sender.
    handBackAllWaiting();
    void sender.close().finally(() => parentPort!.postMessage({ kind: 'closed' } satisfies ThreadMessage));
  }
});

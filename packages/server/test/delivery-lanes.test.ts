import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Breakers } from '../src/delivery/breaker.js';
import type { EndpointConfig } from '../src/delivery/endpoints.js';
import { type Job, type Lane, Lanes, type LanesOptions, type SendStart } from '../src/delivery/lanes.js';
import type { SendResult } from '../src/delivery/send-result.js';

// The dispatcher's lanes on their own, with a fake clock and a recording in place of the sender
// and the database: what a live dispatcher does with the same jobs, minus the scheduling.

const endpoint = (id: string): EndpointConfig => ({
  id,
  accountId: 'acc_1',
  format: 'standard',
  source: 'api',
  url: `http://127.0.0.1:9/${id}`,
  timeoutMs: 5_000,
  headers: {},
  enabled: true,
  deleted: false,
  listen: false,
  secrets: [],
});

let seq = 0;
const jobs = (ep: EndpointConfig, n: number): Job[] =>
  Array.from({ length: n }, () => {
    const id = `dlv_${++seq}`;
    return {
      delivery: { id, accountId: ep.accountId, webhookId: ep.id, eventId: `evt_${seq}`, attemptCount: 0, isTest: 0, payload: '{}' },
      endpoint: ep,
      payload: '{}',
    };
  });

const ok = (durationMs: number): SendResult => ({
  ok: true,
  startedAt: 0,
  durationMs,
  statusCode: 200,
  errorKind: null,
  error: null,
  responseBody: null,
  retryAfterMs: null,
  requestHeadersJson: '{}',
});
const failed = (over: Partial<SendResult>): SendResult => ({ ...ok(5), ok: false, statusCode: 500, errorKind: 'http', error: 'HTTP 500', ...over });

interface Sent {
  lane: Lane;
  job: Job;
  started: SendStart;
}

/** Lanes wired to a recording: `sent` what start() was given, `released` what went back to the queue. */
function harness(opts: Partial<LanesOptions> = {}, breakers = new Breakers({ threshold: 5, minCooldownMs: 10_000, maxCooldownMs: 60_000 })) {
  const clock = { now: 1_000_000 };
  const sent: Sent[] = [];
  const released: Array<{ ids: string[]; dueAt: number; refused: boolean }> = [];
  const lanes: Lanes = new Lanes(
    { endpointConcurrency: 64, queuesAhead: false, now: () => clock.now, ...opts },
    {
      breakers,
      start: (lane, job) => sent.push({ lane, job, started: lanes.begin(lane) }),
      release: (js, dueAt, refused) => released.push({ ids: js.map((j) => j.delivery.id), dueAt, refused }),
    },
  );
  /** The oldest send in flight ends with `result` (null: handed back unstarted), as the dispatcher handles it. */
  const finish = (result: SendResult | null, which = 0) => {
    const [s] = sent.splice(which, 1);
    assert.ok(s, 'a send in flight');
    lanes.end(s.lane, s.started);
    if (result === null) lanes.requeue(s.lane, s.job);
    else {
      lanes.recordAttempt(s.lane, result);
      breakers.record(s.job.endpoint.id, result.ok, clock.now);
      if (result.statusCode === 410) lanes.drop(s.lane);
      lanes.keepListed(s.job.endpoint.id, s.lane);
    }
    lanes.pump(s.job.endpoint.id);
    return s;
  };
  const enqueue = (list: Job[]) => lanes.enqueueAll(list);
  return { lanes, clock, sent, released, finish, enqueue, breakers };
}

describe('lanes', () => {
  it('a new endpoint starts 16 sends, keeps five seconds of work at a 250 ms pace, and hands the rest back due in a second', () => {
    const h = harness();
    const ep = endpoint('wh_new');
    const list = jobs(ep, 400);
    h.enqueue(list);
    assert.equal(h.sent.length, 16);
    assert.deepEqual(
      h.sent.map((s) => s.job.delivery.id),
      list.slice(0, 16).map((j) => j.delivery.id),
      'in claim order',
    );
    assert.equal(h.lanes.queued, 320, '16 × 5 s / 250 ms wait locally before a first answer');
    assert.deepEqual(h.released, [{ ids: list.slice(336).map((j) => j.delivery.id), dueAt: h.clock.now + 1_000, refused: false }]);
    assert.equal(h.lanes.get(ep.id)!.active, 16);
  });

  it('an endpoint that has not answered keeps less as its first sends age, down to one round', () => {
    const h = harness();
    const ep = endpoint('wh_silent');
    h.enqueue(jobs(ep, 400));
    assert.equal(h.lanes.queued, 320);
    h.clock.now += 1_000;
    h.lanes.pumpAll();
    assert.equal(h.lanes.queued, 80, 'paced by the oldest send: 16 × 5 s / 1 s');
    h.clock.now += 9_000;
    h.lanes.pumpAll();
    assert.equal(h.lanes.queued, 16, 'hung for 10 s: one round');
    assert.deepEqual(
      h.released.map((r) => r.ids.length),
      [64, 240, 64],
    );
    assert.equal(h.sent.length, 16, 'nothing more started while nothing answered');
  });

  it('the cap wins over the start of 16', () => {
    const h = harness({ endpointConcurrency: 4 });
    h.enqueue(jobs(endpoint('wh_small'), 100));
    assert.equal(h.sent.length, 4);
    assert.equal(h.lanes.queued, 80, '4 × 5 s / 250 ms');
    assert.equal(h.released[0]!.ids.length, 16);
  });

  it('earns one slot per success while work waits, up to the cap; a 5xx halves them; a 404 leaves them', () => {
    const h = harness({ endpointConcurrency: 20 });
    const ep = endpoint('wh_aimd');
    h.enqueue(jobs(ep, 16));
    h.clock.now += 10;
    h.enqueue(jobs(ep, 100));
    const stats = h.lanes.statsFor(ep.id);
    for (let i = 0; i < 4; i++) h.finish(ok(10));
    assert.equal(stats.limit, 20, '16 + 4 successes');
    assert.equal(h.sent.length, 20, 'the earned slots are used at once');
    h.finish(ok(10));
    assert.equal(stats.limit, 20, 'never past the cap');
    h.finish(failed({ statusCode: 503 }));
    assert.equal(stats.limit, 10);
    assert.equal(stats.lastOk, false);
    h.finish(failed({ statusCode: 404, error: 'HTTP 404' }));
    assert.equal(stats.limit, 10, 'a quick 4xx is no sign of overload');
    h.finish(failed({ statusCode: null, errorKind: 'timeout' }));
    assert.equal(stats.limit, 5);
  });

  it('a success with nothing waiting earns nothing', () => {
    const h = harness();
    const ep = endpoint('wh_idle');
    h.enqueue(jobs(ep, 2));
    h.finish(ok(5));
    h.finish(ok(5));
    assert.equal(h.lanes.statsFor(ep.id).limit, 16);
    assert.equal(h.lanes.get(ep.id), undefined, 'an idle lane is dropped');
    assert.equal(h.lanes.statsFor(ep.id).avgMs, 5, 'what was learnt stays');
  });

  it('keeps about five seconds of work at the observed pace, and trims more as a send in flight runs long', () => {
    const h = harness({ endpointConcurrency: 16 });
    const ep = endpoint('wh_pace');
    h.enqueue(jobs(ep, 16));
    h.finish(ok(1_000)); // pace 1 s: 16 × 5 s / 1 s = 80 kept
    h.enqueue(jobs(ep, 200));
    assert.equal(h.sent.length, 16);
    assert.equal(h.lanes.queued, 80);
    assert.equal(h.released.at(-1)!.ids.length, 200 + 15 - 16 - 80);
    // Ten seconds later the oldest send is still running: pace 10 s, 16 × 5 / 10 = 8 → one round (16).
    h.clock.now += 10_000;
    h.lanes.pumpAll();
    assert.equal(h.lanes.queued, 16);
    const trimmed = h.released.at(-1)!;
    assert.equal(trimmed.ids.length, 64);
    assert.equal(trimmed.dueAt, h.clock.now + 1_000);
    assert.equal(trimmed.refused, false);
  });

  it('a sender that queues ahead is handed twice the limit while the endpoint answers, the limit after a failure', () => {
    const h = harness({ endpointConcurrency: 8, queuesAhead: true });
    const ep = endpoint('wh_ahead');
    h.enqueue(jobs(ep, 8));
    h.finish(ok(2));
    h.enqueue(jobs(ep, 40));
    assert.equal(h.sent.length, 16, '2 × 8 handed over');
    h.finish(failed({ statusCode: 500 }));
    assert.equal(h.lanes.statsFor(ep.id).limit, 4);
    assert.equal(h.sent.length, 15, 'nothing more handed over: 15 active > the limit of 4');
    for (let i = 0; i < 11; i++) h.finish(null);
    assert.equal(h.sent.length, 4, 'the eleven handed back wait in the lane, the limit stays in flight');
  });

  it('after a 410 nothing more is sent than was in flight: what waits is dropped, and sends handed back are not requeued', () => {
    // What the live dispatcher test "after a 410 …" saw: 8 in flight, 8 waiting ahead in the
    // sender thread, more claimed; the 410s come back, the waiting ones come back unstarted.
    const h = harness({ endpointConcurrency: 8, queuesAhead: true });
    const ep = endpoint('wh_gone');
    h.enqueue(jobs(ep, 8));
    h.finish(ok(2));
    h.enqueue(jobs(ep, 60));
    assert.equal(h.sent.length, 16);
    const waitingBefore = h.lanes.queued;
    assert.ok(waitingBefore > 0);
    const gone = failed({ statusCode: 410, error: 'HTTP 410' });
    h.finish(gone);
    const lane = h.lanes.get(ep.id)!;
    assert.equal(lane.gone, true);
    assert.equal(lane.queue.length, 0, 'the local queue is dropped, not sent');
    assert.equal(h.lanes.queued, 0);
    const releasedBefore = h.released.length;
    // The sender thread hands back the 8 it held ahead of the limit; 7 more 410s arrive.
    for (let i = 0; i < 8; i++) h.finish(null, 7);
    for (let i = 0; i < 7; i++) h.finish(gone);
    assert.equal(h.sent.length, 0, 'nothing is in flight and nothing new was started');
    assert.equal(h.lanes.queued, 0, 'the handed-back sends were not requeued');
    assert.equal(h.released.length, releasedBefore, 'nor released: their leases expire and the claim holds them with the endpoint');
    assert.equal(h.lanes.get(ep.id), undefined);
  });

  it('an open breaker hands everything waiting back until it reopens, counted as refused', () => {
    const breakers = new Breakers({ threshold: 1, minCooldownMs: 10_000, maxCooldownMs: 60_000 });
    const h = harness({ endpointConcurrency: 1 }, breakers);
    const ep = endpoint('wh_dead');
    const list = jobs(ep, 6);
    h.enqueue(list);
    assert.equal(h.lanes.queued, 5, 'one in flight, the rest waiting (1 × 5 s / 250 ms = 20 may)');
    h.finish(failed({ statusCode: 500 }));
    assert.equal(breakers.state(ep.id), 'open');
    assert.equal(h.sent.length, 0);
    const refused = h.released.filter((r) => r.refused);
    assert.equal(refused.length, 1);
    assert.deepEqual(
      refused[0]!.ids,
      list.slice(1).map((j) => j.delivery.id),
    );
    assert.equal(refused[0]!.dueAt, h.clock.now + 10_000, 'due when the breaker half-opens');
    assert.equal(h.lanes.queued, 0);
  });

  it('takeAllWaiting() empties every queue and leaves what is in flight', () => {
    const h = harness({ endpointConcurrency: 2 });
    const a = jobs(endpoint('wh_a'), 4);
    const b = jobs(endpoint('wh_b'), 3);
    h.enqueue([...a, ...b]);
    assert.equal(h.sent.length, 4, 'one batch of two endpoints: each lane pumped');
    const waiting = h.lanes.takeAllWaiting();
    assert.deepEqual(waiting.sort(), [...a.slice(2, 4), ...b.slice(2, 3)].map((j) => j.delivery.id).sort());
    assert.equal(h.lanes.queued, 0);
    assert.equal(h.sent.length, 4);
  });
});

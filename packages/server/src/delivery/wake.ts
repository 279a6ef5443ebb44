// In-process wake-up for the dispatchers of this process after deliveries are re-queued outside
// emit() (manual retry, replay). emit() has its own hook (onDeliveriesQueued); other processes
// are reached by NOTIFY on PostgreSQL and, always, by the poll.
type Waker = () => void;
const wakers = new Set<Waker>();

export function onRequeued(waker: Waker): () => void {
  wakers.add(waker);
  return () => wakers.delete(waker);
}

export function wakeDispatchers(): void {
  for (const waker of wakers) waker();
}

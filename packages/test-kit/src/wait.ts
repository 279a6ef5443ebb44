/** What a truthy check returns: `false`, `0`, `''`, null and undefined mean "not yet". */
export type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * Polls `check` every 10 ms until it returns a truthy value, and returns that value; throws
 * "timed out waiting for <what>" after `timeoutMs`. The condition is the proof: a test waits for
 * what it needs, never for a fixed time.
 */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 10_000): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

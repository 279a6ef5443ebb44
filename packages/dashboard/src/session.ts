// The logged-in account, shared by the shell and pages.
import { useEffect, useState } from 'preact/hooks';
import type { Account } from './api';

let current: Account | null = null;
const listeners = new Set<(a: Account | null) => void>();

export function setAccount(a: Account | null): void {
  current = a;
  for (const fn of listeners) fn(a);
}

export function getAccount(): Account | null {
  return current;
}

export function useAccount(): Account | null {
  const [a, setA] = useState(current);
  useEffect(() => {
    listeners.add(setA);
    return () => void listeners.delete(setA);
  }, []);
  return a;
}

import { useEffect, useState } from 'preact/hooks';
import { countdown } from '../logic/format';
import { remainingMs } from '../logic/payment';

/** Milliseconds left until `expiresAt`, re-rendered every quarter second; calls `onExpire` once at 0. */
export function useRemaining(expiresAt: string | undefined, onExpire?: () => void): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!expiresAt) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [expiresAt]);
  const left = expiresAt ? remainingMs(expiresAt, now) : 0;
  useEffect(() => {
    if (expiresAt && left === 0) onExpire?.();
  }, [expiresAt, left === 0]);
  return left;
}

/** "남은 시간 9:41" as an ARIA timer (not announced every second; the expiry is announced by the page). */
export function Countdown({ ms }: { ms: number }) {
  return (
    <p class={`countdown${ms < 60_000 ? ' urgent' : ''}`} role="timer">
      남은 시간 <strong>{countdown(ms)}</strong>
    </p>
  );
}

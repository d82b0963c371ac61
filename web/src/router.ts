import { useEffect, useState } from 'preact/hooks';

/**
 * A history router small enough to read: the app's routes (docs/web.md) never share a prefix
 * with the API's, so a deep link or a Toss redirect to /pay/success lands on the app.
 */
export type Params = Record<string, string>;
export interface Match { pattern: string; params: Params; query: URLSearchParams }

const listeners = new Set<() => void>();

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.scrollTo(0, 0);
  listeners.forEach((l) => l());
}

window.addEventListener('popstate', () => listeners.forEach((l) => l()));

// Same-origin links navigate without a reload (modifier keys and new tabs keep the browser's way).
document.addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  if (a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
  e.preventDefault();
  navigate(a.pathname + a.search + a.hash);
});

export function matchRoute(patterns: string[], path: string): Match | null {
  const query = new URLSearchParams(location.search);
  const parts = path.replace(/\/+$/, '').split('/');
  for (const pattern of patterns) {
    const want = pattern.replace(/\/+$/, '').split('/');
    if (want.length !== parts.length) continue;
    const params: Params = {};
    const ok = want.every((w, i) => {
      if (w.startsWith(':')) {
        if (!parts[i]) return false;
        params[w.slice(1)] = decodeURIComponent(parts[i]);
        return true;
      }
      return w === parts[i];
    });
    if (ok) return { pattern, params, query };
  }
  return null;
}

/** Re-renders on every navigation; returns the current path and query. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [, tick] = useState(0);
  useEffect(() => {
    const l = () => tick((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

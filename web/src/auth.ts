import { useEffect, useState } from 'preact/hooks';
import { api, hasAccessToken, onAuthChange, refreshAccessToken, setAccessToken } from './api';

export type Role = 'USER' | 'ADMIN';
export interface Profile { userId: string; name: string; email: string; phone: string; role: Role }

let profile: Profile | null = null;
let restored: Promise<void> | null = null;
const profileListeners = new Set<() => void>();

function announce(p: Profile | null): void {
  profile = p;
  profileListeners.forEach((l) => l());
}

async function loadProfile(): Promise<void> {
  announce(hasAccessToken() ? await api<Profile>('GET', '/me').catch(() => null) : null);
}

// A failed refresh (the cookie expired or was revoked) signs the page out.
onAuthChange(() => {
  if (!hasAccessToken() && profile) announce(null);
});

/** After a reload the access token is gone; the refresh cookie (if any) brings it back once. */
export function restoreSession(): Promise<void> {
  restored ??= refreshAccessToken().then(loadProfile);
  return restored;
}

export async function login(email: string, password: string): Promise<Profile | null> {
  const tokens = await api<{ accessToken: string }>('POST', '/auth/login', { email, password, refreshTokenDelivery: 'COOKIE' }, { anonymous: true });
  restored = Promise.resolve();
  setAccessToken(tokens.accessToken);
  await loadProfile();
  return profile;
}

export async function logout(): Promise<void> {
  try {
    await api<void>('POST', '/auth/logout', {});
  } finally {
    setAccessToken(null);
    announce(null);
  }
}

/** After PATCH /me: the header and every page show the new name at once. */
export function setProfile(p: Profile): void {
  announce(p);
}

/** The signed-in account (null when signed out); `ready` is false until the session was restored. */
export function useAuth(): { profile: Profile | null; ready: boolean } {
  const [state, setState] = useState({ profile, ready: false });
  useEffect(() => {
    let live = true;
    const update = () => live && setState({ profile, ready: true });
    profileListeners.add(update);
    restoreSession().then(update);
    return () => {
      live = false;
      profileListeners.delete(update);
    };
  }, []);
  return state;
}

import { api } from './api';
import type { Profile } from './auth';

/** POST /auth/signup (anonymous); the caller logs in afterwards. */
export function signup(body: { name: string; email: string; password: string; phone: string }): Promise<Profile> {
  return api<Profile>('POST', '/auth/signup', body, { anonymous: true });
}

/** PATCH /me with only the fields that change (logic/validation.ts `profileChanges`). */
export function updateMe(changes: Record<string, string>): Promise<Profile> {
  return api<Profile>('PATCH', '/me', changes);
}

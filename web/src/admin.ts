import { api } from './api';
import type { CancelResult, Page } from './bookings';
import type { BookingStatus } from './logic/bookings';
import type { PolicyValue } from './logic/policies';

export interface Policy {
  key: string; value: PolicyValue; defaultValue: PolicyValue; description: string;
  source: 'DEFAULT' | 'TABLE'; updatedAt?: string; updatedBy?: string;
}
export interface PolicyChange {
  changeId: string; key: string; oldValue: PolicyValue; oldSource: 'DEFAULT' | 'TABLE';
  newValue: PolicyValue; changedBy: string; changedAt: string;
}
export interface ScheduleBooking {
  bookingId: string; bookingNumber: string; bookedAt: string; status: BookingStatus; userId: string;
  customerName: string; seatId: string; seatLabel: string; gradeName: string; total: number;
}
export interface PerformanceSummary { performanceId: string; title: string; venueName?: string; venue?: { name: string } }
export interface PerformanceDetail { performanceId: string; title: string; venue: { name: string }; schedules: { scheduleId: string; startAt: string }[] }

export async function policies(): Promise<Policy[]> {
  return (await api<{ items: Policy[] }>('GET', '/admin/policies')).items;
}

export function putPolicy(key: string, value: PolicyValue): Promise<Policy> {
  return api<Policy>('PUT', `/admin/policies/${encodeURIComponent(key)}`, { value });
}

export function policyAudit(key: string, cursor: string | null, size = 20): Promise<Page<PolicyChange>> {
  const q = new URLSearchParams({ size: String(size) });
  if (key) q.set('key', key);
  if (cursor) q.set('cursor', cursor);
  return api<Page<PolicyChange>>('GET', `/admin/policy-audit?${q}`);
}

export function scheduleBookings(scheduleId: string, status: string, cursor: string | null, size = 20): Promise<Page<ScheduleBooking>> {
  const q = new URLSearchParams({ size: String(size) });
  if (status) q.set('status', status);
  if (cursor) q.set('cursor', cursor);
  return api<Page<ScheduleBooking>>('GET', `/admin/schedules/${encodeURIComponent(scheduleId)}/bookings?${q}`);
}

export function adminCancel(bookingId: string, reason: string, idempotencyKey: string): Promise<CancelResult> {
  return api<CancelResult>('POST', `/admin/bookings/${encodeURIComponent(bookingId)}/cancel`, { reason }, { headers: { 'Idempotency-Key': idempotencyKey } });
}

/** The public list (there is no admin list of performances): title search, newest first. */
export function findPerformances(q: string): Promise<Page<PerformanceSummary>> {
  const p = new URLSearchParams({ size: '10' });
  if (q.trim()) p.set('q', q.trim());
  return api<Page<PerformanceSummary>>('GET', `/performances?${p}`, undefined, { anonymous: true });
}

export function performance(id: string): Promise<PerformanceDetail> {
  return api<PerformanceDetail>('GET', `/performances/${encodeURIComponent(id)}`, undefined, { anonymous: true });
}

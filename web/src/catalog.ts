import { api, ApiError } from './api';
import type { Genre } from './logic/catalogQuery';
import type { Grade, LayoutSeat } from './logic/seats';

/** Typed calls of the public catalog (docs/openapi.yaml, tag catalog). */
export interface PerformanceSummary {
  performanceId: string; title: string; thumbnailUrl: string; genre: Genre; venueName: string;
  startAt: string; endAt: string; period: string; minPrice: number; maxPrice: number;
}
export interface PerformancePage { items: PerformanceSummary[]; nextCursor: string | null }

export interface ScheduleRef { scheduleId: string; startAt: string; endAt: string }
export interface PerformanceDetail {
  performanceId: string; title: string; venue: { venueId: string; name: string }; genre: Genre; runningTimeMinutes: number;
  startAt: string; endAt: string; ticketingStartAt: string; ticketingEndAt: string; period: string; ticketingPeriod: string;
  thumbnailUrl: string; description: string; minPrice: number; maxPrice: number; grades: Grade[]; schedules: ScheduleRef[];
}
export interface CalendarSchedule { scheduleId: string; startAt: string; remainingSeats: number }
export interface Calendar { month: string; days: { date: string; schedules: CalendarSchedule[] }[] }

export interface SeatLayout {
  performanceId: string; layoutVersion: number; venue: { venueId: string; name: string }; seatCount: number; grades: Grade[]; seats: LayoutSeat[];
}
export interface SeatStatus {
  scheduleId: string; performanceId: string; layoutVersion: number; version: number; asOf: string; seatCount: number;
  encoding: '2bit-base64'; states: string; grades: { gradeId: string; remaining: number }[]; remainingSeats: number;
}

const pub = { anonymous: true };
const id = encodeURIComponent;

export const listPerformances = (query: string, signal?: AbortSignal) =>
  api<PerformancePage>('GET', `/performances${query}`, undefined, { ...pub, signal });
export const getPerformance = (performanceId: string) => api<PerformanceDetail>('GET', `/performances/${id(performanceId)}`, undefined, pub);
export const getCalendar = (performanceId: string, month: string) =>
  api<Calendar>('GET', `/performances/${id(performanceId)}/calendar?month=${month}`, undefined, pub);
export const getSeatLayout = (performanceId: string, version: number) =>
  api<SeatLayout>('GET', `/performances/${id(performanceId)}/seat-layout?version=${version}`, undefined, pub);

/**
 * The live seat status. The answer's ETag goes back as If-None-Match; the API documents that it
 * answers 200 every time (shared caches), so a 304 from any cache on the way is also handled:
 * `null` means "unchanged".
 */
export async function getSeatStatus(scheduleId: string, etag: string | null, signal?: AbortSignal): Promise<{ status: SeatStatus | null; etag: string | null }> {
  const res = await fetch(`/schedules/${id(scheduleId)}/seat-status`, {
    headers: { Accept: 'application/json', ...(etag ? { 'If-None-Match': etag } : {}) },
    signal,
  });
  if (res.status === 304) return { status: null, etag };
  if (!res.ok) throw new ApiError(res.status, undefined, undefined, []);
  return { status: (await res.json()) as SeatStatus, etag: res.headers.get('ETag') };
}

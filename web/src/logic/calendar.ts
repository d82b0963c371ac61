import { kstDay } from './format.ts';

/** The month calendar of a show's page: a grid of weeks (Sunday first) for a `YYYY-MM` month. */
export interface CalendarCell { date: string; day: number }

export function monthGrid(month: string): (CalendarCell | null)[][] {
  const [y, m] = month.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const cells: (CalendarCell | null)[] = Array.from({ length: first }, () => null);
  for (let d = 1; d <= days; d++) cells.push({ date: `${month}-${String(d).padStart(2, '0')}`, day: d });
  while (cells.length % 7) cells.push(null);
  const weeks: (CalendarCell | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The month `delta` months after `YYYY-MM`. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** `2026년 12월` */
export function monthTitle(month: string): string {
  const [y, m] = month.split('-');
  return `${y}년 ${Number(m)}월`;
}

/**
 * The UTC months the calendar API must be asked for to show the Korean month `YYYY-MM`: the API
 * groups by UTC day, and a KST month starts nine hours before its UTC namesake (a 01:00 KST show
 * on the 1st is on the previous UTC month's last day).
 */
export function utcMonthsFor(kstMonth: string): [string, string] {
  return [addMonths(kstMonth, -1), kstMonth];
}

/** Schedules regrouped by the KST day they start on, keeping only the days of `kstMonth`, each day in start order. */
export function byKstDay<T extends { startAt: string }>(schedules: readonly T[], kstMonth: string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const s of [...schedules].sort((a, b) => Date.parse(a.startAt) - Date.parse(b.startAt))) {
    const day = kstDay(s.startAt);
    if (!day.startsWith(`${kstMonth}-`)) continue;
    out.set(day, [...(out.get(day) ?? []), s]);
  }
  return out;
}

/** The month to open first (KST): that of the first schedule not yet started, else of the last one. */
export function initialMonth(schedules: readonly { startAt: string }[], now: Date): string {
  const upcoming = schedules.find((s) => new Date(s.startAt) > now) ?? schedules[schedules.length - 1];
  return kstDay(upcoming ? upcoming.startAt : now).slice(0, 7);
}

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
 * The month to open first: that of the first schedule not yet started, else of the last one
 * (the calendar API's months are UTC months, like its days).
 */
export function initialMonth(schedules: readonly { startAt: string }[], now: Date): string {
  const upcoming = schedules.find((s) => new Date(s.startAt) > now) ?? schedules[schedules.length - 1];
  return (upcoming ? upcoming.startAt : now.toISOString()).slice(0, 7);
}

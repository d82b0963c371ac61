// Steps the buying tests share (not a test file itself: run.mjs runs *.test.mjs only).
import { api } from './lib.mjs';

/** The accessible name of a seat of createShow's venue, e.g. seatName('A', '1', 3) = 'A 1열 3번, VIP, 150,000원'. */
export function seatName(section, row, number) {
  const grade = section === 'B' ? 'S, 80,000원' : row === '1' ? 'VIP, 150,000원' : 'R, 110,000원';
  return `${section} ${row}열 ${number}번, ${grade}`;
}

export const seat = (page, name) => page.getByRole('button', { name, exact: true });

/**
 * Goes to an app path the way a link inside the app does (history + popstate, no reload), so
 * the signed-in session in the page's memory stays; from outside the app it loads the page.
 */
export async function go(page, path) {
  if (!page.url().startsWith('http')) return page.goto(path);
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

/** Opens a schedule's seat selection (in-app) and waits until the map is drawn. */
export async function openSeatMap(page, show, scheduleIndex = 0) {
  await go(page, `/shows/${show.performanceId}/schedules/${show.scheduleIds[scheduleIndex]}`);
  await seat(page, seatName('A', '1', 1)).waitFor();
}

/** A seat's state in the full seat map (read through the API). */
export async function seatStatus(scheduleId, seatId) {
  const r = await api('GET', `/schedules/${scheduleId}/seats`);
  if (r.status !== 200) throw new Error(`seats: ${r.status}`);
  return r.body.seats.find((s) => s.seatId === seatId)?.status;
}

/** Polls `probe` until it returns a truthy value or `ms` pass (then the last value). */
export async function eventually(probe, ms = 10_000, every = 250) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    last = await probe();
    if (last) return last;
    await new Promise((r) => setTimeout(r, every));
  }
  return last;
}

/** The hold id in a /checkout/:holdId URL. */
export const holdIdFromUrl = (url) => new URL(url).pathname.split('/').pop();

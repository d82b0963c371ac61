// Steps the buying tests share (not a test file itself: run.mjs runs *.test.mjs only).
import { goInApp } from './lib.mjs';

/** The accessible name of a seat of createShow's venue, e.g. seatName('A', '1', 3) = 'A 1열 3번, VIP, 150,000원'. */
export function seatName(section, row, number) {
  const grade = section === 'B' ? 'S, 80,000원' : row === '1' ? 'VIP, 150,000원' : 'R, 110,000원';
  return `${section} ${row}열 ${number}번, ${grade}`;
}

export const seat = (page, name) => page.getByRole('button', { name, exact: true });

/**
 * Opens a schedule's seat selection and waits until the map is drawn: in-app when the app is
 * open (the signed-in session stays in memory), else by loading the page.
 */
export async function openSeatMap(page, show, scheduleIndex = 0) {
  const path = `/shows/${show.performanceId}/schedules/${show.scheduleIds[scheduleIndex]}`;
  if (page.url().startsWith('http')) await goInApp(page, path);
  else await page.goto(path);
  await seat(page, seatName('A', '1', 1)).waitFor();
}

/** The hold id in a /checkout/:holdId URL. */
export const holdIdFromUrl = (url) => new URL(url).pathname.split('/').pop();

// The seat map follows the live seat status: a seat another buyer holds (here through the API)
// turns grey on an open map within a few seconds, without a reload.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, createShow, newAccount, newPage, startBrowser } from './lib.mjs';
import { openSeatMap, seat, seatName } from './buy-steps.mjs';

let browser;
let admin;
before(async () => ({ browser, admin } = await startBrowser()));
after(() => browser?.close());

test('a seat held elsewhere greys out on an open map without a reload, polled by seat status', async () => {
  const show = await createShow(admin);
  const page = await newPage(browser);
  const polls = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/schedules/')) polls.push({ path, etag: r.headers()['if-none-match'] });
  });
  await openSeatMap(page, show);
  const target = seat(page, seatName('B', '1', 2));
  assert.equal(await target.getAttribute('aria-disabled'), null);

  const other = await newAccount('박지훈');
  const held = await api('POST', `/schedules/${show.scheduleIds[0]}/holds`, { seatId: 'B-1-2' }, other.token);
  assert.equal(held.status, 201);
  const navigations = [];
  page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));
  const started = Date.now();
  await page.waitForFunction((label) => document.querySelector(`[aria-label="${label}"]`)?.getAttribute('aria-disabled') === 'true', seatName('B', '1', 2), { timeout: 8_000 });
  const seconds = (Date.now() - started) / 1000;
  assert.ok(seconds < 8, `greyed after ${seconds}s`);
  assert.deepEqual(navigations, [], 'no reload');
  // Only the compact status was polled (never the full map), sending back the last ETag.
  assert.ok(polls.length >= 2, `polls: ${polls.length}`);
  assert.ok(polls.every((p) => p.path.endsWith('/seat-status')), JSON.stringify(polls.slice(0, 3)));
  assert.ok(polls.slice(1).every((p) => p.etag), 'If-None-Match on every poll after the first');
  // The neighbour seat is still free; signed out, holding it asks to log in first and comes back.
  await seat(page, seatName('B', '1', 1)).click();
  await page.getByRole('button', { name: '좌석 선점하기' }).click();
  await page.waitForURL('**/login?next=**');
  assert.equal(new URL(page.url()).searchParams.get('next'), `/shows/${show.performanceId}/schedules/${show.scheduleIds[0]}`);
});

// Two buyers, two browsers, one seat, both press "좌석 선점하기" at once: exactly one reaches the
// checkout; the other reads why in Korean and sees the seat greyed out on its map.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createShow, newAccount, newPage, seatStatus, startBrowser, uiLogin } from './lib.mjs';
import { openSeatMap, seat, seatName } from './buy-steps.mjs';

let browser;
let admin;
before(async () => ({ browser, admin } = await startBrowser()));
after(() => browser?.close());

test('two buyers race for one seat: one holds it, the other is told and sees it taken', async () => {
  const show = await createShow(admin);
  const [a, b] = [await newAccount('김민지'), await newAccount('이서준')];
  const [pa, pb] = [await newPage(browser), await newPage(browser)];
  await Promise.all([uiLogin(pa, a), uiLogin(pb, b)]);
  await Promise.all([openSeatMap(pa, show), openSeatMap(pb, show)]);
  const name = seatName('A', '1', 2);
  await Promise.all([seat(pa, name).click(), seat(pb, name).click()]);
  await Promise.all([
    pa.getByRole('button', { name: '좌석 선점하기' }).click(),
    pb.getByRole('button', { name: '좌석 선점하기' }).click(),
  ]);

  // Each page either reaches the checkout or shows the conflict.
  const outcome = (p) => Promise.race([
    p.waitForURL('**/checkout/*', { timeout: 15_000 }).then(() => 'held'),
    p.getByRole('alert').filter({ hasText: '이미 다른 분이 선택한 좌석입니다' }).waitFor({ timeout: 15_000 }).then(() => 'lost'),
  ]);
  const results = await Promise.all([outcome(pa), outcome(pb)]);
  assert.deepEqual([...results].sort(), ['held', 'lost'], `outcomes: ${results}`);
  const loser = results[0] === 'lost' ? pa : pb;
  // Greyed at once on the loser's map (before any poll could show it) and not selectable.
  assert.equal(await seat(loser, name).getAttribute('aria-disabled'), 'true');
  assert.equal(await seat(loser, name).getAttribute('aria-pressed'), 'false');
  assert.equal(loser.url().includes('/checkout/'), false);
  assert.equal(await seatStatus(show.scheduleIds[0], 'A-1-2'), 'PENDING');
});

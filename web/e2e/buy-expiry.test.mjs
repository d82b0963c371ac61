// The hold's expiry on screen. The hold time is the booking.holdMinutes policy (1 minute here,
// restored afterwards); functions cache policies for PolicyCacheSeconds (5 s, the template's
// default that run.mjs's runner uses), so the test waits that long before holding.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, createShow, eventually, newAccount, newPage, seatStatus, startBrowser, uiLogin } from './lib.mjs';
import { holdIdFromUrl, openSeatMap, seat, seatName } from './buy-steps.mjs';

const POLICY = '/admin/policies/booking.holdMinutes';
const POLICY_CACHE_MS = 5_000;

let browser;
let admin;
before(async () => ({ browser, admin } = await startBrowser()));
after(() => browser?.close());

test('the checkout counts down to the hold’s end, then says it expired and the seat is free again', { timeout: 150_000 }, async () => {
  const policies = await api('GET', '/admin/policies', undefined, admin);
  const before = policies.body.items?.find?.((p) => p.key === 'booking.holdMinutes')?.value ?? 10;
  const show = await createShow(admin);
  const buyer = await newAccount();
  const page = await newPage(browser);
  try {
    assert.equal((await api('PUT', POLICY, { value: 1 }, admin)).status, 200);
    await new Promise((r) => setTimeout(r, POLICY_CACHE_MS + 1_000));
    await uiLogin(page, buyer);
    await openSeatMap(page, show);
    await seat(page, seatName('A', '2', 4)).click();
    await page.getByRole('button', { name: '좌석 선점하기' }).click();
    await page.waitForURL('**/checkout/*');
    const holdId = holdIdFromUrl(page.url());
    const hold = (await api('GET', `/holds/${holdId}`, undefined, buyer.token)).body;
    const left = Date.parse(hold.expiresAt) - Date.now();
    assert.ok(left <= 61_000, `a one-minute hold (${left} ms left)`);

    const timer = page.getByRole('timer');
    assert.match(await timer.innerText(), /남은 시간\s+[01]:\d\d/);
    await page.getByText('좌석 선점 시간이 만료되었습니다').waitFor({ timeout: left + 10_000 });
    assert.equal(await page.getByRole('timer').count(), 0);
    assert.equal(await page.getByRole('button', { name: '결제하기' }).count(), 0, 'no pay button after expiry');
    assert.equal(await page.getByRole('link', { name: '좌석 다시 선택하기' }).getAttribute('href'), `/shows/${show.performanceId}/schedules/${show.scheduleIds[0]}`);
    await eventually(() => seatStatus(show.scheduleIds[0], 'A-2-4'), (st) => st === 'AVAILABLE', 20_000, 'seat A-2-4 AVAILABLE');
    assert.equal((await api('GET', `/holds/${holdId}`, undefined, buyer.token)).body.status, 'EXPIRED');
  } finally {
    await api('PUT', POLICY, { value: before }, admin);
  }
});

// My bookings in the browser: both sorts in both directions; the detail with the receipt; the
// cancel dialog (deadline and refund stated) after which the seat is on sale again; and a booking
// inside the cancellation window, whose cancel button is disabled with the reason.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  adminToken, api, bookViaApi, createShow, eventually, goInApp, launch, newAccount, newPage, PHONE, screenshot, seatStatus, uiLogin, uniqueToken,
} from './lib.mjs';

let browser;
let admin;
before(async () => {
  browser = await launch();
  admin = await adminToken();
});
after(async () => { await browser?.close(); });

const titles = (page) => page.locator('.booking-row .booking-title').allTextContents();

/** Waits until the list shows `want` (the date order reads a GSI, eventually consistent). */
async function listShows(page, sortValue, want) {
  await page.getByLabel('정렬').selectOption(sortValue);
  await eventually(async () => {
    if ((await titles(page)).join('|') !== want.join('|')) {
      // Re-read: pick the same sort again through the URL the select writes.
      await goInApp(page, '/');
      await goInApp(page, `/my/bookings?sort=${sortValue.split('-')[0]}&order=${sortValue.split('-')[1]}`);
      await page.locator('.booking-row').first().waitFor({ timeout: 5000 }).catch(() => undefined);
    }
    return titles(page);
  }, (t) => t.join('|') === want.join('|'), 20_000, `${sortValue}: ${want.join(', ')}`);
}

test('my bookings sort by booking date and by title, both ways', async () => {
  const token = uniqueToken();
  // Booked in the order 나, 가, 다: neither date order is a title order.
  const names = [`나 공연 ${token}`, `가 공연 ${token}`, `다 공연 ${token}`];
  const shows = [];
  for (const title of names) shows.push(await createShow(admin, { title }));
  const buyer = await newAccount('송지아');
  for (const s of shows) await bookViaApi(buyer, s.scheduleIds[0], 'A-1-1');

  const page = await newPage(browser);
  await uiLogin(page, buyer);
  await page.getByRole('link', { name: '내 예매' }).click();
  await page.getByRole('heading', { name: '내 예매' }).waitFor();

  await listShows(page, 'bookedAt-desc', [names[2], names[1], names[0]]);
  await listShows(page, 'bookedAt-asc', [names[0], names[1], names[2]]);
  await listShows(page, 'title-asc', [names[1], names[0], names[2]]);
  await listShows(page, 'title-desc', [names[2], names[0], names[1]]);
  assert.match(page.url(), /sort=title&order=desc/);

  const row = page.locator('.booking-row').first();
  const text = await row.textContent();
  assert.match(text, /예매 완료/);
  assert.match(text, /테스트홀/);
  await row.filter({ hasText: '152,000원' }).waitFor();
  await row.filter({ hasText: 'A' }).waitFor();
  await screenshot(page, 'desktop-my-bookings');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'phone-my-bookings');
  await page.context().close();
});

test('더 보기 follows the cursor: 11 bookings are two pages of the list', async () => {
  // One seat per schedule and user: one show with 11 schedules gives one buyer 11 bookings.
  const show = await createShow(admin, { days: [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] });
  const buyer = await newAccount('배하준');
  for (const scheduleId of show.scheduleIds) await bookViaApi(buyer, scheduleId, 'B-1-2');
  const page = await newPage(browser);
  await uiLogin(page, buyer);
  await goInApp(page, '/my/bookings?sort=bookedAt&order=asc');
  const rows = page.locator('.booking-row');
  await eventually(async () => {
    await goInApp(page, '/');
    await goInApp(page, '/my/bookings?sort=bookedAt&order=asc');
    await rows.first().waitFor({ timeout: 5000 }).catch(() => undefined);
    await page.getByRole('button', { name: '더 보기' }).waitFor({ timeout: 3000 }).catch(() => undefined);
    return { rows: await rows.count(), more: await page.getByRole('button', { name: '더 보기' }).count() };
  }, (v) => v.rows === 10 && v.more === 1, 30_000, 'a first page of 10 with 더 보기');
  await page.getByRole('button', { name: '더 보기' }).click();
  await eventually(() => rows.count(), (n) => n === 11, 10_000, '11 rows after 더 보기');
  assert.equal(await page.getByRole('button', { name: '더 보기' }).count(), 0, 'the last page has no 더 보기');
  const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-booking-id')));
  assert.equal(new Set(ids).size, 11, 'no booking twice');
  await page.context().close();
});

test('a booking’s detail shows the receipt; cancel states deadline and refund, and the seat comes back', async () => {
  const show = await createShow(admin);
  const [scheduleId] = show.scheduleIds;
  const buyer = await newAccount('장예린');
  const booking = await bookViaApi(buyer, scheduleId, 'A-1-2');
  assert.equal(await seatStatus(scheduleId, 'A-1-2'), 'BOOKED');

  const page = await newPage(browser);
  await uiLogin(page, buyer);
  // The seat map (buy's screen) shows the booked seat taken.
  const seatOnMap = page.locator('[data-seat-id="A-1-2"]');
  await goInApp(page, `/shows/${show.performanceId}/schedules/${scheduleId}`);
  await seatOnMap.waitFor();
  await eventually(() => seatOnMap.getAttribute('aria-disabled'), (v) => v === 'true', 15_000, 'A-1-2 taken on the map');

  await goInApp(page, `/my/bookings/${booking.bookingId}`);
  await page.locator('.receipt .total').waitFor();
  const info = await page.locator('.facts').first().textContent();
  for (const want of ['예매번호', show.title, '관람일시', '공연장', 'VIP석', '150,000원', '2,000원', '152,000원', '결제수단', '결제일시', '예매 완료', '까지 취소 가능']) {
    assert.ok(info.includes(want), `detail shows ${want}: ${info}`);
  }
  const receipt = await page.locator('.receipt').textContent();
  assert.match(receipt, /합계152,000원/);
  assert.match(receipt, /장예린/);

  const detail = (await api('GET', `/bookings/${booking.bookingId}`, undefined, buyer.token)).body;
  const deadline = new Intl.DateTimeFormat('ko-KR', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(detail.cancellableUntil)).reduce((o, p) => ({ ...o, [p.type]: p.value }), {});
  const deadlineText = `${deadline.year}년 ${deadline.month}월 ${deadline.day}일 ${deadline.hour}:${deadline.minute}까지 취소 가능`;

  await page.getByRole('button', { name: '예매 취소' }).click();
  const dialog = page.getByRole('dialog', { name: '예매를 취소할까요?' });
  await dialog.waitFor();
  const said = await dialog.textContent();
  assert.ok(said.includes(deadlineText), `the dialog states ${deadlineText}: ${said}`);
  assert.ok(said.includes('환불 금액: 152,000원'), said);
  // Modal: focus stays in the dialog.
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.querySelector('dialog')?.contains(document.activeElement)), 'focus stays in the dialog');
  await screenshot(page, 'desktop-cancel-dialog');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'phone-cancel-dialog');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await seatStatus(scheduleId, 'A-1-2'), 'BOOKED', 'closing the dialog cancels nothing');

  await page.getByRole('button', { name: '예매 취소' }).click();
  await dialog.getByRole('button', { name: '예매 취소하기' }).click();
  await dialog.getByRole('status').waitFor({ timeout: 30_000 });
  assert.match(await dialog.getByRole('status').textContent(), /취소되었습니다|취소가 접수되었습니다/);
  await dialog.getByRole('button', { name: '확인' }).click();

  await eventually(() => seatStatus(scheduleId, 'A-1-2'), (s) => s === 'AVAILABLE', 30_000, 'seat AVAILABLE again');
  await eventually(async () => {
    await goInApp(page, '/my/bookings');
    await goInApp(page, `/my/bookings/${booking.bookingId}`);
    await page.locator('.facts').first().waitFor();
    return page.locator('.facts').first().textContent();
  }, (t) => t.includes('상태취소') && t.includes('환불 완료'), 20_000, 'detail says 취소 and 환불 완료');
  assert.ok(await page.getByRole('button', { name: '예매 취소' }).isDisabled());
  assert.match(await page.locator('#cancel-why').textContent(), /이미 취소된 예매입니다/);

  // Back on the seat map the seat is selectable again.
  await goInApp(page, `/shows/${show.performanceId}/schedules/${scheduleId}`);
  await seatOnMap.waitFor();
  await eventually(() => seatOnMap.getAttribute('aria-disabled'), (v) => v === null, 20_000, 'A-1-2 free on the map');

  // The seat is selectable again for someone else.
  const next = await newAccount('다른사람');
  const hold = await api('POST', `/schedules/${scheduleId}/holds`, { seatId: 'A-1-2' }, next.token);
  assert.equal(hold.status, 201, JSON.stringify(hold.body));
  await page.context().close();
});

test('inside the cancellation window the cancel button is disabled with the reason', async () => {
  // 0.5 day + 3 h ahead (createShow adds 3 h): 15 h before the show, past the 24 h deadline.
  const show = await createShow(admin, { days: [0.5] });
  const buyer = await newAccount('임태양');
  const booking = await bookViaApi(buyer, show.scheduleIds[0], 'B-1-1');
  const page = await newPage(browser, PHONE);
  await uiLogin(page, buyer);
  await goInApp(page, `/my/bookings/${booking.bookingId}`);
  const button = page.getByRole('button', { name: '예매 취소' });
  await button.waitFor();
  assert.ok(await button.isDisabled());
  const why = await page.locator('#cancel-why').textContent();
  assert.match(why, /^공연 24시간 전부터는 취소할 수 없습니다\. \(취소 마감: \d{4}년 \d{2}월 \d{2}일 \d{2}:\d{2}\)$/);
  assert.equal(await button.getAttribute('aria-describedby'), 'cancel-why');
  assert.match(await page.locator('.facts').first().textContent(), /취소 마감\d{4}년 \d{2}월 \d{2}일 \d{2}:\d{2} \(마감\)/);
  await page.locator('.cancel-box').scrollIntoViewIfNeeded();
  await screenshot(page, 'phone-booking-detail');
  // The API agrees: the buyer's cancel is refused.
  const refused = await api('POST', `/bookings/${booking.bookingId}/cancel`, {}, buyer.token);
  assert.equal(refused.status, 409);
  assert.equal(refused.body.code, 'CANCELLATION_WINDOW_CLOSED');
  await page.context().close();
});

// The whole purchase in a browser: sign-up → list → search → show page → calendar → seat map →
// hold → checkout → the Toss sandbox window → success page with the receipt; then the API agrees.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, createShow, goInApp, login, newPage, screenshot, seatStatus, startBrowser, uiSignup } from './lib.mjs';
import { holdIdFromUrl, seat, seatName } from './buy-steps.mjs';

let browser;
let admin;
before(async () => ({ browser, admin } = await startBrowser()));
after(() => browser?.close());

test('a new buyer signs up, finds a show, holds a seat, pays in the payment window and sees the receipt', async () => {
  const show = await createShow(admin);
  const page = await newPage(browser);
  const scriptErrors = [];
  page.on('pageerror', (e) => scriptErrors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && scriptErrors.push(m.text()));
  const details = await uiSignup(page);
  const buyer = { ...details, token: await login(details.email, details.password) };

  await goInApp(page, '/');
  await page.getByRole('heading', { level: 2 }).first().waitFor();
  await screenshot(page, 'desktop-list');
  await page.getByLabel('공연명').fill(show.token);
  await page.getByRole('button', { name: '검색' }).click();
  await page.waitForURL((u) => u.searchParams.get('q') === show.token);
  const cards = page.getByRole('list', { name: '공연 목록' }).getByRole('listitem');
  await assert.doesNotReject(cards.first().waitFor());
  assert.equal(await cards.count(), 1, 'the search finds exactly the new show');
  // The filters live in the URL: back shows the unfiltered list, forward the search again.
  await page.goBack();
  await page.waitForURL((u) => !u.searchParams.has('q'));
  const searchBoxShows = (value) => page.waitForFunction((v) => document.getElementById('f-q')?.value === v, value, { timeout: 5_000 });
  await searchBoxShows('');
  await page.goForward();
  await page.waitForURL((u) => u.searchParams.get('q') === show.token);
  await searchBoxShows(show.token);
  await cards.first().waitFor();
  assert.equal(await cards.count(), 1);
  await page.getByRole('heading', { name: show.title }).click();

  await page.waitForURL(`**/shows/${show.performanceId}`);
  await page.getByRole('heading', { level: 1, name: show.title }).waitFor();
  const slot = page.getByRole('link', { name: /잔여 10석/ });
  await slot.waitFor();
  await screenshot(page, 'desktop-show');
  await slot.click();

  await page.waitForURL(`**/schedules/${show.scheduleIds[0]}`);
  const a13 = seat(page, seatName('A', '1', 3));
  await a13.click();
  assert.equal(await a13.getAttribute('aria-pressed'), 'true');
  await page.getByText('150,000원').first().waitFor();
  await screenshot(page, 'desktop-seatmap');
  await page.getByRole('button', { name: '좌석 선점하기' }).click();

  await page.waitForURL('**/checkout/*');
  const holdId = holdIdFromUrl(page.url());
  const timer = page.getByRole('timer');
  await timer.waitFor();
  assert.match(await timer.innerText(), /남은 시간\s+(9|10):\d\d/);
  const hold = (await api('GET', `/holds/${holdId}`, undefined, buyer.token)).body;
  assert.equal(hold.seatId, 'A-1-3');
  // A code the policy does not know is refused at the field, in Korean, and the amount stays.
  await page.getByLabel('할인 코드').fill('NOSUCHCODE');
  await page.getByRole('button', { name: '적용' }).click();
  await page.getByText('유효하지 않은 할인 코드입니다.').waitFor();
  await page.getByLabel('할인 코드').fill('');
  await page.getByRole('radio', { name: '카드' }).check();
  await page.getByRole('row', { name: /총 결제 금액/ }).getByText(`${hold.amount.total.toLocaleString('ko-KR')}원`).waitFor();
  await screenshot(page, 'desktop-checkout');
  await page.getByRole('button', { name: '결제하기' }).click();

  // The sandbox payment window (another origin), then Toss's redirect back to /pay/success.
  await page.waitForURL('**/sandbox/window?**');
  assert.match(await page.content(), new RegExp(hold.amount.total.toLocaleString('en-US')));
  await page.getByRole('button', { name: '결제하기' }).click();
  await page.waitForURL('**/pay/success?**');
  await page.getByRole('heading', { name: '예매가 완료되었습니다' }).waitFor({ timeout: 20_000 });
  const receipt = page.getByRole('region', { name: '영수증' });
  const text = await receipt.innerText();
  assert.match(text, /A 1열 3번 \(VIP석\)/);
  assert.match(text, new RegExp(`${hold.amount.total.toLocaleString('ko-KR')}원`));
  assert.match(text, new RegExp(show.title));
  await screenshot(page, 'desktop-receipt');

  const booking = await api('GET', `/bookings/${holdId}`, undefined, buyer.token);
  assert.equal(booking.body.status, 'CONFIRMED');
  assert.equal(await seatStatus(show.scheduleIds[0], 'A-1-3'), 'BOOKED');
  assert.match(text, new RegExp(booking.body.bookingNumber ?? '.'));

  // A reload of the success page confirms again (idempotent) and shows the same booking.
  await page.reload();
  await page.getByRole('heading', { name: '예매가 완료되었습니다' }).waitFor({ timeout: 20_000 });
  assert.equal(await page.getByRole('link', { name: '예매 상세 보기' }).getAttribute('href'), `/my/bookings/${holdId}`);
  const mine = await api('GET', '/me/bookings', undefined, buyer.token);
  assert.equal(mine.body.items.filter((b) => b.bookingId === holdId).length, 1);
  assert.equal(mine.body.items.length, 1);
  assert.deepEqual(scriptErrors, [], 'no script errors and no CSP violations');
});

// A declined card in the payment window: the fail page explains it in Korean, the seat stays
// held, "다시 결제하기" pays again; Toss charged only the second attempt and one booking exists.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, createShow, newAccount, newPage, seatStatus, startBrowser, TOSS, uiLogin } from './lib.mjs';
import { holdIdFromUrl, openSeatMap, seat, seatName } from './buy-steps.mjs';

// The local stack's Toss test secret key (LocalService.TOSS_SECRET_KEY; the sandbox takes any test_sk_).
const TOSS_AUTH = `Basic ${Buffer.from('test_sk_local_sandbox_0000000000:').toString('base64')}`;
const tossOrder = async (orderId) => {
  const r = await fetch(`${TOSS}/v1/payments/orders/${orderId}`, { headers: { Authorization: TOSS_AUTH } });
  return { status: r.status, body: await r.json() };
};

let browser;
let admin;
before(async () => ({ browser, admin } = await startBrowser()));
after(() => browser?.close());

test('a declined card keeps the seat held, and paying again succeeds with one charge and one booking', async () => {
  const show = await createShow(admin);
  const buyer = await newAccount();
  const page = await newPage(browser);
  await uiLogin(page, buyer);
  await openSeatMap(page, show);
  await seat(page, seatName('B', '1', 1)).click();
  await page.getByRole('button', { name: '좌석 선점하기' }).click();
  await page.waitForURL('**/checkout/*');
  const holdId = holdIdFromUrl(page.url());
  await page.getByRole('button', { name: '결제하기' }).click();
  await page.waitForURL('**/sandbox/window?**');
  await page.getByRole('button', { name: '카드 승인 거절 (테스트)' }).click();

  await page.waitForURL('**/pay/fail?**');
  await page.getByRole('heading', { name: '결제가 완료되지 않았습니다' }).waitFor();
  assert.match(await page.getByRole('alert').first().innerText(), /카드사에서 결제를 거절했습니다/);
  await page.getByRole('timer').waitFor();
  const hold = (await api('GET', `/holds/${holdId}`, undefined, buyer.token)).body;
  assert.equal(hold.status, 'PENDING');
  assert.equal(hold.lastPaymentFailure?.code, 'REJECT_CARD_COMPANY');
  assert.equal(await seatStatus(show.scheduleIds[0], 'B-1-1'), 'PENDING');
  assert.equal((await tossOrder(hold.orderId)).status, 404, 'the declined attempt charged nothing');

  await page.getByRole('link', { name: '다시 결제하기' }).click();
  await page.waitForURL(`**/checkout/${holdId}`);
  await page.getByRole('button', { name: '결제하기' }).click();
  await page.waitForURL('**/sandbox/window?**');
  await page.getByRole('button', { name: '결제하기' }).click();
  await page.getByRole('heading', { name: '예매가 완료되었습니다' }).waitFor({ timeout: 20_000 });
  assert.match(await page.getByRole('region', { name: '영수증' }).innerText(), /B 1열 1번/);

  const order = await tossOrder(hold.orderId);
  assert.equal(order.status, 200);
  assert.equal(order.body.status, 'DONE');
  assert.equal(order.body.totalAmount, hold.amount.total);
  const mine = await api('GET', '/me/bookings', undefined, buyer.token);
  assert.equal(mine.body.items.length, 1);
  assert.equal(mine.body.items[0].bookingId, holdId);
  assert.equal(await seatStatus(show.scheduleIds[0], 'B-1-1'), 'BOOKED');
});

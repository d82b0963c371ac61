// The admin screens in the browser: a policy changed in the table shows in the audit trail, a
// feature switch flips, a schedule's bookings are found from the show and cancelled with a
// reason; a USER opening /manage is told 권한이 없습니다.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  ADMIN, adminToken, api, bookViaApi, createShow, eventually, goInApp, launch, newAccount, newPage, screenshot, seatStatus, uiLogin,
} from './lib.mjs';

const KEY = 'rateLimit.ipPer10Seconds';
let browser;
let admin;
let original;
before(async () => {
  browser = await launch();
  admin = await adminToken();
  original = (await api('GET', '/admin/policies', undefined, admin)).body.items.find((p) => p.key === KEY).value;
});
after(async () => {
  // Put the service back as the other test files expect it.
  await api('PUT', `/admin/policies/${KEY}`, { value: original }, admin);
  await api('PUT', '/admin/policies/feature.maintenance', { value: false }, admin);
  await browser?.close();
});

const adminAccount = { ...ADMIN, name: '관리자' };

async function adminPage(opts) {
  const page = await newPage(browser, opts);
  const me = await api('GET', '/me', undefined, admin);
  await uiLogin(page, { ...adminAccount, name: me.body.name });
  await page.getByRole('link', { name: '관리', exact: true }).click();
  await page.getByRole('heading', { name: '운영 정책' }).waitFor();
  return page;
}

test('an admin changes a policy in the table and sees it in the audit trail', async () => {
  const page = await adminPage();
  const row = page.locator(`tr[data-key="${KEY}"]`);
  await row.getByRole('button', { name: /변경$/ }).click();
  const input = row.getByRole('textbox');
  assert.equal(await input.inputValue(), String(original));

  await input.fill('0');
  await row.getByRole('button', { name: '저장' }).click();
  await row.locator('.field-error').filter({ hasText: '1부터 1000000까지 입력할 수 있습니다.' }).waitFor();

  const value = original === 1000 ? 1001 : 1000;
  await input.fill(String(value));
  await row.getByRole('button', { name: '저장' }).click();
  await row.locator('.policy-value').filter({ hasText: String(value) }).waitFor();
  assert.match(await row.textContent(), /관리자 설정/);
  const stored = (await api('GET', '/admin/policies', undefined, admin)).body.items.find((p) => p.key === KEY);
  assert.equal(stored.value, value);
  assert.equal(stored.source, 'TABLE');

  await page.getByLabel('정책', { exact: true }).selectOption(KEY);
  const first = page.locator('table.audit tbody tr').first();
  await first.filter({ hasText: KEY }).waitFor();
  const cells = await first.locator('td').allTextContents();
  assert.equal(cells[1], KEY);
  assert.match(cells[2], new RegExp(`^${original}`));
  assert.equal(cells[3], String(value));
  const audit = (await api('GET', `/admin/policy-audit?key=${KEY}&size=1`, undefined, admin)).body.items[0];
  assert.equal(audit.newValue, value);
  assert.equal(cells[4], audit.changedBy.slice(0, 8));
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'desktop-admin-policies');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'phone-admin-policies');
  await page.context().close();
});

test('an admin finds a schedule from its show and cancels a booking with a reason', async () => {
  const show = await createShow(admin);
  const [scheduleId] = show.scheduleIds;
  const a = await newAccount('고객일');
  const b = await newAccount('고객이');
  const first = await bookViaApi(a, scheduleId, 'A-2-1');
  await bookViaApi(b, scheduleId, 'B-1-2');

  const page = await adminPage();
  await page.getByLabel('공연 검색').fill(show.token);
  await page.getByRole('button', { name: '검색', exact: true }).click();
  await eventually(async () => {
    if (await page.getByRole('button', { name: show.title }).count()) return true;
    await page.getByRole('button', { name: '검색', exact: true }).click();
    await new Promise((r) => setTimeout(r, 500));
    return false;
  }, (ok) => ok, 15_000, 'the show is found');
  await page.getByRole('button', { name: show.title }).click();
  await page.getByRole('link', { name: /회차 예매 보기$/ }).click();
  await page.waitForURL(`**/manage/schedules/${scheduleId}`);

  const rows = page.locator('table.schedule-bookings tbody tr');
  await eventually(async () => {
    if ((await rows.count()) < 2) {
      await page.getByLabel('상태').selectOption('CANCELLED');
      await page.getByLabel('상태').selectOption('');
    }
    return rows.count();
  }, (n) => n === 2, 20_000, 'two bookings listed');
  const row = page.locator(`tr[data-booking-id="${first.bookingId}"]`);
  assert.match(await row.textContent(), /고객일.*R.*112,000원/);
  await row.getByRole('button', { name: /취소$/ }).click();
  const dialog = page.getByRole('dialog', { name: '관리자 취소' });
  await dialog.getByRole('button', { name: '취소하고 환불' }).click();
  await dialog.locator('.field-error').filter({ hasText: '취소 사유를 1~200자로 입력해 주세요.' }).waitFor();
  await dialog.getByLabel('취소 사유').fill('공연 취소로 인한 환불');
  await dialog.getByRole('button', { name: '취소하고 환불' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 30_000 });

  await eventually(() => seatStatus(scheduleId, 'A-2-1'), (s) => s === 'AVAILABLE', 30_000, 'seat back on sale');
  const booking = (await api('GET', `/bookings/${first.bookingId}`, undefined, a.token)).body;
  assert.equal(booking.cancellation.byAdmin, true);
  assert.equal(booking.cancellation.reason, '공연 취소로 인한 환불');
  await eventually(async () => {
    await page.getByLabel('상태').selectOption('CANCELLED');
    return page.locator('table.schedule-bookings tbody tr').allTextContents();
  }, (t) => t.length === 1 && t[0].includes('고객일') && t[0].includes('취소'), 20_000, 'listed as cancelled');
  await page.context().close();
});

test('a USER opening /manage is told 권한이 없습니다', async () => {
  const user = await newAccount('일반회원');
  const page = await newPage(browser);
  await uiLogin(page, user);
  assert.equal(await page.getByRole('link', { name: '관리', exact: true }).count(), 0, 'no admin link for a USER');
  await goInApp(page, '/manage');
  await page.getByRole('heading', { name: '권한이 없습니다' }).waitFor();
  await goInApp(page, '/manage/schedules/anything');
  await page.getByRole('heading', { name: '권한이 없습니다' }).waitFor();
  assert.equal((await api('GET', '/admin/policies', undefined, user.token)).status, 403);
  await page.context().close();
});

test('a feature switch is stored and audited', async () => {
  const page = await adminPage();
  try {
    const sw = page.getByRole('switch', { name: '점검 모드' });
    assert.equal(await sw.isChecked(), false);
    await sw.click();
    await eventually(() => sw.isChecked(), (c) => c, 5000, 'switch shows on');
    await eventually(async () => (await api('GET', '/admin/policies', undefined, admin)).body.items.find((p) => p.key === 'feature.maintenance').value,
      (v) => v === true, 10_000, 'maintenance on');
    await sw.click();
    await eventually(() => sw.isChecked(), (c) => !c, 10_000, 'switch shows off');
    await eventually(async () => (await api('GET', '/admin/policies', undefined, admin)).body.items.find((p) => p.key === 'feature.maintenance').value,
      (v) => v === false, 10_000, 'maintenance off');
    // The trail reloads after each change: the newest row is the switch back off.
    const cells = await eventually(() => page.locator('table.audit tbody tr').first().locator('td').allTextContents(),
      (c) => c[1] === 'feature.maintenance' && c[3] === '꺼짐', 10_000, 'the audit shows the switch back off');
    assert.equal(cells[2], '켜짐');
  } finally {
    await api('PUT', '/admin/policies/feature.maintenance', { value: false }, admin);
    // Functions keep policies for PolicyCacheSeconds (5 s): let "off" reach them all.
    await new Promise((r) => setTimeout(r, 6000));
    await page.context().close();
  }
});

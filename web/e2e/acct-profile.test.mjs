// The profile screen: name and phone through PATCH /me (the header follows the new name), the
// password with the current one (a wrong one is said at 현재 비밀번호), errors at their fields.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, goInApp, launch, newAccount, newPage, PHONE, screenshot, uiLogin } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('name and phone are changed, the header follows, a taken phone is said at the field', async () => {
  const account = await newAccount('김민지');
  const other = await newAccount('오세훈');
  const page = await newPage(browser);
  await uiLogin(page, account);
  await goInApp(page, '/account');
  assert.equal(await page.getByLabel('이름').inputValue(), '김민지');
  assert.equal(await page.getByLabel('휴대폰 번호').inputValue(), account.phone);

  await page.getByLabel('휴대폰 번호').fill(other.phone);
  await page.getByRole('button', { name: '저장' }).click();
  await page.locator('#f-phone-err').filter({ hasText: '이미 가입된 휴대폰 번호입니다.' }).waitFor();

  await page.getByLabel('휴대폰 번호').fill('010-12');
  await page.getByRole('button', { name: '저장' }).click();
  await page.locator('#f-phone-err').filter({ hasText: '010-XXXX-XXXX' }).waitFor();

  const n = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const phone = `010-${n.slice(0, 4)}-${n.slice(4)}`;
  await page.getByLabel('이름').fill('김민지2');
  await page.getByLabel('휴대폰 번호').fill(phone);
  await page.getByRole('button', { name: '저장' }).click();
  await page.getByRole('status').filter({ hasText: '저장되었습니다.' }).waitFor();
  await page.getByRole('link', { name: '김민지2님' }).waitFor();
  const me = await api('GET', '/me', undefined, account.token);
  assert.equal(me.body.name, '김민지2');
  assert.equal(me.body.phone, phone);
  await screenshot(page, 'desktop-account');
  await page.context().close();
});

test('the password needs the right current one; the new one logs in', async () => {
  const account = await newAccount('윤서아');
  const page = await newPage(browser, PHONE);
  await uiLogin(page, account);
  await goInApp(page, '/account');
  await page.getByLabel('새 비밀번호').fill('n3w-Passw0rd!');
  await page.getByRole('button', { name: '저장' }).click();
  await page.locator('#f-currentPassword-err').filter({ hasText: '현재 비밀번호를 입력해 주세요.' }).waitFor();

  await page.getByLabel('현재 비밀번호').fill('not-the-Passw0rd!');
  await page.getByRole('button', { name: '저장' }).click();
  await page.locator('#f-currentPassword-err').filter({ hasText: '현재 비밀번호가 올바르지 않습니다.' }).waitFor();
  assert.equal((await api('POST', '/auth/login', { email: account.email, password: 'n3w-Passw0rd!' })).status, 401, 'nothing changed');

  await page.getByLabel('현재 비밀번호').fill(account.password);
  await page.getByRole('button', { name: '저장' }).click();
  await page.getByRole('status').filter({ hasText: '저장되었습니다.' }).waitFor();
  assert.equal(await page.getByLabel('현재 비밀번호').inputValue(), '', 'the password fields are emptied');
  assert.equal((await api('POST', '/auth/login', { email: account.email, password: 'n3w-Passw0rd!' })).status, 200);
  assert.equal((await api('POST', '/auth/login', { email: account.email, password: account.password })).status, 401);
  await page.context().close();
});

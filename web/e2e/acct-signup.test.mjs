// Sign-up in the browser: the service's rules at the field they concern, in Korean, before
// sending (a bad phone) and from the API (a taken email); a good sign-up logs in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fillSignup, launch, newAccount, newPage, PASSWORD, PHONE, screenshot, uniqueToken } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The message under a field (its aria-describedby error), or null. */
async function fieldError(page, label) {
  const input = page.getByLabel(label);
  const id = await input.getAttribute('id');
  const err = page.locator(`#${id}-err`);
  return (await err.count()) ? err.textContent() : null;
}

test('a bad phone and a weak password are refused at their fields before sending', async () => {
  const page = await newPage(browser);
  let signups = 0;
  page.on('request', (r) => { if (r.url().endsWith('/auth/signup')) signups += 1; });
  await page.goto('/signup');
  await fillSignup(page, { name: '김민지', email: `${uniqueToken()}@example.com`, password: 'password', phone: '011-123-4567' });
  await page.getByRole('button', { name: '가입하기' }).click();
  await page.locator('.field-error').first().waitFor();
  assert.equal(await fieldError(page, '휴대폰 번호'), '휴대폰 번호는 010-XXXX-XXXX 형식으로 입력해 주세요.');
  assert.equal(await fieldError(page, '비밀번호'), '비밀번호는 8자 이상이며 영문, 숫자, 특수문자를 각각 하나 이상 포함해야 합니다.');
  assert.equal(await fieldError(page, '이메일'), null);
  assert.equal(await page.getByLabel('휴대폰 번호').getAttribute('aria-invalid'), 'true');
  assert.equal(signups, 0, 'nothing was sent');
  await screenshot(page, 'desktop-signup-errors');
  await page.context().close();
});

test('a taken email is shown at the email field, a taken phone at the phone field', async () => {
  const taken = await newAccount('이서준');
  const page = await newPage(browser, PHONE);
  await page.goto('/signup');
  await fillSignup(page, { name: '박지훈', email: taken.email.toUpperCase(), password: PASSWORD, phone: '010-0000-0001' });
  await page.getByRole('button', { name: '가입하기' }).click();
  await page.locator('#f-email-err').waitFor();
  assert.equal(await fieldError(page, '이메일'), '이미 가입된 이메일입니다.');
  assert.equal(await fieldError(page, '휴대폰 번호'), null);
  await screenshot(page, 'phone-signup-taken');

  await page.getByLabel('이메일').fill(`${uniqueToken()}@example.com`);
  await page.getByLabel('휴대폰 번호').fill(taken.phone.replaceAll('-', ''));
  assert.equal(await page.getByLabel('휴대폰 번호').inputValue(), taken.phone, 'digits are grouped as 010-XXXX-XXXX');
  await page.getByRole('button', { name: '가입하기' }).click();
  await page.locator('#f-phone-err').waitFor();
  assert.equal(await fieldError(page, '휴대폰 번호'), '이미 가입된 휴대폰 번호입니다.');
  assert.equal(await fieldError(page, '이메일'), null);
  await page.context().close();
});

test('a good sign-up logs in and goes on to `next`', async () => {
  const page = await newPage(browser);
  await page.goto('/signup?next=%2Fmy%2Fbookings');
  const n = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  await fillSignup(page, { name: '최유나', email: `${uniqueToken()}@example.com`, password: PASSWORD, phone: `010-${n.slice(0, 4)}-${n.slice(4)}` });
  await page.getByRole('button', { name: '가입하기' }).click();
  await page.getByRole('link', { name: '최유나님' }).waitFor();
  await page.waitForURL('**/my/bookings');
  await page.getByRole('heading', { name: '내 예매' }).waitFor();
  await page.context().close();
});

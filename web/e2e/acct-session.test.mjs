// The session in the browser: the access token lives in memory only, the refresh token in the
// API's HttpOnly cookie. A reload asks /auth/refresh with {} and stays logged in; logout revokes
// and clears the cookie, so a reload stays logged out and the old cookie no longer refreshes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, launch, newAccount, newPage, uiLogin } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** POST /auth/refresh with an empty JSON body and `cookie` (the browser's way), outside the browser. */
function refreshWithCookie(cookie) {
  return fetch(`${BASE}/auth/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', Cookie: `refresh_token=${cookie}` },
    body: '{}',
  });
}

test('login → reload keeps the session through the cookie; logout → reload stays logged out and the old cookie is dead', async () => {
  const account = await newAccount('정하은');
  const page = await newPage(browser);
  await uiLogin(page, account);

  const cookies = await page.context().cookies();
  const refresh = cookies.find((c) => c.name === 'refresh_token');
  assert.ok(refresh, `the login set the refresh cookie (cookies: ${cookies.map((c) => c.name).join(', ') || 'none'})`);
  assert.equal(refresh.httpOnly, true);
  assert.equal(refresh.sameSite, 'Strict');
  assert.equal(refresh.path, '/auth');
  assert.equal(refresh.secure, true);
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!/eyJ/.test(storage), 'no token in web storage');

  await page.reload();
  await page.getByRole('link', { name: '정하은님' }).waitFor();
  await page.goto('/account');
  await page.getByRole('heading', { name: '내 정보' }).waitFor();
  const rotated = (await page.context().cookies()).find((c) => c.name === 'refresh_token');
  assert.ok(rotated && rotated.value !== refresh.value, 'the refresh rotated the cookie');

  await page.getByRole('button', { name: '로그아웃' }).click();
  await page.getByRole('link', { name: '로그인' }).waitFor();
  assert.equal((await page.context().cookies()).find((c) => c.name === 'refresh_token'), undefined, 'logout cleared the cookie');

  await page.reload();
  await page.getByRole('link', { name: '로그인' }).waitFor();
  assert.equal(await page.getByRole('link', { name: '정하은님' }).count(), 0);
  await page.goto('/account');
  await page.waitForURL('**/login?next=%2Faccount');

  const old = await refreshWithCookie(rotated.value);
  assert.equal(old.status, 401, `the revoked cookie no longer refreshes: ${old.status} ${await old.text()}`);
  await page.context().close();
});

test('a private screen sends a signed-out visitor to login and back', async () => {
  const account = await newAccount('한도윤');
  const page = await newPage(browser);
  await page.goto('/my/bookings?sort=title&order=asc');
  await page.waitForURL('**/login?next=*');
  await page.getByLabel('이메일').fill(account.email);
  await page.getByLabel('비밀번호').fill('wrong-Passw0rd!');
  await page.getByRole('button', { name: '로그인' }).click();
  await page.getByRole('alert').filter({ hasText: '이메일 또는 비밀번호가 올바르지 않습니다.' }).waitFor();
  await page.getByLabel('비밀번호').fill(account.password);
  await page.getByRole('button', { name: '로그인' }).click();
  await page.waitForURL('**/my/bookings?sort=title&order=asc');
  assert.equal(await page.getByLabel('정렬').inputValue(), 'title-asc');
  await page.context().close();
});

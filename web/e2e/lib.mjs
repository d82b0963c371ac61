// Shared pieces of the browser tests: Chromium through playwright-core, the API for setting up
// data (as the local admin), and fresh accounts. Every test creates its own show so that tests
// never compete for seats with each other or with the demo catalog.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.BASE_URL ?? 'http://localhost:3000';
export const TOSS = process.env.TOSS_URL ?? 'http://localhost:5070';
export const ADMIN = { email: 'admin@tickets.local', password: 'Admin!2345' };
export const PASSWORD = 'Passw0rd!e2e';

/** A headless Debian Chromium (root in CI needs --no-sandbox; Korean UI for the date pickers). Close it in `after`. */
export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--lang=ko-KR'] });
}

/** Chromium and the local admin's token, for a test file's `before` hook (close the browser in `after`). */
export async function startBrowser() {
  return { browser: await launch(), admin: await adminToken() };
}

export const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'ko-KR', timezoneId: 'Asia/Seoul' };
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ko-KR', timezoneId: 'Asia/Seoul' };

/** A page in its own context (own cookies), with the base URL set. */
export async function newPage(browser, options = DESKTOP) {
  const context = await browser.newContext({ ...options, baseURL: BASE });
  return context.newPage();
}

/** Saves a screenshot for the docs when SCREENSHOTS names a folder (the docs' images). */
export async function screenshot(page, name) {
  const dir = process.env.SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

/** Calls the API directly (set-up and checks, not the thing under test). */
export async function api(method, path, body, token) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export async function login(email, password) {
  const r = await api('POST', '/auth/login', { email, password });
  if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.accessToken;
}

export const adminToken = () => login(ADMIN.email, ADMIN.password);

export function uniqueToken() {
  return `e2e${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

let phones = Math.floor(Math.random() * 9_000_000);
/** Details no account has yet: { name, email, password, phone }. */
export function freshDetails(name = '김민지') {
  phones += 1;
  const n = 10_000_000 + (phones % 90_000_000);
  return { name, email: `${uniqueToken()}@example.com`, password: PASSWORD, phone: `010-${String(n).slice(0, 4)}-${String(n).slice(4, 8)}` };
}

/** A new account through the API: { email, password, phone, name, userId, token }. */
export async function newAccount(name = '김민지') {
  const details = freshDetails(name);
  const r = await api('POST', '/auth/signup', details);
  if (r.status !== 201) throw new Error(`signup: ${r.status} ${JSON.stringify(r.body)}`);
  return { ...details, userId: r.body.userId, token: await login(details.email, details.password) };
}

/** Fills the sign-up screen's fields (the page must be on /signup). */
export async function fillSignup(page, { name, email, password, phone }) {
  await page.getByLabel('이름').fill(name);
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('비밀번호').fill(password);
  await page.getByLabel('휴대폰 번호').fill(phone);
}

/** Signs up through the sign-up screen, which logs the new account in; answers its details. */
export async function uiSignup(page, name = '김민지') {
  const details = freshDetails(name);
  await page.goto('/signup');
  await fillSignup(page, details);
  await page.getByRole('button', { name: '가입하기' }).click();
  await page.getByRole('link', { name: `${name}님` }).waitFor();
  return details;
}

/** Logs in through the login screen and waits until the header shows the account. */
export async function uiLogin(page, account) {
  await page.goto('/login');
  await page.getByLabel('이메일').fill(account.email);
  await page.getByLabel('비밀번호').fill(account.password);
  await page.getByRole('button', { name: '로그인' }).click();
  await page.getByRole('link', { name: `${account.name}님` }).waitFor();
}

const iso = (ms) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const DAY = 86_400_000;

/**
 * A show on sale now in a 10-seat venue: section A rows 1 and 2 (4 seats each: VIP 150,000원,
 * R 110,000원), section B row 1 (2 seats, S 80,000원); schedules `days` days ahead (default one,
 * 10 days ahead, so a booking can be cancelled). Answers { performanceId, title, scheduleIds }.
 */
export async function createShow(admin, { days = [10], title } = {}) {
  const token = uniqueToken();
  const venue = await api('POST', '/admin/venues', {
    name: `테스트홀 ${token}`,
    address: '서울특별시 종로구 대학로 133',
    layout: { sections: [
      { name: 'A', rows: [{ row: '1', seats: 4 }, { row: '2', seats: 4 }] },
      { name: 'B', rows: [{ row: '1', seats: 2 }] },
    ] },
  }, admin);
  if (venue.status !== 201) throw new Error(`venue: ${venue.status} ${JSON.stringify(venue.body)}`);
  const now = Date.now();
  const perf = await api('POST', '/admin/performances', {
    title: title ?? `뮤지컬 테스트 ${token}`,
    genre: 'MUSICAL',
    venueId: venue.body.venueId,
    runningTimeMinutes: 150,
    thumbnailUrl: `https://cdn.tickets.example/posters/${token}.jpg`,
    description: '브라우저 테스트 공연',
    ticketingStartAt: iso(now - DAY),
    ticketingEndAt: iso(now + 60 * DAY),
    grades: [
      { name: 'VIP', color: '#D4AF37', price: 150000, rows: ['A-1'] },
      { name: 'R', color: '#C0392B', price: 110000, rows: ['A-2'] },
      { name: 'S', color: '#2980B9', price: 80000, rows: ['B-1'] },
    ],
    schedules: days.map((d) => ({ startAt: iso(now + d * DAY + 3 * 3_600_000) })),
  }, admin);
  if (perf.status !== 201) throw new Error(`performance: ${perf.status} ${JSON.stringify(perf.body)}`);
  return { performanceId: perf.body.performanceId, title: perf.body.title, scheduleIds: perf.body.schedules.map((s) => s.scheduleId), token };
}

/** Polls `read` until `done(value)`; fails with the last value after `ms`. */
export async function eventually(read, done, ms = 20_000, what = 'condition') {
  const until = Date.now() + ms;
  let last;
  while (Date.now() < until) {
    last = await read();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} not reached in ${ms} ms; last: ${JSON.stringify(last)}`);
}

/**
 * A confirmed booking made fast through the API (set-up, not the thing under test): hold →
 * checkout → the Toss sandbox's window played over HTTP for a paymentKey → confirm, then waits for
 * the booking. `account` is newAccount()'s; seat ids are `<section>-<row>-<n>` (e.g. `A-1-2`).
 * Answers { bookingId, total, scheduleId, seatId }.
 */
export async function bookViaApi(account, scheduleId, seatId) {
  const hold = await api('POST', `/schedules/${scheduleId}/holds`, { seatId }, account.token);
  if (hold.status !== 201) throw new Error(`hold ${seatId}: ${hold.status} ${JSON.stringify(hold.body)}`);
  const holdId = hold.body.holdId;
  const checkout = await api('POST', `/holds/${holdId}/checkout`, { method: 'CARD' }, account.token);
  if (checkout.status !== 200) throw new Error(`checkout: ${checkout.status} ${JSON.stringify(checkout.body)}`);
  const c = checkout.body;
  const q = new URLSearchParams({
    orderId: c.orderId, amount: String(c.amount.total), orderName: c.orderName, successUrl: c.successUrl, failUrl: c.failUrl, outcome: 'success',
  });
  const win = await fetch(`${TOSS}/sandbox/checkout?${q}`, { redirect: 'manual' });
  const location = win.headers.get('location');
  if (win.status !== 302 || !location) throw new Error(`sandbox window: ${win.status} ${await win.text()}`);
  const back = new URL(location).searchParams;
  const confirm = await api('POST', '/payments/confirm', {
    holdId, paymentKey: back.get('paymentKey'), orderId: back.get('orderId'), amount: Number(back.get('amount')),
  }, account.token);
  if (confirm.status !== 200 && confirm.status !== 202) throw new Error(`confirm: ${confirm.status} ${JSON.stringify(confirm.body)}`);
  await eventually(() => api('GET', `/bookings/${holdId}`, undefined, account.token), (r) => r.body?.status === 'CONFIRMED', 30_000, `booking ${holdId} CONFIRMED`);
  return { bookingId: holdId, total: c.amount.total, scheduleId, seatId };
}

/** A seat's status on the public seat map (AVAILABLE, HELD, BOOKED, PENDING …). */
export async function seatStatus(scheduleId, seatId) {
  const r = await api('GET', `/schedules/${scheduleId}/seats`);
  const seat = r.body?.seats?.find((s) => s.seatId === seatId);
  if (!seat) throw new Error(`no seat ${seatId} in ${scheduleId}: ${r.status}`);
  return seat.status;
}

/**
 * Opens an app path without reloading the page (the router follows popstate), as a click on an
 * in-app link does: the session stays in memory, so tests that are not about the refresh
 * cookie do not depend on it.
 */
export async function goInApp(page, path) {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

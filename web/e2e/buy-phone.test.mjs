// A phone-sized screen: the list, the show page and the seat map fit the width (no sideways
// page scroll); the map zooms in with its + button, a tap selects a seat, the hold works.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createShow, goInApp, newAccount, newPage, PHONE, screenshot, startBrowser, uiLogin } from './lib.mjs';
import { seat, seatName } from './buy-steps.mjs';

let browser;
let admin;
before(async () => ({ browser, admin } = await startBrowser()));
after(() => browser?.close());

const noSidewaysScroll = async (page) =>
  assert.deepEqual(await page.evaluate(() => [document.documentElement.scrollWidth <= window.innerWidth, window.innerWidth]), [true, 390]);

test('on a phone the list, the show and the seat map fit, the map zooms, and a tapped seat is held', async () => {
  const show = await createShow(admin);
  const buyer = await newAccount();
  const page = await newPage(browser, PHONE);
  await uiLogin(page, buyer);

  await goInApp(page, `/?q=${show.token}`);
  await page.getByRole('heading', { name: show.title }).waitFor();
  await noSidewaysScroll(page);
  await screenshot(page, 'phone-list');
  await page.getByRole('heading', { name: show.title }).tap();

  await page.getByRole('link', { name: /잔여 10석/ }).waitFor();
  await noSidewaysScroll(page);
  await page.getByRole('link', { name: /잔여 10석/ }).tap();

  const name = seatName('A', '2', 2);
  await seat(page, name).waitFor();
  await noSidewaysScroll(page);
  const map = await page.locator('svg.seatmap-svg').boundingBox();
  assert.ok(map.x >= 0 && map.x + map.width <= 390, `map ${JSON.stringify(map)}`);
  const before = await seat(page, name).boundingBox();
  await page.getByRole('button', { name: '확대' }).tap();
  await page.getByRole('button', { name: '확대' }).tap();
  const after = await seat(page, name).boundingBox();
  assert.ok(after.width > before.width * 2, `zoomed from ${before.width} to ${after.width} px`);
  assert.ok(after.width >= 24 && after.height >= 24, 'a tap target of at least 24 px');
  assert.ok(after.x >= 0 && after.x + after.width <= 390, 'the seat is on screen');
  await noSidewaysScroll(page);
  await seat(page, name).tap();
  assert.equal(await seat(page, name).getAttribute('aria-pressed'), 'true');
  await screenshot(page, 'phone-seatmap');
  await page.getByRole('button', { name: '좌석 선점하기' }).tap();
  await page.waitForURL('**/checkout/*');
  await page.getByRole('timer').waitFor();
  await noSidewaysScroll(page);
});

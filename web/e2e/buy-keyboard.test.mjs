// Keyboard only, from the page's top: Tab into the seat map, arrows to a seat, Enter selects it,
// Tab to "좌석 선점하기", Enter holds it; every seat is announced with its full label.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createShow, newAccount, newPage, startBrowser, uiLogin } from './lib.mjs';
import { openSeatMap, seatName } from './buy-steps.mjs';

let browser;
let admin;
before(async () => ({ browser, admin } = await startBrowser()));
after(() => browser?.close());

const focused = (page) => page.evaluate(() => ({
  label: document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '',
  role: document.activeElement?.getAttribute('role') ?? document.activeElement?.tagName.toLowerCase(),
  pressed: document.activeElement?.getAttribute('aria-pressed'),
}));

/** Presses Tab until `want` says the focused element is the one (at most 30 times). */
async function tabTo(page, want) {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (want(f)) return f;
  }
  throw new Error('not reached by Tab');
}

test('a seat is chosen and held with the keyboard alone', async () => {
  const show = await createShow(admin);
  const buyer = await newAccount();
  const page = await newPage(browser);
  await uiLogin(page, buyer);
  await openSeatMap(page, show);
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());

  // One tab stop for the whole map: the first free seat.
  const first = await tabTo(page, (f) => f.role === 'button' && / \d+열 \d+번, /.test(f.label));
  assert.equal(first.label, seatName('A', '1', 1));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal((await focused(page)).label, 'A 1열 3번, VIP, 150,000원');
  await page.keyboard.press('ArrowDown');
  assert.equal((await focused(page)).label, 'A 2열 3번, R, 110,000원');
  await page.keyboard.press('ArrowDown');
  assert.equal((await focused(page)).label, 'B 1열 2번, S, 80,000원', 'down to the nearest seat of the next line');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).pressed, 'true');
  const panel = page.getByRole('region', { name: '선택한 좌석' });
  assert.match(await panel.innerText(), /A 2열 2번[\s\S]*R석[\s\S]*110,000원/);

  // The next Tab leaves the map (one stop), on to the hold button.
  await tabTo(page, (f) => f.label.trim() === '좌석 선점하기');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/checkout/*');
  await page.getByRole('timer').waitFor();
  assert.match(await page.locator('main').innerText(), /A 2열 2번/);
});

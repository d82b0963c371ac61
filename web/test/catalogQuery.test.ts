import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiQuery, filterProblems, filtersFromQuery, filtersToQuery, periodText, saleState } from '../src/logic/catalogQuery.ts';
import { date } from '../src/logic/format.ts';

test('filters survive a round trip through the page URL, empty ones left out', () => {
  const f = filtersFromQuery(new URLSearchParams('q=레미&genre=MUSICAL&from=2026-12-01&to=2026-12-31&minPrice=50000&sort=name'));
  assert.equal(f.q, '레미');
  assert.equal(f.maxPrice, '');
  assert.equal(filtersToQuery(f), '?q=%EB%A0%88%EB%AF%B8&genre=MUSICAL&from=2026-12-01&to=2026-12-31&minPrice=50000&sort=name');
  assert.deepEqual(filtersFromQuery(new URLSearchParams(filtersToQuery(f).slice(1))), f);
  assert.equal(filtersToQuery(filtersFromQuery(new URLSearchParams(''))), '');
});

test('values the API would refuse are dropped from a hand-edited URL', () => {
  const f = filtersFromQuery(new URLSearchParams('genre=musical&from=12/01&minPrice=-5&sort=price'));
  assert.deepEqual([f.genre, f.from, f.minPrice, f.sort], ['', '', '', 'latest']);
});

test('the API query carries sort, size and the cursor but not the venue name', () => {
  const f = filtersFromQuery(new URLSearchParams('venueId=v-1&venueName=예술의전당'));
  assert.equal(apiQuery(f, 12, 'abc'), '?venueId=v-1&sort=latest&size=12&cursor=abc');
});

test('crossed ranges are explained before the API is asked', () => {
  const f = filtersFromQuery(new URLSearchParams('from=2026-12-10&to=2026-12-01&minPrice=9000&maxPrice=100'));
  assert.deepEqual(Object.keys(filterProblems(f)).sort(), ['maxPrice', 'to']);
  assert.deepEqual(filterProblems(filtersFromQuery(new URLSearchParams('from=2026-12-01&to=2026-12-01'))), {});
});

test('the period is two KST dates, or one for a single day', () => {
  assert.equal(periodText('2026-12-24T10:30:00Z', '2026-12-26T10:30:00Z', date), '2026년 12월 24일 ~ 2026년 12월 26일');
  assert.equal(periodText('2026-12-24T10:30:00Z', '2026-12-24T10:30:00Z', date), '2026년 12월 24일');
});

test('tickets are on sale from the window start, up to its end', () => {
  const [a, b] = ['2026-12-01T00:00:00Z', '2026-12-10T00:00:00Z'];
  assert.equal(saleState(a, b, Date.parse(a) - 1), 'BEFORE');
  assert.equal(saleState(a, b, Date.parse(a)), 'OPEN');
  assert.equal(saleState(a, b, Date.parse(b)), 'CLOSED');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMonths, byKstDay, initialMonth, monthGrid, monthTitle, utcMonthsFor } from '../src/logic/calendar.ts';

test('a month grid starts on Sunday and pads to whole weeks', () => {
  // December 2026 starts on a Tuesday and has 31 days: 2 + 31 = 33 cells, 5 weeks.
  const weeks = monthGrid('2026-12');
  assert.equal(weeks.length, 5);
  assert.deepEqual(weeks[0].slice(0, 3), [null, null, { date: '2026-12-01', day: 1 }]);
  assert.deepEqual(weeks[4][4], { date: '2026-12-31', day: 31 });
  assert.equal(weeks[4][5], null);
  assert.equal(monthGrid('2026-02').flat().filter(Boolean).length, 28);
  assert.equal(monthGrid('2028-02').flat().filter(Boolean).length, 29);
});

test('months step across years', () => {
  assert.equal(addMonths('2026-12', 1), '2027-01');
  assert.equal(addMonths('2026-01', -1), '2025-12');
  assert.equal(monthTitle('2027-01'), '2027년 1월');
});

test('the calendar opens on the first schedule still to come, else the last one', () => {
  const s = [{ startAt: '2026-11-30T10:00:00Z' }, { startAt: '2027-01-05T10:00:00Z' }];
  assert.equal(initialMonth(s, new Date('2026-12-02T00:00:00Z')), '2027-01');
  assert.equal(initialMonth(s, new Date('2027-02-01T00:00:00Z')), '2027-01');
  assert.equal(initialMonth([], new Date('2027-02-01T00:00:00Z')), '2027-02');
});

test('the calendar opens on the Korean month of that schedule', () => {
  // 16:00 UTC on 31 December is 01:00 KST on 1 January.
  assert.equal(initialMonth([{ startAt: '2026-12-31T16:00:00Z' }], new Date('2026-12-02T00:00:00Z')), '2027-01');
});

test('a Korean month reads its own UTC month and the one before', () => {
  assert.deepEqual(utcMonthsFor('2027-01'), ['2026-12', '2027-01']);
});

test('schedules are grouped by the KST day they start on, in start order, within the Korean month', () => {
  const schedules = [
    { id: 'late', startAt: '2027-01-01T10:00:00Z' }, // 19:00 KST, 1 January
    { id: 'early', startAt: '2026-12-31T16:00:00Z' }, // 01:00 KST, 1 January (UTC: 31 December)
    { id: 'december', startAt: '2026-12-31T14:59:00Z' }, // 23:59 KST, 31 December: not January
    { id: 'february', startAt: '2027-01-31T15:00:00Z' }, // 00:00 KST, 1 February: not January
  ];
  const days = byKstDay(schedules, '2027-01');
  assert.deepEqual([...days.keys()], ['2027-01-01']);
  assert.deepEqual(days.get('2027-01-01')!.map((s) => s.id), ['early', 'late']);
});

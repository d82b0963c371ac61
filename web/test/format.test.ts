import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countdown, date, dateTime, kstDay, won } from '../src/logic/format.ts';

test('money is grouped by thousands and ends in 원', () => {
  assert.equal(won(150000), '150,000원');
  assert.equal(won(0), '0원');
});

test('dates are shown as KST days, whatever the instant’s zone', () => {
  // 15:30 UTC on the 24th is already the 25th in Seoul.
  assert.equal(date('2026-12-24T15:30:00Z'), '2026년 12월 25일');
  assert.equal(date('2026-03-01'), '2026년 03월 01일');
  assert.equal(kstDay('2026-12-24T14:59:59Z'), '2026-12-24');
  assert.equal(kstDay('2026-12-24T15:00:00Z'), '2026-12-25');
});

test('date and time carry the Korean weekday and a 24-hour clock', () => {
  assert.equal(dateTime('2026-12-24T10:30:00Z'), '2026년 12월 24일 (목) 19:30');
});

test('the countdown rounds up to the second and never goes below zero', () => {
  assert.equal(countdown(9 * 60_000 + 41_200), '9:42');
  assert.equal(countdown(59_000), '0:59');
  assert.equal(countdown(-5_000), '0:00');
});

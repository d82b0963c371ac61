import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bookingsQuery, cancelState, parseSort, sortFromValue, sortValue, statusLabel, SORT_OPTIONS } from '../src/logic/bookings.ts';

test('statuses read in Korean', () => {
  assert.equal(statusLabel('CONFIRMED'), '예매 완료');
  assert.equal(statusLabel('CANCELLED'), '취소');
  assert.equal(statusLabel('REFUND_PENDING'), '환불 처리 중');
});

test('the list sorts by booking date or title in both directions, as the API names them', () => {
  assert.deepEqual(parseSort(new URLSearchParams('')), { sort: 'bookedAt', order: 'desc' });
  assert.deepEqual(parseSort(new URLSearchParams('sort=title')), { sort: 'title', order: 'asc' });
  assert.deepEqual(parseSort(new URLSearchParams('sort=title&order=desc')), { sort: 'title', order: 'desc' });
  assert.deepEqual(parseSort(new URLSearchParams('sort=price&order=up')), { sort: 'bookedAt', order: 'desc' });
  for (const o of SORT_OPTIONS) assert.equal(sortValue(sortFromValue(o.value)), o.value);
  assert.equal(bookingsQuery({ sort: 'title', order: 'asc' }, 10, 'abc.def'), 'sort=title&order=asc&size=10&cursor=abc.def');
  assert.equal(bookingsQuery({ sort: 'bookedAt', order: 'desc' }, 20, null), 'sort=bookedAt&order=desc&size=20');
});

test('a booking can be cancelled until its deadline, which is stated in KST', () => {
  const b = { status: 'CONFIRMED', scheduleStartAt: '2026-12-24T10:30:00Z', cancellableUntil: '2026-12-23T10:30:00Z' };
  const before = cancelState(b, new Date('2026-12-23T10:29:59Z'));
  assert.equal(before.allowed, true);
  assert.equal(before.deadline, '2026년 12월 23일 19:30까지 취소 가능');
  assert.equal(before.deadlineRow, before.deadline);
  const after = cancelState(b, new Date('2026-12-23T10:30:00Z'));
  assert.equal(after.allowed, false);
  assert.equal(after.reason, '공연 24시간 전부터는 취소할 수 없습니다. (취소 마감: 2026년 12월 23일 19:30)');
  assert.equal(after.deadlineRow, '2026년 12월 23일 19:30 (마감)');
});

test('the deadline text follows the cancellation-hours policy, and only confirmed bookings cancel', () => {
  const b = { status: 'CONFIRMED', scheduleStartAt: '2026-12-24T10:30:00Z', cancellableUntil: '2026-12-22T10:30:00Z' };
  assert.match(cancelState(b, new Date('2026-12-23T00:00:00Z')).reason ?? '', /^공연 48시간 전부터는/);
  assert.equal(cancelState({ ...b, status: 'CANCELLED' }, new Date('2026-12-01T00:00:00Z')).allowed, false);
  assert.equal(cancelState({ ...b, status: 'REFUND_PENDING' }, new Date('2026-12-01T00:00:00Z')).allowed, false);
});

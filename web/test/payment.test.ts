import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failText, holdIdOf, remainingMs, sandboxWindowUrl } from '../src/logic/payment.ts';

const params = {
  clientKey: 'test_ck_x', orderId: 'T-0197a1b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b', orderName: '레미제라블 1층 A열 3번', amount: 152000,
  method: 'CARD' as const, customerName: '김민지', customerEmail: 'minji@example.com',
  successUrl: 'http://localhost:3000/pay/success', failUrl: 'http://localhost:3000/pay/fail',
};

test('the sandbox window gets every value the SDK would, as query parameters', () => {
  const url = new URL(sandboxWindowUrl('http://localhost:5070/sandbox/window', params));
  assert.equal(url.origin + url.pathname, 'http://localhost:5070/sandbox/window');
  assert.deepEqual(Object.fromEntries(url.searchParams), { ...params, amount: '152000' });
  assert.ok(sandboxWindowUrl('http://x/w?a=1', params).startsWith('http://x/w?a=1&clientKey='));
});

test('a redirect names its hold through the order id', () => {
  assert.equal(holdIdOf('T-0197a1b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b'), '0197a1b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b');
  assert.equal(holdIdOf('0197a1b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b'), null);
  assert.equal(holdIdOf(null), null);
});

test('fail codes are explained in Korean, unknown ones generally', () => {
  assert.equal(failText('PAY_PROCESS_CANCELED'), '결제를 취소하셨습니다.');
  assert.match(failText('REJECT_CARD_COMPANY'), /카드사/);
  assert.equal(failText('SOMETHING_NEW'), '결제를 완료하지 못했습니다.');
});

test('the time left never goes below zero', () => {
  assert.equal(remainingMs('2026-12-02T00:10:00Z', Date.parse('2026-12-02T00:00:00Z')), 600_000);
  assert.equal(remainingMs('2026-12-02T00:10:00Z', Date.parse('2026-12-02T00:11:00Z')), 0);
});

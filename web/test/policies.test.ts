import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isFlag, parseValue, policyInfo, valueSummary, valueText } from '../src/logic/policies.ts';

test('integers are checked against the range each key accepts', () => {
  assert.deepEqual(parseValue('booking.holdMinutes', ' 15 '), { value: 15 });
  assert.deepEqual(parseValue('booking.holdMinutes', '31'), { error: '1부터 30까지 입력할 수 있습니다.' });
  assert.deepEqual(parseValue('booking.feeKrw', '10.5'), { error: '정수를 입력해 주세요.' });
  assert.deepEqual(parseValue('booking.cancellationHours', '0'), { value: 0 });
});

test('flags are toggles or choices; discount codes are a JSON object', () => {
  assert.equal(isFlag('feature.readOnly'), true);
  assert.equal(isFlag('booking.feeKrw'), false);
  assert.equal(policyInfo('feature.maintenance').kind, 'boolean');
  assert.deepEqual(parseValue('feature.maintenance', 'true'), { value: true });
  assert.deepEqual(parseValue('feature.paymentProvider', 'DISABLED'), { value: 'DISABLED' });
  assert.ok('error' in parseValue('feature.paymentProvider', 'disabled'));
  assert.deepEqual(parseValue('payment.discountCodes', '{"WELCOME":{"amountKrw":1000}}'), { value: { WELCOME: { amountKrw: 1000 } } });
  assert.ok('error' in parseValue('payment.discountCodes', '[1]'));
  assert.ok('error' in parseValue('payment.discountCodes', '{'));
});

test('values are shown in Korean in the table and as JSON in the edit box', () => {
  assert.equal(valueSummary(true), '켜짐');
  assert.equal(valueSummary({}), '없음');
  assert.equal(valueSummary({ A: 1, B: 2 }), '2개: A, B');
  assert.equal(valueText('TOSS'), 'TOSS');
  assert.equal(valueText(10), '10');
  assert.equal(valueText({}), '{}');
  assert.equal(policyInfo('some.newKey', 3).kind, 'integer');
});

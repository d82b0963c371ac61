import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  apiFieldErrors, emailError, formatPhone, nameError, passwordError, phoneError, profileChanges, profileErrors, RULES, safeNext, signupErrors,
} from '../src/logic/validation.ts';

test('a password needs 8 characters with a letter, a digit and a special character', () => {
  assert.equal(passwordError('s3cret!pass'), undefined);
  assert.equal(passwordError('비밀번호1234!'), undefined, 'Hangul counts as letters, as on the server');
  assert.equal(passwordError('s3cr!t'), RULES.password, 'too short');
  assert.equal(passwordError('secretpass!'), RULES.password, 'no digit');
  assert.equal(passwordError('12345678!'), RULES.password, 'no letter');
  assert.equal(passwordError('s3cretpass'), RULES.password, 'no special');
  assert.equal(passwordError('가'.repeat(24) + '1!'), RULES.passwordTooLong, '74 bytes in UTF-8');
});

test('the phone is 010-XXXX-XXXX and typed digits are grouped that way', () => {
  assert.equal(phoneError('010-1234-5678'), undefined);
  assert.equal(phoneError('011-1234-5678'), RULES.phone);
  assert.equal(phoneError('01012345678'), RULES.phone);
  assert.equal(formatPhone('01012345678'), '010-1234-5678');
  assert.equal(formatPhone('010-12'), '010-12');
  assert.equal(formatPhone('010 1234 56789 0'), '010-1234-5678');
});

test('emails need a local part and a domain of two labels', () => {
  assert.equal(emailError(' minji@example.com '), undefined);
  assert.equal(emailError('minji@example'), RULES.email);
  assert.equal(emailError('min..ji@example.com'), RULES.email);
  assert.equal(emailError('민지@example.com'), RULES.email);
  assert.equal(nameError('  '), RULES.name);
  assert.equal(nameError('김민지'), undefined);
});

test('sign-up lists every bad field at once', () => {
  assert.deepEqual(Object.keys(signupErrors({ name: '', email: 'x', password: 'short', phone: '010' })).sort(), ['email', 'name', 'password', 'phone']);
  assert.deepEqual(signupErrors({ name: '김민지', email: 'minji@example.com', password: 's3cret!pass', phone: '010-1234-5678' }), {});
});

test('the API’s field errors and conflicts land at their fields in Korean', () => {
  assert.deepEqual(apiFieldErrors('VALIDATION_FAILED', [{ field: 'phone', message: 'must look like 010-XXXX-XXXX' }, { field: 'email', message: 'is not an email' }]),
    { phone: RULES.phone, email: RULES.email });
  assert.deepEqual(apiFieldErrors('EMAIL_TAKEN', []), { email: RULES.emailTaken });
  assert.deepEqual(apiFieldErrors('PHONE_TAKEN', []), { phone: RULES.phoneTaken });
  assert.deepEqual(apiFieldErrors('INVALID_CURRENT_PASSWORD', []), { currentPassword: RULES.currentPasswordWrong });
  assert.deepEqual(apiFieldErrors('VALIDATION_FAILED', [{ field: 'password', message: 'must be at most 72 bytes' }], 'newPassword'), { newPassword: RULES.passwordTooLong });
});

test('a profile change sends only what changed and needs the current password for a new one', () => {
  const current = { name: '김민지', phone: '010-1234-5678' };
  assert.deepEqual(profileChanges({ name: '김민지', phone: '010-9999-8888', currentPassword: '', newPassword: '' }, current), { phone: '010-9999-8888' });
  assert.deepEqual(profileErrors({ name: '김민지', phone: '010-1234-5678', currentPassword: '', newPassword: '' }, current), { form: RULES.nothingToChange });
  assert.deepEqual(profileErrors({ name: '김민지', phone: '010-1234-5678', currentPassword: '', newPassword: 'n3w-s3cret!' }, current), { currentPassword: RULES.currentPassword });
  assert.deepEqual(profileChanges({ name: ' 이민지 ', phone: '010-1234-5678', currentPassword: 'old', newPassword: 'n3w-s3cret!' }, current),
    { name: '이민지', newPassword: 'n3w-s3cret!', currentPassword: 'old' });
});

test('after login only a path of this app is followed', () => {
  assert.equal(safeNext('/my/bookings?sort=title'), '/my/bookings?sort=title');
  assert.equal(safeNext('https://evil.example/'), '/');
  assert.equal(safeNext('//evil.example/'), '/');
  assert.equal(safeNext('/\\evil.example'), '/');
  assert.equal(safeNext(null), '/');
});

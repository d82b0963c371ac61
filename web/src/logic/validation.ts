/**
 * The service's account rules (docs/openapi.yaml SignupRequest / ProfileUpdateRequest, checked
 * again by the server in UserRules) with their Korean messages, so the form says what is wrong at
 * the field before sending, and the server's `fieldErrors` land at the same fields in Korean.
 */
export type AccountField = 'name' | 'email' | 'password' | 'phone' | 'currentPassword' | 'newPassword';
export type FieldErrors = Partial<Record<AccountField | 'form', string>>;

export const RULES = {
  name: '이름은 1~50자로 입력해 주세요.',
  email: '이메일 형식이 올바르지 않습니다. (예: minji@example.com)',
  password: '비밀번호는 8자 이상이며 영문, 숫자, 특수문자를 각각 하나 이상 포함해야 합니다.',
  passwordTooLong: '비밀번호가 너무 깁니다. (UTF-8 기준 72바이트 이하)',
  phone: '휴대폰 번호는 010-XXXX-XXXX 형식으로 입력해 주세요.',
  currentPassword: '비밀번호를 바꾸려면 현재 비밀번호를 입력해 주세요.',
  currentPasswordWrong: '현재 비밀번호가 올바르지 않습니다.',
  emailTaken: '이미 가입된 이메일입니다.',
  phoneTaken: '이미 가입된 휴대폰 번호입니다.',
  nothingToChange: '변경할 내용이 없습니다.',
} as const;

// The server's UserRules: a local part of letters, digits, dots and the RFC 5322 atext specials
// without `..`; a domain of at least two labels (ASCII only).
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const PHONE = /^010-\d{4}-\d{4}$/;

export function nameError(name: string): string | undefined {
  const t = name.trim();
  return t.length === 0 || t.length > 50 ? RULES.name : undefined;
}

export function emailError(email: string): string | undefined {
  const t = email.trim();
  return t.length > 254 || !EMAIL.test(t) || t.includes('..') ? RULES.email : undefined;
}

/** ≥ 8 characters with a letter, a digit and a special (not a letter, digit or blank); ≤ 72 UTF-8 bytes. */
export function passwordError(password: string): string | undefined {
  if (new TextEncoder().encode(password).length > 72) return RULES.passwordTooLong;
  const ok = [...password].length >= 8
    && /\p{L}/u.test(password)
    && /\p{Nd}/u.test(password)
    && /[^\p{L}\p{Nd}\s]/u.test(password);
  return ok ? undefined : RULES.password;
}

export function phoneError(phone: string): string | undefined {
  return PHONE.test(phone.trim()) ? undefined : RULES.phone;
}

/** Digits typed as `01012345678` become `010-1234-5678` (what the server wants). */
export function formatPhone(input: string): string {
  const d = input.replace(/\D/g, '').slice(0, 11);
  if (d.length <= 3) return d;
  if (d.length <= 7) return `${d.slice(0, 3)}-${d.slice(3)}`;
  return `${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`;
}

export interface SignupForm { name: string; email: string; password: string; phone: string }

export function signupErrors(f: SignupForm): FieldErrors {
  return prune({ name: nameError(f.name), email: emailError(f.email), password: passwordError(f.password), phone: phoneError(f.phone) });
}

export interface ProfileForm { name: string; phone: string; currentPassword: string; newPassword: string }

/** Checks only what is being changed; `form` when nothing is. */
export function profileErrors(f: ProfileForm, current: { name: string; phone: string }): FieldErrors {
  const e: FieldErrors = {};
  if (f.name.trim() !== current.name) e.name = nameError(f.name);
  if (f.phone.trim() !== current.phone) e.phone = phoneError(f.phone);
  if (f.newPassword || f.currentPassword) {
    e.newPassword = passwordError(f.newPassword);
    if (!f.currentPassword) e.currentPassword = RULES.currentPassword;
  }
  const out = prune(e);
  if (Object.keys(out).length === 0 && Object.keys(profileChanges(f, current)).length === 0) out.form = RULES.nothingToChange;
  return out;
}

/** The PATCH /me body: only the fields that change. */
export function profileChanges(f: ProfileForm, current: { name: string; phone: string }): Record<string, string> {
  const body: Record<string, string> = {};
  if (f.name.trim() !== current.name) body.name = f.name.trim();
  if (f.phone.trim() !== current.phone) body.phone = f.phone.trim();
  if (f.newPassword) {
    body.newPassword = f.newPassword;
    body.currentPassword = f.currentPassword;
  }
  return body;
}

/**
 * The API's problem for a sign-up or profile change, as Korean messages at the fields: each
 * `fieldErrors` entry by its field's rule, and the conflict codes at the field they concern.
 */
export function apiFieldErrors(code: string | undefined, fieldErrors: { field: string; message: string }[], passwordField: 'password' | 'newPassword' = 'password'): FieldErrors {
  const e: FieldErrors = {};
  if (code === 'EMAIL_TAKEN') e.email = RULES.emailTaken;
  if (code === 'PHONE_TAKEN') e.phone = RULES.phoneTaken;
  if (code === 'INVALID_CURRENT_PASSWORD') e.currentPassword = RULES.currentPasswordWrong;
  for (const { field, message } of fieldErrors) {
    if (field === 'name') e.name = RULES.name;
    else if (field === 'email') e.email = RULES.email;
    else if (field === 'phone') e.phone = RULES.phone;
    else if (field === 'password' || field === 'newPassword') e[field === 'password' ? passwordField : field] = /byte/i.test(message) ? RULES.passwordTooLong : RULES.password;
    else if (field === 'currentPassword') e.currentPassword = RULES.currentPassword;
    else if (field === 'body') e.form = RULES.nothingToChange;
  }
  return e;
}

/** `next` only when it is a path of this app (never another origin: no open redirect). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

function prune(e: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as FieldErrors;
}

import { useState } from 'preact/hooks';
import type { PageProps } from '../App';
import { signup } from '../account';
import { ApiError } from '../api';
import { login } from '../auth';
import { ErrorBox, Field, Page } from '../components/ui';
import { apiFieldErrors, type FieldErrors, formatPhone, RULES, safeNext, signupErrors } from '../logic/validation';
import { navigate } from '../router';

/** `/signup`: the service's rules at each field (checked here first, then by the API), then logged in. */
export function Signup({ match }: PageProps) {
  const next = safeNext(match.query.get('next'));
  const [form, setForm] = useState({ name: '', email: '', password: '', phone: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (v: string) => {
    setForm((f) => ({ ...f, [k]: k === 'phone' ? formatPhone(v) : v }));
    // A corrected field loses its message at once; the others keep theirs until the next submit.
    setErrors((e) => ({ ...e, [k]: undefined }));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const local = signupErrors(form);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      await signup({ ...form, name: form.name.trim(), email: form.email.trim() });
      await login(form.email.trim(), form.password);
      navigate(next, { replace: true });
    } catch (err) {
      const fields = err instanceof ApiError ? apiFieldErrors(err.code, err.fieldErrors) : {};
      setErrors(fields);
      // The page-level box only when no field took the message.
      setError(Object.keys(fields).length > 0 ? null : err);
      setBusy(false);
    }
  };

  return (
    <Page title="회원가입">
      <form class="form narrow" onSubmit={submit} noValidate>
        <Field label="이름" name="name" value={form.name} onInput={set('name')} autoComplete="name" required error={errors.name} />
        <Field label="이메일" name="email" type="email" value={form.email} onInput={set('email')} autoComplete="email" required
          placeholder="minji@example.com" error={errors.email} />
        <Field label="비밀번호" name="password" type="password" value={form.password} onInput={set('password')} autoComplete="new-password" required
          hint={RULES.password} error={errors.password} />
        <Field label="휴대폰 번호" name="phone" type="tel" value={form.phone} onInput={set('phone')} autoComplete="tel" required
          placeholder="010-1234-5678" error={errors.phone} />
        <ErrorBox error={error} />
        <button type="submit" class="primary" disabled={busy}>가입하기</button>
      </form>
      <p class="aside">
        이미 계정이 있으신가요? <a href={`/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`}>로그인</a>
      </p>
    </Page>
  );
}

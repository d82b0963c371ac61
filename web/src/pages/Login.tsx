import { useState } from 'preact/hooks';
import type { PageProps } from '../App';
import { login } from '../auth';
import { ErrorBox, Field, Page } from '../components/ui';
import { safeNext } from '../logic/validation';
import { navigate } from '../router';

/** `/login?next=/my/bookings`: signs in (refresh token as an HttpOnly cookie) and goes back to `next`. */
export function Login({ match }: PageProps) {
  const next = safeNext(match.query.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
      navigate(next, { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Page title="로그인">
      <form class="form narrow" onSubmit={submit} noValidate>
        <Field label="이메일" name="email" type="email" value={email} onInput={setEmail} autoComplete="username" required />
        <Field label="비밀번호" name="password" type="password" value={password} onInput={setPassword} autoComplete="current-password" required />
        <ErrorBox error={error} />
        <button type="submit" class="primary" disabled={busy || !email || !password}>로그인</button>
      </form>
      <p class="aside">
        계정이 없으신가요? <a href={`/signup${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`}>회원가입</a>
      </p>
    </Page>
  );
}

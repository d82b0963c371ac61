import { useState } from 'preact/hooks';
import type { PageProps } from '../App';
import { updateMe } from '../account';
import { ApiError } from '../api';
import { setProfile, useAuth } from '../auth';
import { ErrorBox, Field, Page } from '../components/ui';
import { apiFieldErrors, type FieldErrors, formatPhone, profileChanges, profileErrors, RULES } from '../logic/validation';

/** `/account`: name, phone and password through PATCH /me; the header follows the new name. */
export function Account(_props: PageProps) {
  const { profile } = useAuth();
  if (!profile) return null;
  return <AccountForm key={profile.userId} current={profile} />;
}

function AccountForm({ current }: { current: { email: string; name: string; phone: string } }) {
  const [form, setForm] = useState({ name: current.name, phone: current.phone, currentPassword: '', newPassword: '' });
  const [saved, setSaved] = useState({ name: current.name, phone: current.phone });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (v: string) => {
    setForm((f) => ({ ...f, [k]: k === 'phone' ? formatPhone(v) : v }));
    setErrors((e) => ({ ...e, [k]: undefined, form: undefined }));
    setDone('');
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setDone('');
    const local = profileErrors(form, saved);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const updated = await updateMe(profileChanges(form, saved));
      setProfile(updated);
      setSaved({ name: updated.name, phone: updated.phone });
      setForm({ name: updated.name, phone: updated.phone, currentPassword: '', newPassword: '' });
      setDone(form.newPassword ? '저장되었습니다. 비밀번호가 바뀌어 다른 기기에서는 다시 로그인해야 합니다.' : '저장되었습니다.');
    } catch (err) {
      const fields = err instanceof ApiError ? apiFieldErrors(err.code, err.fieldErrors, 'newPassword') : {};
      setErrors(fields);
      setError(Object.keys(fields).length > 0 ? null : err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="내 정보">
      <form class="form" onSubmit={submit} noValidate>
        <div class="field">
          <span class="label">이메일</span>
          <span>{current.email} <small class="hint">(변경할 수 없습니다)</small></span>
        </div>
        <Field label="이름" name="name" value={form.name} onInput={set('name')} autoComplete="name" error={errors.name} />
        <Field label="휴대폰 번호" name="phone" type="tel" value={form.phone} onInput={set('phone')} autoComplete="tel" error={errors.phone} />
        <fieldset class="plain">
          <legend>비밀번호 변경 <small class="hint">(바꿀 때만 입력)</small></legend>
          <Field label="현재 비밀번호" name="currentPassword" type="password" value={form.currentPassword} onInput={set('currentPassword')}
            autoComplete="current-password" error={errors.currentPassword} />
          <Field label="새 비밀번호" name="newPassword" type="password" value={form.newPassword} onInput={set('newPassword')}
            autoComplete="new-password" hint={RULES.password} error={errors.newPassword} />
        </fieldset>
        {errors.form && <p class="error" role="alert">{errors.form}</p>}
        <ErrorBox error={error} />
        {done && <p class="ok" role="status">{done}</p>}
        <button type="submit" class="primary" disabled={busy}>저장</button>
      </form>
    </Page>
  );
}

import type { ComponentChildren } from 'preact';
import { logout, useAuth } from '../auth';
import { navigate } from '../router';

export function Layout({ children }: { children: ComponentChildren }) {
  const { profile, ready } = useAuth();
  return (
    <>
      <a class="skip" href="#main">본문으로 건너뛰기</a>
      <header class="top">
        <a class="brand" href="/">티켓 예매</a>
        <nav aria-label="주 메뉴">
          <a href="/">공연</a>
          {ready && profile && <a href="/my/bookings">내 예매</a>}
          {ready && profile?.role === 'ADMIN' && <a href="/manage">관리</a>}
          {ready && profile && <a href="/account">{profile.name}님</a>}
          {ready && !profile && <a href="/login">로그인</a>}
          {ready && !profile && <a href="/signup">회원가입</a>}
          {ready && profile && (
            <button type="button" class="link" onClick={() => logout().finally(() => navigate('/'))}>
              로그아웃
            </button>
          )}
        </nav>
      </header>
      {children}
    </>
  );
}

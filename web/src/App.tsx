import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { useAuth } from './auth';
import { Layout } from './components/Layout';
import { Loading, Page } from './components/ui';
import { matchRoute, navigate, type Match, useLocation } from './router';
import { Account } from './pages/Account';
import { BookingDetail } from './pages/BookingDetail';
import { Checkout } from './pages/Checkout';
import { Login } from './pages/Login';
import { Manage } from './pages/Manage';
import { ManageSchedule } from './pages/ManageSchedule';
import { MyBookings } from './pages/MyBookings';
import { PayFail } from './pages/PayFail';
import { PaySuccess } from './pages/PaySuccess';
import { SeatSelection } from './pages/SeatSelection';
import { ShowDetail } from './pages/ShowDetail';
import { ShowList } from './pages/ShowList';
import { Signup } from './pages/Signup';

export type PageProps = { match: Match };
type Access = 'public' | 'user' | 'admin';

/** Every screen, its path (docs/web.md: never an API prefix) and who may open it. */
const ROUTES: Record<string, [ComponentType<PageProps>, Access]> = {
  '/': [ShowList, 'public'],
  '/login': [Login, 'public'],
  '/signup': [Signup, 'public'],
  '/account': [Account, 'user'],
  '/shows/:performanceId': [ShowDetail, 'public'],
  '/shows/:performanceId/schedules/:scheduleId': [SeatSelection, 'public'],
  '/checkout/:holdId': [Checkout, 'user'],
  '/pay/success': [PaySuccess, 'user'],
  '/pay/fail': [PayFail, 'user'],
  '/my/bookings': [MyBookings, 'user'],
  '/my/bookings/:bookingId': [BookingDetail, 'user'],
  '/manage': [Manage, 'admin'],
  '/manage/schedules/:scheduleId': [ManageSchedule, 'admin'],
};

export function App() {
  const { path } = useLocation();
  const { profile, ready } = useAuth();
  const match = matchRoute(Object.keys(ROUTES), path);
  const [Screen, access] = match ? ROUTES[match.pattern] : [null, 'public' as Access];
  const needsLogin = ready && access !== 'public' && !profile;

  useEffect(() => {
    // Signed-out visitors of a private screen log in first and come back to it.
    if (needsLogin) navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  }, [needsLogin]);

  let body;
  if (!match || !Screen) {
    body = <Page title="페이지를 찾을 수 없습니다"><p><a href="/">공연 목록으로</a></p></Page>;
  } else if (access !== 'public' && (!ready || !profile)) {
    body = <main id="main"><Loading /></main>;
  } else if (access === 'admin' && profile?.role !== 'ADMIN') {
    body = <Page title="권한이 없습니다"><p>관리자만 이용할 수 있는 화면입니다.</p></Page>;
  } else {
    body = <Screen match={match} />;
  }
  return <Layout>{body}</Layout>;
}

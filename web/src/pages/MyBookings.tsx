import type { PageProps } from '../App';
import { Page } from '../components/ui';

// Filled in by issue #12's screens; the route exists so links and redirects land somewhere.
export function MyBookings(_props: PageProps) {
  return <Page title="내 예매"><p>준비 중입니다.</p></Page>;
}

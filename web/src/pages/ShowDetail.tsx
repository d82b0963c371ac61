import type { PageProps } from '../App';
import { Page } from '../components/ui';

// Filled in by issue #12's screens; the route exists so links and redirects land somewhere.
export function ShowDetail(_props: PageProps) {
  return <Page title="공연 상세"><p>준비 중입니다.</p></Page>;
}

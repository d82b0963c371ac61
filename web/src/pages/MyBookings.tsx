import { useEffect, useState } from 'preact/hooks';
import type { PageProps } from '../App';
import { type BookingLine, getBooking, isBooking, myBookings } from '../bookings';
import { ErrorBox, Loading, Page } from '../components/ui';
import { parseSort, SORT_OPTIONS, sortFromValue, sortValue, statusLabel } from '../logic/bookings';
import { dateTime, won } from '../logic/format';
import { navigate } from '../router';

const PAGE_SIZE = 10;

/** `/my/bookings?sort=title&order=asc`: the last 365 days of bookings, "더 보기" follows the cursor. */
export function MyBookings({ match }: PageProps) {
  const sort = parseSort(match.query);
  const key = sortValue(sort);
  const [items, setItems] = useState<BookingLine[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [extra, setExtra] = useState<Record<string, { seat: string; total: number }>>({});

  const load = async (from: string | null, append: boolean, signal?: AbortSignal) => {
    setLoading(true);
    setError(null);
    try {
      const page = await myBookings(sort, PAGE_SIZE, from, signal);
      setItems((prev) => (append ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      // A list line has no seat or amount (BookingLine); each booking's detail brings them.
      page.items.forEach((b) => getBooking(b.bookingId).then((d) => {
        if (isBooking(d) && !signal?.aborted) setExtra((x) => ({ ...x, [b.bookingId]: { seat: `${d.seat.label} (${d.seat.gradeName})`, total: d.amount.total } }));
      }).catch(() => undefined));
    } catch (e) {
      if (!signal?.aborted) setError(e);
    } finally {
      if (!signal?.aborted) setLoading(false);
    }
  };

  useEffect(() => {
    const ctl = new AbortController();
    setItems([]);
    load(null, false, ctl.signal);
    return () => ctl.abort();
  }, [key]);

  const changeSort = (value: string) => {
    const s = sortFromValue(value);
    navigate(`/my/bookings?sort=${s.sort}&order=${s.order}`, { replace: true });
  };

  return (
    <Page title="내 예매">
      <div class="toolbar">
        <label for="booking-sort">정렬</label>
        <select id="booking-sort" value={key} onChange={(e) => changeSort((e.currentTarget as HTMLSelectElement).value)}>
          {SORT_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </div>
      <ErrorBox error={error} />
      {!loading && !error && items.length === 0 && <p class="notice">최근 1년간 예매 내역이 없습니다. <a href="/">공연 보러 가기</a></p>}
      <ul class="booking-list" aria-label="예매 목록">
        {items.map((b) => (
          <li key={b.bookingId} class="card booking-row" data-booking-id={b.bookingId}>
            {b.thumbnailUrl && <img src={b.thumbnailUrl} alt="" width={60} height={80} loading="lazy" onError={(e) => (e.currentTarget as HTMLImageElement).removeAttribute('src')} />}
            <div class="booking-main">
              <a class="booking-title" href={`/my/bookings/${encodeURIComponent(b.bookingId)}`}>{b.performanceTitle}</a>
              <div>{dateTime(b.scheduleStartAt)} · {b.venueName}</div>
              <div>{extra[b.bookingId] ? <>{extra[b.bookingId].seat} · <strong>{won(extra[b.bookingId].total)}</strong></> : '\u00a0'}</div>
              <div class="hint">예매번호 {b.bookingNumber} · 예매일 {dateTime(b.bookedAt)}</div>
            </div>
            <span class={`status status-${b.status.toLowerCase()}`}>{statusLabel(b.status)}</span>
          </li>
        ))}
      </ul>
      {loading && <Loading />}
      {!loading && cursor && (
        <button type="button" class="secondary more" onClick={() => load(cursor, true)}>더 보기</button>
      )}
    </Page>
  );
}

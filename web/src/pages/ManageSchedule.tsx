import { useEffect, useState } from 'preact/hooks';
import type { PageProps } from '../App';
import { adminCancel, type ScheduleBooking, scheduleBookings } from '../admin';
import { newIdempotencyKey } from '../bookings';
import { Dialog } from '../components/Dialog';
import { ErrorBox, Loading, Page } from '../components/ui';
import { statusLabel } from '../logic/bookings';
import { dateTime, won } from '../logic/format';

/** `/manage/schedules/:scheduleId` (ADMIN): the schedule's bookings, cancel any with a reason. */
export function ManageSchedule({ match }: PageProps) {
  const scheduleId = match.params.scheduleId;
  const [status, setStatus] = useState('');
  const [items, setItems] = useState<ScheduleBooking[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [target, setTarget] = useState<ScheduleBooking | null>(null);
  const [version, setVersion] = useState(0);

  const load = async (from: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await scheduleBookings(scheduleId, status, from);
      setItems((prev) => (from ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    load(null);
  }, [scheduleId, status, version]);

  return (
    <Page title="회차 예매 관리">
      <p class="hint">회차 <code>{scheduleId}</code> · <a href="/manage">관리 화면으로</a></p>
      <div class="toolbar">
        <label for="status-filter">상태</label>
        <select id="status-filter" value={status} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">전체</option>
          <option value="CONFIRMED">{statusLabel('CONFIRMED')}</option>
          <option value="REFUND_PENDING">{statusLabel('REFUND_PENDING')}</option>
          <option value="CANCELLED">{statusLabel('CANCELLED')}</option>
        </select>
      </div>
      <ErrorBox error={error} />
      <div class="table-scroll">
        <table class="schedule-bookings">
          <thead><tr><th scope="col">예매번호</th><th scope="col">예매자</th><th scope="col">좌석</th><th scope="col">금액</th><th scope="col">예매일시</th><th scope="col">상태</th><th scope="col"><span class="visually-hidden">취소</span></th></tr></thead>
          <tbody>
            {items.map((b) => (
              <tr key={b.bookingId} data-booking-id={b.bookingId}>
                <td>{b.bookingNumber}</td>
                <td>{b.customerName}</td>
                <td>{b.seatLabel} ({b.gradeName})</td>
                <td>{won(b.total)}</td>
                <td>{dateTime(b.bookedAt)}</td>
                <td><span class={`status status-${b.status.toLowerCase()}`}>{statusLabel(b.status)}</span></td>
                <td>{b.status === 'CONFIRMED' && <button type="button" class="danger" aria-label={`${b.bookingNumber} 취소`} onClick={() => setTarget(b)}>취소</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!loading && items.length === 0 && !error && <p class="hint">예매가 없습니다.</p>}
      {loading && <Loading />}
      {!loading && cursor && <button type="button" class="secondary more" onClick={() => load(cursor)}>더 보기</button>}
      <AdminCancelDialog booking={target} onClose={() => setTarget(null)} onDone={() => { setTarget(null); setVersion((v) => v + 1); }} />
    </Page>
  );
}

function AdminCancelDialog({ booking, onClose, onDone }: { booking: ScheduleBooking | null; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  useEffect(() => {
    setReason('');
    setError(null);
    setLocal('');
    setKey(newIdempotencyKey());
  }, [booking?.bookingId]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!booking) return;
    const r = reason.trim();
    if (!r || r.length > 200) {
      setLocal('취소 사유를 1~200자로 입력해 주세요.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await adminCancel(booking.bookingId, r, key);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={booking !== null} title="관리자 취소" onClose={onClose}>
      {booking && (
        <form onSubmit={submit}>
          <p>{booking.bookingNumber} · {booking.customerName} · {booking.seatLabel} · 환불 {won(booking.total)} (전액)</p>
          <div class="field">
            <label for="cancel-reason">취소 사유</label>
            <textarea id="cancel-reason" rows={3} maxLength={200} value={reason} onInput={(e) => { setReason((e.currentTarget as HTMLTextAreaElement).value); setLocal(''); }}
              aria-invalid={local ? 'true' : undefined} aria-describedby={local ? 'cancel-reason-err' : undefined} />
            {local && <small id="cancel-reason-err" class="field-error" role="alert">{local}</small>}
          </div>
          <ErrorBox error={error} />
          <div class="dialog-actions">
            <button type="button" class="secondary" onClick={onClose} disabled={busy}>닫기</button>
            <button type="submit" class="danger" disabled={busy}>{busy ? '취소하는 중…' : '취소하고 환불'}</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

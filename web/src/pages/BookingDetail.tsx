import { useEffect, useState } from 'preact/hooks';
import type { PageProps } from '../App';
import { type Booking, type BookingPending, cancelBooking, getBooking, getReceipt, isBooking, newIdempotencyKey, type Receipt } from '../bookings';
import { Dialog } from '../components/Dialog';
import { ErrorBox, Loading, Page } from '../components/ui';
import { cancelState, methodLabel, refundLabel, statusLabel } from '../logic/bookings';
import { dateTime, won } from '../logic/format';

/** `/my/bookings/:bookingId`: everything §5.1 lists, the receipt, and the cancel with its deadline. */
export function BookingDetail({ match }: PageProps) {
  const id = match.params.bookingId;
  const [booking, setBooking] = useState<Booking | BookingPending | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [receiptError, setReceiptError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    getBooking(id)
      .then((b) => {
        if (!live) return;
        setBooking(b);
        if (isBooking(b)) getReceipt(id).then((r) => live && setReceipt(r)).catch((e) => live && setReceiptError(e));
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [id, tick]);

  if (error) return <Page title="예매 상세"><ErrorBox error={error} /><p><a href="/my/bookings">내 예매 목록</a></p></Page>;
  if (!booking) return <Page title="예매 상세"><Loading /></Page>;
  if (!isBooking(booking)) {
    return (
      <Page title="예매 상세">
        <p class="notice">{booking.status === 'PROCESSING' ? '결제를 확인하고 있습니다. 잠시 후 새로고침해 주세요.' : '완료되지 않은 예매입니다.'}</p>
        <p><a href="/my/bookings">내 예매 목록</a></p>
      </Page>
    );
  }
  return <Detail booking={booking} receipt={receipt} receiptError={receiptError} reload={() => setTick((n) => n + 1)} />;
}

function Detail({ booking: b, receipt, receiptError, reload }: { booking: Booking; receipt: Receipt | null; receiptError: unknown; reload: () => void }) {
  const [open, setOpen] = useState(false);
  const [now, setNow] = useState(() => new Date());
  const state = cancelState(b, now);
  const rows: [string, preact.ComponentChildren][] = [
    ['예매번호', b.bookingNumber],
    ['공연', b.performance.title],
    ['관람일시', dateTime(b.scheduleStartAt)],
    ['공연장', b.performance.venueName],
    ['좌석', `${b.seat.label} (${b.seat.gradeName}석)`],
    ['좌석 가격', won(b.amount.seatPrice)],
    ['예매 수수료', won(b.amount.fee)],
    ['할인', b.amount.discount > 0 ? `-${won(b.amount.discount)}` : won(0)],
    ['결제 금액', <strong>{won(b.amount.total)}</strong>],
    ['결제수단', methodLabel(b.payment.method, b.payment.methodLabel)],
    ['결제일시', dateTime(b.payment.approvedAt)],
    ['예매일시', dateTime(b.bookedAt)],
    ['상태', <span class={`status status-${b.status.toLowerCase()}`}>{statusLabel(b.status)}</span>],
    ['취소 마감', state.deadlineRow],
  ];
  if (b.cancellation) {
    rows.push(['취소 요청', `${dateTime(b.cancellation.requestedAt)}${b.cancellation.byAdmin ? ' (관리자)' : ''}${b.cancellation.reason ? ` · ${b.cancellation.reason}` : ''}`]);
    rows.push(['환불', `${refundLabel(b.cancellation.refund.status)} · ${won(b.cancellation.refund.amount)}${b.cancellation.refund.refundedAt ? ` · ${dateTime(b.cancellation.refund.refundedAt)}` : ''}`]);
  }

  return (
    <Page title="예매 상세">
      <div class="detail-grid">
        <section class="card" aria-labelledby="booking-info">
          <h2 id="booking-info">예매 정보</h2>
          <dl class="facts">
            {rows.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}
          </dl>
          <div class="cancel-box">
            <button type="button" class="danger" disabled={!state.allowed} aria-describedby={state.allowed ? undefined : 'cancel-why'}
              onClick={() => {
                // A page left open past the deadline shows why instead of a dialog the server would refuse.
                const at = new Date();
                setNow(at);
                if (cancelState(b, at).allowed) setOpen(true);
              }}>
              예매 취소
            </button>
            {!state.allowed && <p id="cancel-why" class="hint">{state.reason}</p>}
          </div>
        </section>
        <ReceiptCard receipt={receipt} error={receiptError} bookingId={b.bookingId} />
      </div>
      <p><a href="/my/bookings">← 내 예매 목록</a></p>
      <CancelDialog open={open} booking={b} deadline={state.deadline} onClose={() => setOpen(false)} onDone={() => { setOpen(false); reload(); }} />
    </Page>
  );
}

function ReceiptCard({ receipt: r, error, bookingId }: { receipt: Receipt | null; error: unknown; bookingId: string }) {
  if (!r) return <section class="card receipt"><h2>영수증</h2>{error ? <ErrorBox error={error} /> : <Loading />}</section>;
  return (
    <section class="card receipt" aria-labelledby="receipt-title" data-booking-id={bookingId}>
      <h2 id="receipt-title">영수증</h2>
      <dl class="facts">
        <div><dt>예매번호</dt><dd>{r.bookingNumber}</dd></div>
        <div><dt>예매자</dt><dd>{r.customerName}</dd></div>
        <div><dt>공연</dt><dd>{r.performance.title} · {r.performance.venueName}</dd></div>
        <div><dt>관람일시</dt><dd>{dateTime(r.schedule.startAt)}</dd></div>
        <div><dt>좌석</dt><dd>{r.seat.label} ({r.seat.gradeName}석)</dd></div>
        <div><dt>좌석 가격</dt><dd>{won(r.amount.seatPrice)}</dd></div>
        <div><dt>수수료</dt><dd>{won(r.amount.fee)}</dd></div>
        <div><dt>할인</dt><dd>{r.amount.discount > 0 ? `-${won(r.amount.discount)}` : won(0)}</dd></div>
        <div class="total"><dt>합계</dt><dd>{won(r.amount.total)}</dd></div>
        <div><dt>결제</dt><dd>{methodLabel(r.payment.method, r.payment.methodLabel)}{r.payment.approvedAt ? ` · ${dateTime(r.payment.approvedAt)}` : ''}</dd></div>
        <div><dt>상태</dt><dd>{r.statusLabel}</dd></div>
      </dl>
      {r.payment.receiptUrl && /^https?:\/\//.test(r.payment.receiptUrl) && (
        <p><a href={r.payment.receiptUrl} target="_blank" rel="noopener noreferrer">결제사 영수증 보기</a></p>
      )}
      <button type="button" class="secondary" onClick={() => window.print()}>인쇄</button>
    </section>
  );
}

function CancelDialog(props: { open: boolean; booking: Booking; deadline: string; onClose: () => void; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<string>('');
  // One key per opened dialog: a double click or a retry after a timeout refunds once.
  const [key, setKey] = useState(() => newIdempotencyKey());
  useEffect(() => {
    if (props.open) {
      setKey(newIdempotencyKey());
      setError(null);
      setResult('');
    }
  }, [props.open]);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await cancelBooking(props.booking.bookingId, key);
      setResult(r.status === 'CANCELLED' ? `취소되었습니다. ${won(r.refund.refundedAmount || r.refund.amount)}이 환불되었습니다.` : '취소가 접수되었습니다. 환불을 처리하고 있습니다.');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} title="예매를 취소할까요?" onClose={result ? props.onDone : props.onClose}>
      {result ? (
        <>
          <p class="ok" role="status">{result}</p>
          <div class="dialog-actions"><button type="button" onClick={props.onDone}>확인</button></div>
        </>
      ) : (
        <>
          <p>{props.booking.performance.title} · {dateTime(props.booking.scheduleStartAt)} · {props.booking.seat.label}</p>
          <p><strong>{props.deadline}</strong></p>
          <p>환불 금액: <strong>{won(props.booking.amount.total)}</strong> (전액 환불)</p>
          <ErrorBox error={error} />
          <div class="dialog-actions">
            <button type="button" class="secondary" onClick={props.onClose} disabled={busy}>닫기</button>
            <button type="button" class="danger" onClick={confirm} disabled={busy}>{busy ? '취소하는 중…' : '예매 취소하기'}</button>
          </div>
        </>
      )}
    </Dialog>
  );
}

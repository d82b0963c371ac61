import { useEffect, useState } from 'preact/hooks';
import type { PageProps } from '../App';
import { confirmPayment } from '../booking';
import { getBooking, getReceipt, type Receipt } from '../bookings';
import { ErrorBox, Loading, Page } from '../components/ui';
import { dateTime, won } from '../logic/format';
import { holdIdOf } from '../logic/payment';

const POLL_MS = 1500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Toss's success redirect: confirms the payment (idempotent on the server, so a reload shows the
 * same booking and charges nothing twice), waits out a 202, then shows the receipt.
 */
export function PaySuccess({ match }: PageProps) {
  const paymentKey = match.query.get('paymentKey') ?? '';
  const orderId = match.query.get('orderId') ?? '';
  const amount = Number(match.query.get('amount'));
  const holdId = holdIdOf(orderId);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [failure, setFailure] = useState('');

  useEffect(() => {
    if (!holdId || !paymentKey || !Number.isFinite(amount)) return;
    let live = true;
    (async () => {
      try {
        let r = await confirmPayment({ holdId, paymentKey, orderId, amount });
        while (live && r.status === 'PROCESSING') {
          setWaiting(true);
          await sleep(POLL_MS);
          const b = await getBooking(r.bookingId);
          if (b.status === 'CONFIRMED') r = { bookingId: b.bookingId, status: 'CONFIRMED' };
          else if (b.status !== 'PROCESSING') {
            setFailure(b.status === 'EXPIRED' ? '좌석 선점 시간이 지나 예매가 완료되지 않았습니다.' : '결제가 완료되지 않았습니다. 결제된 금액은 자동으로 취소됩니다.');
            return;
          }
        }
        if (live) setReceipt(await getReceipt(r.bookingId));
      } catch (e) {
        if (live) setError(e);
      } finally {
        if (live) setWaiting(false);
      }
    })();
    return () => {
      live = false;
    };
  }, [paymentKey, orderId]);

  if (!holdId || !paymentKey) return <Page title="결제 결과"><p class="error" role="alert">결제 정보가 올바르지 않습니다.</p><p><a href="/">공연 목록으로</a></p></Page>;
  if (error || failure) {
    return (
      <Page title="결제를 완료하지 못했습니다">
        <ErrorBox error={error} />
        {failure && <p class="error" role="alert">{failure}</p>}
        <p><a href={`/checkout/${holdId}`}>결제 화면으로</a> · <a href="/my/bookings">내 예매</a></p>
      </Page>
    );
  }
  if (!receipt) return <Page title="결제 확인 중"><Loading label={waiting ? '결제를 확인하는 중입니다. 잠시만 기다려 주세요…' : '결제를 확인하는 중…'} /></Page>;
  return (
    <Page title="예매가 완료되었습니다">
      <ReceiptView receipt={receipt} />
      <p class="actions">
        <a class="button" href={`/my/bookings/${receipt.bookingId}`}>예매 상세 보기</a>
        <a class="button secondary" href="/">다른 공연 보기</a>
      </p>
    </Page>
  );
}

/** The screen receipt (requirements §4.2): what was bought, when, and what was paid how. */
export function ReceiptView({ receipt: r }: { receipt: Receipt }) {
  return (
    <section class="receipt-card card" aria-labelledby="receipt-title">
      <h2 id="receipt-title">영수증</h2>
      <dl class="info">
        <dt>예매 번호</dt><dd class="booking-number">{r.bookingNumber}</dd>
        <dt>공연</dt><dd>{r.performance.title}</dd>
        <dt>공연장</dt><dd>{r.performance.venueName}</dd>
        <dt>관람 일시</dt><dd>{dateTime(r.schedule.startAt)}</dd>
        <dt>좌석</dt><dd class="seat">{r.seat.label} ({r.seat.gradeName}석)</dd>
        <dt>좌석 가격</dt><dd>{won(r.amount.seatPrice)}</dd>
        <dt>예매 수수료</dt><dd>{won(r.amount.fee)}</dd>
        <dt>할인</dt><dd>{r.amount.discount ? `-${won(r.amount.discount)}` : won(0)}</dd>
        <dt>총 결제 금액</dt><dd class="total">{won(r.amount.total)}</dd>
        <dt>결제 수단</dt><dd>{r.payment.methodLabel ?? r.payment.method ?? '-'}</dd>
        <dt>결제 승인 일시</dt><dd>{r.payment.approvedAt ? dateTime(r.payment.approvedAt) : '-'}</dd>
        <dt>예매 일시</dt><dd>{dateTime(r.bookedAt)}</dd>
        <dt>상태</dt><dd>{r.statusLabel}</dd>
      </dl>
    </section>
  );
}

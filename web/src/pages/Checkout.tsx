import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import type { PageProps } from '../App';
import { type Checkout as CheckoutData, checkout, getConfig, getHold, type Hold, releaseHold } from '../booking';
import type { Amount } from '../bookings';
import { Countdown, useRemaining } from '../components/Countdown';
import { ErrorBox, Loading, Page } from '../components/ui';
import { getPerformance, type PerformanceDetail } from '../catalog';
import { dateTime, won } from '../logic/format';
import { METHOD_LABEL, type Method, sandboxWindowUrl } from '../logic/payment';
import { navigate } from '../router';
import { requestTossPayment } from '../toss';

/**
 * The held seat's checkout: a countdown to the hold's end, the amount from the API (seat price,
 * fee, discount), a discount code, card or easy pay, then Toss's payment window.
 */
export function Checkout({ match }: PageProps) {
  const { holdId } = match.params;
  const [hold, setHold] = useState<Hold | null>(null);
  const [amount, setAmount] = useState<Amount | null>(null);
  const [method, setMethod] = useState<Method>('CARD');
  const [code, setCode] = useState('');
  const [applied, setApplied] = useState('');
  const [codeError, setCodeError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'' | 'code' | 'pay' | 'release'>('');
  const [expired, setExpired] = useState(false);
  const [show, setShow] = useState<PerformanceDetail | null>(null);

  useEffect(() => {
    getHold(holdId).then((h) => {
      setHold(h);
      setAmount(h.amount);
      if (h.method) setMethod(h.method);
      // The title and the date come from the catalog; the hold itself names only the seat.
      getPerformance(h.performanceId).then(setShow, () => undefined);
    }, setError);
  }, [holdId]);

  const live = hold?.status === 'PENDING';
  const left = useRemaining(live ? hold!.expiresAt : undefined, () => setExpired(true));
  const seatMap = hold ? `/shows/${hold.performanceId}/schedules/${hold.scheduleId}` : '/';

  const applyCode = async (e: Event) => {
    e.preventDefault();
    setBusy('code');
    setCodeError(null);
    try {
      const c = await checkout(holdId, method, code.trim() || undefined);
      setAmount(c.amount);
      setApplied(code.trim());
    } catch (err) {
      setCodeError(err);
      if (err instanceof ApiError && err.code === 'HOLD_EXPIRED') setExpired(true);
    } finally {
      setBusy('');
    }
  };

  const pay = async () => {
    setBusy('pay');
    setError(null);
    let c: CheckoutData;
    try {
      c = await checkout(holdId, method, applied || undefined);
      setAmount(c.amount);
      const config = await getConfig();
      const params = { ...c, amount: c.amount.total, clientKey: c.clientKey || config.toss.clientKey };
      if (config.toss.windowUrl) location.assign(sandboxWindowUrl(config.toss.windowUrl, params));
      else await requestTossPayment(params, hold!.holdId);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'HOLD_EXPIRED') setExpired(true);
      setError(err);
      setBusy('');
    }
  };

  const release = async () => {
    setBusy('release');
    try {
      await releaseHold(holdId);
      navigate(seatMap, { replace: true });
    } catch (err) {
      setError(err);
      setBusy('');
    }
  };

  if (!hold) return <Page title="결제"><ErrorBox error={error} />{!error && <Loading />}</Page>;
  if (hold.status === 'CONFIRMED') {
    return <Page title="결제"><p class="notice">이미 예매가 완료된 좌석입니다.</p><p><a href={`/my/bookings/${hold.bookingId ?? hold.holdId}`}>예매 내역 보기</a></p></Page>;
  }
  if (hold.status === 'PAYING') {
    return <Page title="결제"><p class="notice">결제를 확인하는 중입니다. 잠시 후 예매 내역에서 확인해 주세요.</p><p><a href={`/my/bookings/${hold.holdId}`}>예매 내역 보기</a></p></Page>;
  }
  const over = expired || !live;
  const schedule = show?.schedules.find((s) => s.scheduleId === hold.scheduleId);
  return (
    <Page title="결제">
      {over ? (
        <div class="expired" role="alert">
          <p><strong>{hold.status === 'RELEASED' ? '좌석 선점을 취소했습니다.' : hold.status === 'FAILED' ? '결제가 완료되지 않아 좌석 선점이 끝났습니다.' : '좌석 선점 시간이 만료되었습니다.'}</strong></p>
          <p>좌석을 다시 선택해 주세요.</p>
          <p><a class="button" href={seatMap}>좌석 다시 선택하기</a></p>
        </div>
      ) : (
        <Countdown ms={left} />
      )}
      <ErrorBox error={error} />
      <div class="checkout card">
        <h2>예매 정보</h2>
        <dl class="info">
          <dt>공연</dt><dd>{show?.title ?? hold.orderName}</dd>
          {show && <><dt>공연장</dt><dd>{show.venue.name}</dd></>}
          {schedule && <><dt>관람 일시</dt><dd>{dateTime(schedule.startAt)}</dd></>}
          <dt>좌석</dt><dd>{hold.seatLabel}</dd>
          <dt>등급</dt><dd>{hold.gradeName}석</dd>
        </dl>
        {!over && (
          <>
            <form class="discount" onSubmit={applyCode}>
              <div class="field">
                <label for="f-code">할인 코드</label>
                <div class="inline">
                  <input id="f-code" name="discountCode" value={code} maxLength={32} autoComplete="off"
                    onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value)}
                    aria-invalid={codeError ? 'true' : undefined} aria-describedby={codeError ? 'f-code-err' : undefined} />
                  <button type="submit" class="secondary" disabled={busy !== '' || (!code.trim() && !applied)}>적용</button>
                </div>
                {codeError ? <small id="f-code-err" class="field-error" role="alert">{codeErrorText(codeError)}</small> : null}
                {applied && !codeError && <small class="applied" role="status">할인 코드 {applied.toUpperCase()}가 적용되었습니다.</small>}
              </div>
            </form>
            <fieldset class="methods">
              <legend>결제 수단</legend>
              {(Object.keys(METHOD_LABEL) as Method[]).map((m) => (
                <label key={m} class="radio">
                  <input type="radio" name="method" value={m} checked={method === m} onChange={() => setMethod(m)} /> {METHOD_LABEL[m]}
                </label>
              ))}
            </fieldset>
          </>
        )}
        {amount && (
          <table class="amounts" aria-label="결제 금액">
            <tbody>
              <tr><th scope="row">좌석 가격</th><td>{won(amount.seatPrice)}</td></tr>
              <tr><th scope="row">예매 수수료</th><td>{won(amount.fee)}</td></tr>
              <tr><th scope="row">할인</th><td>{amount.discount ? `-${won(amount.discount)}` : won(0)}</td></tr>
              <tr class="total"><th scope="row">총 결제 금액</th><td>{won(amount.total)}</td></tr>
            </tbody>
          </table>
        )}
        {!over && (
          <div class="actions">
            <button type="button" onClick={pay} disabled={busy !== ''}>{busy === 'pay' ? '결제창을 여는 중…' : '결제하기'}</button>
            <button type="button" class="secondary" onClick={release} disabled={busy !== ''}>좌석 선점 취소</button>
          </div>
        )}
      </div>
    </Page>
  );
}

function codeErrorText(e: unknown): string {
  return e instanceof ApiError ? e.message : '할인 코드를 적용하지 못했습니다.';
}

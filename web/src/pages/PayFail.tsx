import { useEffect, useState } from 'preact/hooks';
import type { PageProps } from '../App';
import { failPayment, type Hold } from '../booking';
import { Countdown, useRemaining } from '../components/Countdown';
import { ErrorBox, Loading, Page } from '../components/ui';
import { failText, holdIdOf } from '../logic/payment';

/**
 * Toss's fail redirect: records the failure on the hold (which stays held), explains it in
 * Korean and, while time remains, offers the payment again.
 */
export function PayFail({ match }: PageProps) {
  const code = match.query.get('code') ?? '';
  const message = (match.query.get('message') ?? '').trim().slice(0, 500);
  const holdId = holdIdOf(match.query.get('orderId'));
  const [hold, setHold] = useState<Hold | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    if (!holdId || !code) return;
    failPayment({ holdId, code: code.slice(0, 64), ...(message ? { message } : {}) }).then(setHold, setError);
  }, [holdId, code]);

  const live = hold?.status === 'PENDING';
  const left = useRemaining(live ? hold!.expiresAt : undefined, () => setExpired(true));
  const seatMap = hold ? `/shows/${hold.performanceId}/schedules/${hold.scheduleId}` : '/';

  return (
    <Page title="결제가 완료되지 않았습니다">
      <div class="error" role="alert">
        <p><strong>{failText(code)}</strong></p>
        {message && <p class="hint">{message}</p>}
      </div>
      <ErrorBox error={error} />
      {!holdId && <p><a href="/">공연 목록으로</a></p>}
      {holdId && !hold && !error && <Loading />}
      {hold && (live && !expired ? (
        <>
          <p>선택하신 좌석 <strong>{hold.seatLabel}</strong>은(는) 남은 시간 동안 계속 선점됩니다.</p>
          <Countdown ms={left} />
          <p class="actions"><a class="button" href={`/checkout/${hold.holdId}`}>다시 결제하기</a></p>
        </>
      ) : (
        <>
          <p>{expired || hold.status === 'EXPIRED' ? '좌석 선점 시간이 만료되었습니다.' : '이 좌석 선점은 더 이상 유효하지 않습니다.'} 좌석을 다시 선택해 주세요.</p>
          <p><a class="button" href={seatMap}>좌석 다시 선택하기</a></p>
        </>
      ))}
    </Page>
  );
}

/**
 * What happens around Toss's payment window, without the DOM: the sandbox window's URL, the hold
 * a redirect belongs to, and the Korean explanation of a fail redirect's code.
 */
export type Method = 'CARD' | 'EASY_PAY';
export const METHOD_LABEL: Record<Method, string> = { CARD: '카드', EASY_PAY: '간편결제' };

export interface WindowParams {
  clientKey: string; orderId: string; orderName: string; amount: number; method: Method;
  customerName: string; customerEmail: string; successUrl: string; failUrl: string;
}

/** The local sandbox window (docs/web.md "Buying"): the same values Toss's SDK would get, as a query. */
export function sandboxWindowUrl(windowUrl: string, p: WindowParams): string {
  const q = new URLSearchParams({
    clientKey: p.clientKey, orderId: p.orderId, orderName: p.orderName, amount: String(p.amount), method: p.method,
    customerName: p.customerName, customerEmail: p.customerEmail, successUrl: p.successUrl, failUrl: p.failUrl,
  });
  return `${windowUrl}${windowUrl.includes('?') ? '&' : '?'}${q.toString()}`;
}

/** A Toss order id is `T-<holdId>` (openapi Hold.orderId), so a redirect names its hold. */
export function holdIdOf(orderId: string | null | undefined): string | null {
  return orderId && /^T-[0-9a-f-]{36}$/.test(orderId) ? orderId.slice(2) : null;
}

const FAIL_TEXT: Record<string, string> = {
  PAY_PROCESS_CANCELED: '결제를 취소하셨습니다.',
  PAY_PROCESS_ABORTED: '결제가 중단되었습니다.',
  REJECT_CARD_COMPANY: '카드사에서 결제를 거절했습니다. 카드 정보나 한도를 확인해 주세요.',
  REJECT_CARD_PAYMENT: '카드 결제가 거절되었습니다. 한도를 확인하거나 다른 카드로 결제해 주세요.',
  INVALID_CARD_EXPIRATION: '카드 유효기간이 올바르지 않습니다.',
  EXCEED_MAX_AMOUNT: '결제 한도를 초과했습니다.',
  NOT_FOUND_PAYMENT_SESSION: '결제 시간이 만료되었습니다. 다시 결제해 주세요.',
};

/** Korean for a fail redirect's code; unknown codes get a general sentence (Toss's own message is shown beside it). */
export function failText(code: string | null | undefined): string {
  return (code && FAIL_TEXT[code]) || '결제를 완료하지 못했습니다.';
}

/** Milliseconds left of a hold at `now` (never negative). */
export function remainingMs(expiresAt: string, now: number): number {
  return Math.max(0, new Date(expiresAt).getTime() - now);
}

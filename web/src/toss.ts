import type { WindowParams } from './logic/payment';

/**
 * Toss's payment window through its v2 standard SDK (used on AWS, where /config.json has no
 * sandbox `windowUrl`). The script is loaded only when a buyer pays, so it costs nothing on first
 * load. Not exercised by the local tests (the sandbox window stands in for it); kept small and typed.
 */
interface TossPaymentRequest {
  method: 'CARD';
  amount: { currency: 'KRW'; value: number };
  orderId: string; orderName: string; successUrl: string; failUrl: string;
  customerEmail?: string; customerName?: string;
  card?: { flowMode: 'DEFAULT'; useEscrow: boolean; useCardPoint: boolean; useAppCardOnly: boolean };
}
interface TossPaymentsV2 { payment(opts: { customerKey: string }): { requestPayment(req: TossPaymentRequest): Promise<void> } }
declare global {
  interface Window { TossPayments?: (clientKey: string) => TossPaymentsV2 }
}

const SDK = 'https://js.tosspayments.com/v2/standard';

function loadSdk(): Promise<NonNullable<Window['TossPayments']>> {
  if (window.TossPayments) return Promise.resolve(window.TossPayments);
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = SDK;
    s.onload = () => (window.TossPayments ? resolve(window.TossPayments) : reject(new Error('Toss SDK did not load')));
    s.onerror = () => reject(new Error('Toss SDK did not load'));
    document.head.append(s);
  });
}

/**
 * Opens Toss's window; Toss then redirects to successUrl or failUrl. Both methods open the
 * standard window in its default flow, which offers cards and the easy-pay apps alike.
 * `customerKey` identifies the buyer to Toss without personal data: the hold's id.
 */
export async function requestTossPayment(p: WindowParams, customerKey: string): Promise<void> {
  const TossPayments = await loadSdk();
  await TossPayments(p.clientKey).payment({ customerKey }).requestPayment({
    method: 'CARD',
    amount: { currency: 'KRW', value: p.amount },
    orderId: p.orderId, orderName: p.orderName, successUrl: p.successUrl, failUrl: p.failUrl,
    customerEmail: p.customerEmail, customerName: p.customerName,
    card: { flowMode: 'DEFAULT', useEscrow: false, useCardPoint: false, useAppCardOnly: false },
  });
}

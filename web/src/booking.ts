import { api } from './api';
import type { Amount } from './bookings';
import type { Method, WindowParams } from './logic/payment';

/** Typed calls of holding, checkout and payment (docs/openapi.yaml, tags booking and payments); reading a booking is in bookings.ts. */
export type HoldStatus = 'PENDING' | 'PAYING' | 'CONFIRMED' | 'FAILED' | 'EXPIRED' | 'RELEASED';
export interface Hold {
  holdId: string; scheduleId: string; performanceId: string; seatId: string; seatLabel: string; gradeName: string;
  status: HoldStatus; expiresAt: string; orderId: string; orderName: string; amount: Amount; method?: Method;
  bookingId?: string; lastPaymentFailure?: { code: string; message: string };
}
export interface Checkout extends Omit<WindowParams, 'amount'> { holdId: string; amount: Amount; expiresAt: string }
export interface PaymentResult { bookingId: string; status: 'CONFIRMED' | 'PROCESSING' }
export interface AppConfig { toss: { clientKey: string; windowUrl?: string } }

const id = encodeURIComponent;

export const createHold = (scheduleId: string, seatId: string, idempotencyKey: string) =>
  api<Hold>('POST', `/schedules/${id(scheduleId)}/holds`, { seatId }, { headers: { 'Idempotency-Key': idempotencyKey } });
export const getHold = (holdId: string) => api<Hold>('GET', `/holds/${id(holdId)}`);
export const releaseHold = (holdId: string) => api<void>('DELETE', `/holds/${id(holdId)}`);
export const checkout = (holdId: string, method: Method, discountCode?: string) =>
  api<Checkout>('POST', `/holds/${id(holdId)}/checkout`, discountCode ? { method, discountCode } : { method });
export const confirmPayment = (body: { holdId: string; paymentKey: string; orderId: string; amount: number }) =>
  api<PaymentResult>('POST', '/payments/confirm', body);
export const failPayment = (body: { holdId: string; code: string; message?: string }) => api<Hold>('POST', '/payments/fail', body);
export const getConfig = () => api<AppConfig>('GET', '/config.json', undefined, { anonymous: true });

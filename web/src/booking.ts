import { api } from './api';
import type { Method, WindowParams } from './logic/payment';

/** Typed calls of holding, checkout and payment (docs/openapi.yaml, tags booking, payments, bookings). */
export interface Amount { seatPrice: number; fee: number; discount: number; total: number; currency: 'KRW' }
export type HoldStatus = 'PENDING' | 'PAYING' | 'CONFIRMED' | 'FAILED' | 'EXPIRED' | 'RELEASED';
export interface Hold {
  holdId: string; scheduleId: string; performanceId: string; seatId: string; seatLabel: string; gradeName: string;
  status: HoldStatus; expiresAt: string; orderId: string; orderName: string; amount: Amount; method?: Method;
  bookingId?: string; lastPaymentFailure?: { code: string; message: string };
}
export interface Checkout extends Omit<WindowParams, 'amount'> { holdId: string; amount: Amount; expiresAt: string }
export interface PaymentResult { bookingId: string; status: 'CONFIRMED' | 'PROCESSING' }
export interface BookingState { bookingId: string; status: string; failure?: { code: string; message: string } }
export interface Receipt {
  bookingId: string; bookingNumber: string; bookedAt: string; bookedAtDisplay: string; customerName: string;
  performance: { title: string; venueName: string; thumbnailUrl: string | null };
  schedule: { startAt: string; display: string };
  seat: { seatId: string; label: string; gradeName: string };
  amount: Amount;
  payment: { method: string | null; methodLabel: string | null; approvedAt: string | null; receiptUrl: string | null };
  status: string; statusLabel: string;
}
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
export const getBooking = (bookingId: string) => api<BookingState>('GET', `/bookings/${id(bookingId)}`);
export const getReceipt = (bookingId: string) => api<Receipt>('GET', `/bookings/${id(bookingId)}/receipt`);
export const getConfig = () => api<AppConfig>('GET', '/config.json', undefined, { anonymous: true });

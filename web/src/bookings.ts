import { api } from './api';
import { bookingsQuery, type BookingSort, type BookingStatus } from './logic/bookings';

export interface Amount { seatPrice: number; fee: number; discount: number; total: number; currency: 'KRW' }

/** One row of GET /me/bookings. */
export interface BookingLine {
  bookingId: string; bookingNumber: string; bookedAt: string; performanceTitle: string;
  thumbnailUrl: string | null; venueName: string; scheduleStartAt: string; status: BookingStatus;
}
export interface Page<T> { items: T[]; nextCursor: string | null }

export interface Refund { status: 'PENDING' | 'FAILED' | 'DONE'; amount: number; refundedAt: string | null; attempts: number }

/** GET /bookings/{id} once the booking exists. */
export interface Booking {
  bookingId: string; bookingNumber: string; bookedAt: string; status: BookingStatus; userId: string;
  scheduleId: string; scheduleStartAt: string; grade: string;
  seat: { seatId: string; label: string; gradeName: string; price: number };
  amount: Amount;
  payment: { method: 'CARD' | 'EASY_PAY'; methodLabel: string; approvedAt: string; receiptUrl: string | null };
  performance: { performanceId: string; title: string; thumbnailUrl: string | null; venueName: string };
  cancellableUntil: string;
  cancellation: { requestedAt: string; byAdmin: boolean; reason: string | null; refund: Refund } | null;
  history: { status: BookingStatus; at: string; note: string | null }[];
}

/** The same id before the booking exists (the payment is still being confirmed, or failed). */
export interface BookingPending { bookingId: string; status: 'PROCESSING' | 'FAILED' | 'EXPIRED' | 'RELEASED' | 'PENDING'; failure?: { code: string; message: string } }

export interface Receipt {
  bookingId: string; bookingNumber: string; bookedAt: string; bookedAtDisplay: string; customerName: string;
  performance: { title: string; venueName: string; thumbnailUrl: string | null };
  schedule: { startAt: string; display: string };
  seat: { seatId: string; label: string; gradeName: string };
  amount: Amount;
  payment: { method: string | null; methodLabel: string | null; approvedAt: string | null; receiptUrl: string | null };
  status: 'CONFIRMED' | 'CANCELLED'; statusLabel: string;
}

export interface CancelResult {
  bookingId: string; bookingNumber: string; status: 'REFUND_PENDING' | 'CANCELLED'; cancellableUntil: string;
  refund: { status: 'PENDING' | 'FAILED' | 'DONE'; amount: number; refundedAmount: number; refundedAt?: string | null; attempts: number };
  cancelRequestedAt: string; reason: string | null;
}

export function isBooking(b: Booking | BookingPending): b is Booking {
  return 'bookingNumber' in b;
}

export function myBookings(sort: BookingSort, size: number, cursor?: string | null, signal?: AbortSignal): Promise<Page<BookingLine>> {
  return api<Page<BookingLine>>('GET', `/me/bookings?${bookingsQuery(sort, size, cursor)}`, undefined, { signal });
}

export function getBooking(id: string): Promise<Booking | BookingPending> {
  return api<Booking | BookingPending>('GET', `/bookings/${encodeURIComponent(id)}`);
}

export function getReceipt(id: string): Promise<Receipt> {
  return api<Receipt>('GET', `/bookings/${encodeURIComponent(id)}/receipt`);
}

/** The buyer's cancel; one Idempotency-Key per dialog so a repeated click refunds once. */
export function cancelBooking(id: string, idempotencyKey: string): Promise<CancelResult> {
  return api<CancelResult>('POST', `/bookings/${encodeURIComponent(id)}/cancel`, {}, { headers: { 'Idempotency-Key': idempotencyKey } });
}

/** A fresh Idempotency-Key (getRandomValues works on plain-http origins too, unlike randomUUID). */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** DOM-free rules of the booking screens: Korean status labels, the list's sort, the cancel deadline. */
import { date, time } from './format.ts';

export type BookingStatus = 'CONFIRMED' | 'REFUND_PENDING' | 'CANCELLED';

const STATUS: Record<BookingStatus, string> = {
  CONFIRMED: '예매 완료',
  REFUND_PENDING: '환불 처리 중',
  CANCELLED: '취소',
};

export function statusLabel(status: string): string {
  return STATUS[status as BookingStatus] ?? status;
}

const REFUND: Record<string, string> = { PENDING: '환불 대기', FAILED: '환불 실패 (고객센터 확인 중)', DONE: '환불 완료' };
export function refundLabel(status: string): string {
  return REFUND[status] ?? status;
}

const METHOD: Record<string, string> = { CARD: '카드', EASY_PAY: '간편결제' };
export function methodLabel(method: string | null | undefined, tossLabel?: string | null): string {
  return tossLabel || (method ? METHOD[method] ?? method : '-');
}

/** GET /me/bookings `sort` × `order` (both directions of both), as one select value `bookedAt-desc`. */
export type SortKey = 'bookedAt' | 'title';
export type SortOrder = 'asc' | 'desc';
export interface BookingSort { sort: SortKey; order: SortOrder }

export const SORT_OPTIONS: { value: string; label: string }[] = [
  { value: 'bookedAt-desc', label: '예매일 최신순' },
  { value: 'bookedAt-asc', label: '예매일 오래된순' },
  { value: 'title-asc', label: '공연명 가나다순' },
  { value: 'title-desc', label: '공연명 역순' },
];

export const DEFAULT_SORT: BookingSort = { sort: 'bookedAt', order: 'desc' };

/** `?sort=title&order=asc` → the sort; anything else → the API's default (booking date, newest first). */
export function parseSort(query: URLSearchParams): BookingSort {
  const sort = query.get('sort') === 'title' ? 'title' : 'bookedAt';
  const order = query.get('order') === 'asc' ? 'asc' : query.get('order') === 'desc' ? 'desc' : sort === 'title' ? 'asc' : 'desc';
  return { sort, order };
}

export function sortValue(s: BookingSort): string {
  return `${s.sort}-${s.order}`;
}

export function sortFromValue(value: string): BookingSort {
  const [sort, order] = value.split('-');
  return { sort: sort === 'title' ? 'title' : 'bookedAt', order: order === 'asc' ? 'asc' : 'desc' };
}

/** The query of one page of GET /me/bookings. */
export function bookingsQuery(s: BookingSort, size: number, cursor?: string | null): string {
  const q = new URLSearchParams({ sort: s.sort, order: s.order, size: String(size) });
  if (cursor) q.set('cursor', cursor);
  return q.toString();
}

/** `2026년 12월 23일 19:30` (KST) — the deadline as the cancel dialog states it. */
export function deadlineText(iso: string): string {
  return `${date(iso)} ${time(iso)}`;
}

export interface CancelState {
  /** The buyer may cancel now. */
  allowed: boolean;
  /** Why not, in Korean, when not allowed. */
  reason?: string;
  /** `YYYY년 MM월 DD일 HH:mm까지 취소 가능`. */
  deadline: string;
  /** The deadline as the detail lists it: the same sentence, or `… (마감)` once it has passed. */
  deadlineRow: string;
}

/**
 * Whether the buyer can cancel at `now`: only a confirmed booking, only before
 * `cancellableUntil` (the show's start less the `booking.cancellationHours` policy, computed by
 * the server). The hours come from that instant and the show's start, so the text follows the policy.
 */
export function cancelState(b: { status: string; cancellableUntil: string; scheduleStartAt: string }, now: Date): CancelState {
  const deadline = `${deadlineText(b.cancellableUntil)}까지 취소 가능`;
  const passed = now.getTime() >= Date.parse(b.cancellableUntil);
  const deadlineRow = passed ? `${deadlineText(b.cancellableUntil)} (마감)` : deadline;
  if (b.status === 'REFUND_PENDING') return { allowed: false, reason: '취소 요청이 접수되어 환불을 처리하고 있습니다.', deadline, deadlineRow };
  if (b.status !== 'CONFIRMED') return { allowed: false, reason: '이미 취소된 예매입니다.', deadline, deadlineRow };
  if (passed) {
    const hours = Math.round((Date.parse(b.scheduleStartAt) - Date.parse(b.cancellableUntil)) / 3_600_000);
    return {
      allowed: false,
      reason: `공연 ${hours}시간 전부터는 취소할 수 없습니다. (취소 마감: ${deadlineText(b.cancellableUntil)})`,
      deadline,
      deadlineRow,
    };
  }
  return { allowed: true, deadline, deadlineRow };
}

import { won } from './format.ts';

/**
 * The seat map's DOM-free half: the live states from the seat status's 2-bit encoding, each
 * seat's accessible label, keyboard moves between seats and the SVG's view box (zoom and pan).
 */
export type SeatState = 'AVAILABLE' | 'PENDING' | 'BOOKED';

export interface LayoutSeat {
  seatId: string; label: string; section: string; row: string; number: number; x: number; y: number; gradeId: string | null;
}
export interface Grade { gradeId: string; name: string; color: string; price: number; totalSeats: number }

const STATES: SeatState[] = ['AVAILABLE', 'PENDING', 'BOOKED'];

/**
 * Decodes `states` (openapi SeatStatusDocument): base64 of ceil(n/4) bytes, seat i in byte i/4,
 * the first seat of a byte in its two highest bits; 0 AVAILABLE, 1 PENDING, 2 BOOKED. A value the
 * API does not define (3) is read as taken, so an unknown state is never offered for sale.
 */
export function decodeStates(base64: string, seatCount: number): SeatState[] {
  const bin = atob(base64);
  if (bin.length < Math.ceil(seatCount / 4)) throw new Error(`states has ${bin.length} bytes for ${seatCount} seats`);
  const out: SeatState[] = new Array(seatCount);
  for (let i = 0; i < seatCount; i++) {
    const bits = (bin.charCodeAt(i >> 2) >> (6 - 2 * (i % 4))) & 3;
    out[i] = STATES[bits] ?? 'BOOKED';
  }
  return out;
}

/** `1층 A열 3번, VIP, 150,000원`: the layout's own label, the grade and its price. */
export function seatLabel(seat: LayoutSeat, grade: Grade | undefined): string {
  return grade ? `${seat.label}, ${grade.name}, ${won(grade.price)}` : `${seat.label}, 판매하지 않는 좌석`;
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/**
 * The seat an arrow key moves to from seat `from`: left/right the nearest seat of the same
 * line (same y) in that direction; up/down the nearest line above/below, at the seat closest in
 * x. Stays put at an edge (returns `from`).
 */
export function neighbour(seats: readonly Pick<LayoutSeat, 'x' | 'y'>[], from: number, dir: Direction): number {
  const here = seats[from];
  let best = from;
  let bestScore = Infinity;
  if (dir === 'left' || dir === 'right') {
    const sign = dir === 'right' ? 1 : -1;
    seats.forEach((s, i) => {
      const dx = (s.x - here.x) * sign;
      if (s.y === here.y && dx > 0 && dx < bestScore) {
        best = i;
        bestScore = dx;
      }
    });
    return best;
  }
  const sign = dir === 'down' ? 1 : -1;
  let lineY: number | null = null;
  for (const s of seats) {
    const dy = (s.y - here.y) * sign;
    if (dy > 0 && (lineY === null || dy < (lineY - here.y) * sign)) lineY = s.y;
  }
  if (lineY === null) return from;
  seats.forEach((s, i) => {
    const dx = Math.abs(s.x - here.x);
    if (s.y === lineY && dx < bestScore) {
      best = i;
      bestScore = dx;
    }
  });
  return best;
}

export interface ViewBox { x: number; y: number; width: number; height: number }

/** The smallest distance between two seats' centres (the seat size is drawn from it). */
export function pitch(seats: readonly Pick<LayoutSeat, 'x' | 'y'>[]): number {
  let min = Infinity;
  // Neighbours in a row are usually next to each other in layout order; sort by line to keep this O(n log n).
  const sorted = [...seats].sort((a, b) => a.y - b.y || a.x - b.x);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    const d = a.y === b.y ? b.x - a.x : b.y - a.y;
    if (d > 0 && d < min) min = d;
  }
  return Number.isFinite(min) ? min : 10;
}

/** The whole venue with half a pitch of margin around the outermost seats. */
export function fullViewBox(seats: readonly Pick<LayoutSeat, 'x' | 'y'>[]): ViewBox {
  const p = pitch(seats);
  const xs = seats.map((s) => s.x);
  const ys = seats.map((s) => s.y);
  const x = Math.min(...xs) - p;
  const y = Math.min(...ys) - p;
  return { x, y, width: Math.max(...xs) - x + p, height: Math.max(...ys) - y + p };
}

/** Keeps a zoomed view inside the venue (it may not be larger than the whole, nor leave it). */
export function clampView(view: ViewBox, full: ViewBox): ViewBox {
  const width = Math.min(view.width, full.width);
  const height = Math.min(view.height, full.height);
  const x = Math.min(Math.max(view.x, full.x), full.x + full.width - width);
  const y = Math.min(Math.max(view.y, full.y), full.y + full.height - height);
  return { x, y, width, height };
}

/** Zooms by `factor` (> 1 closer) around a point of the venue (default the view's centre), at most 8×. */
export function zoom(view: ViewBox, full: ViewBox, factor: number, at?: { x: number; y: number }): ViewBox {
  const minWidth = full.width / 8;
  const width = Math.min(full.width, Math.max(minWidth, view.width / factor));
  const scale = width / view.width;
  const cx = at?.x ?? view.x + view.width / 2;
  const cy = at?.y ?? view.y + view.height / 2;
  return clampView({ x: cx - (cx - view.x) * scale, y: cy - (cy - view.y) * scale, width, height: view.height * scale }, full);
}

/** Moves the view by (dx, dy) venue units, staying inside the venue. */
export function pan(view: ViewBox, full: ViewBox, dx: number, dy: number): ViewBox {
  return clampView({ ...view, x: view.x + dx, y: view.y + dy }, full);
}

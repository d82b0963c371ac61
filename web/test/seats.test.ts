import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clampView, decodeStates, fullViewBox, neighbour, pan, pitch, seatLabel, zoom } from '../src/logic/seats.ts';

const b64 = (...bytes: number[]) => Buffer.from(bytes).toString('base64');

test('the 2-bit states decode in layout order, the first seat of a byte in its high bits', () => {
  // openapi's example: seats 1 BOOKED, 2 PENDING, 3 to 5 AVAILABLE is `kAA=`.
  assert.deepEqual(decodeStates('kAA=', 5), ['BOOKED', 'PENDING', 'AVAILABLE', 'AVAILABLE', 'AVAILABLE']);
  assert.deepEqual(decodeStates(b64(0b00011000, 0b01000000), 6), ['AVAILABLE', 'PENDING', 'BOOKED', 'AVAILABLE', 'PENDING', 'AVAILABLE']);
});

test('an undefined state (3) is read as taken, and too few bytes are refused', () => {
  assert.deepEqual(decodeStates(b64(0b11000000), 1), ['BOOKED']);
  assert.throws(() => decodeStates(b64(0), 5));
});

test('a seat is labelled with the layout label, its grade and its price', () => {
  const seat = { seatId: '1층-A-3', label: '1층 A열 3번', section: '1층', row: 'A', number: 3, x: 20, y: 0, gradeId: 'G1' };
  assert.equal(seatLabel(seat, { gradeId: 'G1', name: 'VIP', color: '#D4AF37', price: 150000, totalSeats: 4 }), '1층 A열 3번, VIP, 150,000원');
  assert.equal(seatLabel(seat, undefined), '1층 A열 3번, 판매하지 않는 좌석');
});

// Two rows of four and a short row of two, as the browser tests' venue (x, y in units of 10).
const venue = [
  ...[0, 10, 20, 30].map((x) => ({ x, y: 0 })),
  ...[0, 10, 20, 30].map((x) => ({ x, y: 10 })),
  ...[0, 10].map((x) => ({ x, y: 30 })),
];

test('arrow keys move along a row and stop at its ends', () => {
  assert.equal(neighbour(venue, 0, 'right'), 1);
  assert.equal(neighbour(venue, 1, 'left'), 0);
  assert.equal(neighbour(venue, 0, 'left'), 0);
  assert.equal(neighbour(venue, 3, 'right'), 3);
});

test('up and down go to the nearest line, at the closest seat, skipping the gap between sections', () => {
  assert.equal(neighbour(venue, 2, 'down'), 6);
  assert.equal(neighbour(venue, 7, 'down'), 9);
  assert.equal(neighbour(venue, 9, 'up'), 5);
  assert.equal(neighbour(venue, 0, 'up'), 0);
  assert.equal(neighbour(venue, 8, 'down'), 8);
});

test('the view box holds every seat with a pitch of margin', () => {
  assert.equal(pitch(venue), 10);
  assert.deepEqual(fullViewBox(venue), { x: -10, y: -10, width: 50, height: 50 });
});

test('zoom stays inside the venue, at most 8x, and pan cannot leave it', () => {
  const full = fullViewBox(venue);
  const z = zoom(full, full, 2);
  assert.equal(z.width, 25);
  assert.equal(z.height, 25);
  assert.deepEqual({ x: z.x, y: z.y }, { x: 2.5, y: 2.5 });
  assert.equal(zoom(full, full, 100).width, 50 / 8);
  assert.deepEqual(zoom(z, full, 0.01), full);
  assert.deepEqual(pan(z, full, -1000, 1000), { x: -10, y: 15, width: 25, height: 25 });
  assert.deepEqual(clampView({ x: 0, y: 0, width: 80, height: 80 }, full), full);
});

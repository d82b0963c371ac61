import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Direction, fullViewBox, type Grade, type LayoutSeat, pan, pitch, type SeatState, seatLabel, type ViewBox, zoom, neighbour } from '../logic/seats';

const KEYS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

/**
 * The venue drawn as SVG from the seat layout, coloured by grade and greyed where the live
 * states say taken. Each seat is a button with the label "1층 A열 3번, VIP, 150,000원"; one tab
 * stop (roving tabindex), arrows move between seats, Enter/Space select. Zoom with +/− or a pinch,
 * pan by dragging (the view box moves; the page does not scroll sideways).
 */
export function SeatMap(props: {
  seats: LayoutSeat[]; grades: Grade[]; states: SeatState[] | null; selected: string | null; onSelect: (seatId: string) => void;
}) {
  const { seats, grades, states, selected, onSelect } = props;
  const gradeOf = useMemo(() => new Map(grades.map((g) => [g.gradeId, g])), [grades]);
  const full = useMemo(() => fullViewBox(seats), [seats]);
  const size = useMemo(() => pitch(seats) * 0.8, [seats]);
  const [view, setView] = useState<ViewBox>(full);
  useEffect(() => setView(full), [full]);
  const selectedIndex = selected ? seats.findIndex((s) => s.seatId === selected) : -1;
  const [focusIndex, setFocusIndex] = useState(-1);
  const stop = focusIndex >= 0 ? focusIndex : selectedIndex >= 0 ? selectedIndex : Math.max(0, states ? states.indexOf('AVAILABLE') : 0);
  const svg = useRef<SVGSVGElement>(null);
  const refs = useRef<(SVGGElement | null)[]>([]);

  const available = (i: number) => !!states && states[i] === 'AVAILABLE' && !!seats[i].gradeId && gradeOf.has(seats[i].gradeId!);

  const moveFocus = (i: number) => {
    setFocusIndex(i);
    refs.current[i]?.focus();
    // Keep the focused seat in view when zoomed in.
    const s = seats[i];
    setView((v) => (s.x < v.x || s.x > v.x + v.width || s.y < v.y || s.y > v.y + v.height ? pan(v, full, s.x - (v.x + v.width / 2), s.y - (v.y + v.height / 2)) : v));
  };

  const onKeyDown = (e: KeyboardEvent, i: number) => {
    const dir = KEYS[e.key];
    if (dir) {
      e.preventDefault();
      moveFocus(neighbour(seats, i, dir));
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (available(i)) onSelect(seats[i].seatId);
    }
  };

  // Drag to pan, two fingers to pinch: pointer positions are turned into venue units.
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const moved = useRef(false);
  const toVenue = (clientX: number, clientY: number) => {
    const r = svg.current!.getBoundingClientRect();
    return { x: view.x + ((clientX - r.left) / r.width) * view.width, y: view.y + ((clientY - r.top) / r.height) * view.height, scale: view.width / r.width };
  };
  const onPointerDown = (e: PointerEvent) => {
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    moved.current = false;
  };
  const onPointerMove = (e: PointerEvent) => {
    const prev = pointers.current.get(e.pointerId);
    if (!prev) return;
    const ps = [...pointers.current.entries()];
    if (ps.length === 1) {
      const dx = e.clientX - prev.x;
      const dy = e.clientY - prev.y;
      if (!moved.current && Math.hypot(dx, dy) < 6) return;
      if (!moved.current) svg.current?.setPointerCapture(e.pointerId);
      moved.current = true;
      const scale = toVenue(0, 0).scale;
      setView((v) => pan(v, full, -dx * scale, -dy * scale));
    } else if (ps.length === 2) {
      const other = ps.find(([id]) => id !== e.pointerId)![1];
      const before = Math.hypot(prev.x - other.x, prev.y - other.y);
      const after = Math.hypot(e.clientX - other.x, e.clientY - other.y);
      if (before > 0) {
        moved.current = true;
        const mid = toVenue((e.clientX + other.x) / 2, (e.clientY + other.y) / 2);
        setView((v) => zoom(v, full, after / before, mid));
      }
    }
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
  };
  const onPointerUp = (e: PointerEvent) => {
    pointers.current.delete(e.pointerId);
  };

  const zoomed = view.width < full.width - 0.01;
  return (
    <div class="seatmap">
      <div class="seatmap-tools" role="group" aria-label="좌석 배치도 확대/축소">
        <button type="button" class="secondary" aria-label="확대" onClick={() => setView((v) => zoom(v, full, 1.5))}>+</button>
        <button type="button" class="secondary" aria-label="축소" disabled={!zoomed} onClick={() => setView((v) => zoom(v, full, 1 / 1.5))}>−</button>
        <button type="button" class="secondary" disabled={!zoomed} onClick={() => setView(full)}>전체 보기</button>
      </div>
      <div class="stage-label" aria-hidden="true">무대</div>
      <svg
        ref={svg} class={`seatmap-svg${zoomed ? ' zoomed' : ''}`} style={{ maxWidth: `${Math.round((full.width / (size / 0.8)) * 48)}px` }} viewBox={`${view.x} ${view.y} ${view.width} ${view.height}`}
        preserveAspectRatio="xMidYMin meet" role="group" aria-label="좌석 배치도 (화살표 키로 좌석 이동, Enter로 선택)"
        onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={onPointerUp} onPointerLeave={onPointerUp}
        onClickCapture={(e) => {
          // The end of a drag is not a click on the seat under the finger.
          if (moved.current) {
            e.stopPropagation();
            moved.current = false;
          }
        }}
      >
        {seats.map((s, i) => {
          const g = s.gradeId ? gradeOf.get(s.gradeId) : undefined;
          const free = available(i);
          const isSelected = s.seatId === selected;
          return (
            <g
              key={s.seatId} ref={(el) => { refs.current[i] = el as SVGGElement | null; }}
              role="button" tabIndex={i === stop ? 0 : -1} aria-label={seatLabel(s, g)}
              aria-pressed={isSelected ? 'true' : 'false'} aria-disabled={free ? undefined : 'true'}
              class={`seat${free ? '' : ' taken'}${isSelected ? ' selected' : ''}`} data-seat-id={s.seatId}
              onClick={() => {
                setFocusIndex(i);
                if (free) onSelect(s.seatId);
              }}
              onKeyDown={(e) => onKeyDown(e, i)} onFocus={() => setFocusIndex(i)}
            >
              <rect x={s.x - size / 2} y={s.y - size / 2} width={size} height={size} rx={size / 5}
                fill={free ? g?.color ?? '#999' : 'var(--taken)'} />
              {isSelected && <path d={`M${s.x - size * 0.25} ${s.y} l${size * 0.18} ${size * 0.2} l${size * 0.32} -${size * 0.4}`}
                fill="none" stroke="#fff" stroke-width={size / 8} stroke-linecap="round" />}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import type { PageProps } from '../App';
import { useAuth } from '../auth';
import { createHold } from '../booking';
import { getPerformance, getSeatLayout, getSeatStatus, type PerformanceDetail, type SeatLayout, type SeatStatus } from '../catalog';
import { SeatMap } from '../components/SeatMap';
import { ErrorBox, Loading, Page } from '../components/ui';
import { dateTime, won } from '../logic/format';
import { decodeStates, type SeatState } from '../logic/seats';
import { navigate } from '../router';

/** How often the live seat status is polled while the page is visible (openapi: a hold shows within 2-3 s). */
const POLL_MS = 2000;

/**
 * Seat selection: the layout (immutable, per version) drawn once, coloured by the seat status
 * polled every 2 s while the tab is visible. One seat at a time; "좌석 선점하기" holds it.
 */
export function SeatSelection({ match }: PageProps) {
  const { performanceId, scheduleId } = match.params;
  const { profile } = useAuth();
  const [show, setShow] = useState<PerformanceDetail | null>(null);
  const [layout, setLayout] = useState<SeatLayout | null>(null);
  const [status, setStatus] = useState<SeatStatus | null>(null);
  const [states, setStates] = useState<SeatState[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  // Seats this page learnt are taken (a 409) before the next status shows them.
  const lost = useRef(new Set<string>());
  const holdKey = useRef<{ seatId: string; key: string } | null>(null);

  useEffect(() => {
    getPerformance(performanceId).then(setShow, setError);
  }, [performanceId]);

  // The poll: If-None-Match with the last ETag; stops while the tab is hidden.
  useEffect(() => {
    let etag: string | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ctl: AbortController | null = null;
    let stopped = false;
    const poll = async () => {
      clearTimeout(timer);
      if (stopped || document.hidden) return;
      ctl = new AbortController();
      try {
        const r = await getSeatStatus(scheduleId, etag, ctl.signal);
        etag = r.etag;
        if (r.status) setStatus(r.status);
      } catch (e) {
        // A failed poll keeps the map it has and tries again; only a map never shown is an error.
        if (!etag && !(e instanceof DOMException && e.name === 'AbortError')) setError(e);
      }
      if (!stopped && !document.hidden) timer = setTimeout(poll, POLL_MS);
    };
    const onVisibility = () => {
      if (document.hidden) {
        clearTimeout(timer);
        ctl?.abort();
      } else poll();
    };
    document.addEventListener('visibilitychange', onVisibility);
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
      ctl?.abort();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [scheduleId]);

  // The layout is fetched for the version the status names (again only if the organiser changes it).
  const layoutVersion = status?.layoutVersion;
  useEffect(() => {
    if (layoutVersion === undefined) return;
    getSeatLayout(performanceId, layoutVersion).then(setLayout, setError);
  }, [performanceId, layoutVersion]);

  useEffect(() => {
    if (!status || !layout || layout.layoutVersion !== status.layoutVersion) return;
    const decoded = decodeStates(status.states, status.seatCount);
    layout.seats.forEach((s, i) => {
      if (decoded[i] === 'AVAILABLE' && lost.current.has(s.seatId)) decoded[i] = 'PENDING';
      else lost.current.delete(s.seatId);
    });
    setStates(decoded);
  }, [status, layout]);

  // A selected seat that someone else takes meanwhile is unselected, with a word why.
  useEffect(() => {
    if (!selected || !states || !layout) return;
    const i = layout.seats.findIndex((s) => s.seatId === selected);
    if (i >= 0 && states[i] !== 'AVAILABLE') {
      setSelected(null);
      setNotice('선택하신 좌석이 방금 다른 분에게 선점되었습니다. 다른 좌석을 선택해 주세요.');
    }
  }, [states]);

  const here = `/shows/${performanceId}/schedules/${scheduleId}`;
  const hold = async () => {
    if (!selected) return;
    if (!profile) {
      navigate(`/login?next=${encodeURIComponent(here)}`);
      return;
    }
    // The same key for retries of the same seat: a lost answer never holds twice.
    if (holdKey.current?.seatId !== selected) holdKey.current = { seatId: selected, key: crypto.randomUUID() };
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const h = await createHold(scheduleId, selected, holdKey.current.key);
      navigate(`/checkout/${h.holdId}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'SEAT_UNAVAILABLE') {
        lost.current.add(selected);
        setStates((old) => old && layout ? old.map((st, i) => (layout.seats[i].seatId === selected ? 'PENDING' : st)) : old);
        setSelected(null);
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const schedule = show?.schedules.find((s) => s.scheduleId === scheduleId);
  const title = show ? `${show.title} 좌석 선택` : '좌석 선택';
  const seat = layout?.seats.find((s) => s.seatId === selected);
  const grade = seat && layout?.grades.find((g) => g.gradeId === seat.gradeId);
  const remaining = new Map(status?.grades.map((g) => [g.gradeId, g.remaining]));

  return (
    <Page title={title}>
      {show && (
        <p class="lead">
          <a href={`/shows/${performanceId}`}>{show.title}</a> · {show.venue.name}
          {schedule && <> · <strong>{dateTime(schedule.startAt)}</strong></>}
        </p>
      )}
      <ErrorBox error={error} />
      {notice && <p class="notice" role="status">{notice}</p>}
      {!layout || !states ? (
        !error && <Loading label="좌석 배치도를 불러오는 중…" />
      ) : (
        <div class="seat-screen">
          <div>
            <SeatMap seats={layout.seats} grades={layout.grades} states={states} selected={selected}
              onSelect={(id) => { setSelected(id); setNotice(''); setError(null); }} />
            <p class="hint">좌석은 1인 1석만 선택할 수 있습니다. 회색 좌석은 이미 선택되었거나 예매된 좌석입니다.</p>
          </div>
          <aside class="seat-side">
            <section class="selection card" aria-live="polite" aria-labelledby="sel-title">
              <h2 id="sel-title">선택한 좌석</h2>
              {seat && grade ? (
                <dl class="info">
                  <dt>좌석</dt><dd>{seat.label}</dd>
                  <dt>등급</dt><dd>{grade.name}석</dd>
                  <dt>가격</dt><dd>{won(grade.price)}</dd>
                </dl>
              ) : (
                <p class="hint">배치도에서 좌석을 선택해 주세요.</p>
              )}
              <button type="button" onClick={hold} disabled={!seat || busy}>{busy ? '선점하는 중…' : '좌석 선점하기'}</button>
              {!profile && seat && <p class="hint">좌석을 선점하려면 로그인이 필요합니다.</p>}
            </section>
            <h2>좌석 등급</h2>
            <ul class="legend">
              {layout.grades.map((g) => (
                <li key={g.gradeId}>
                  <span class="swatch" style={{ background: g.color }} aria-hidden="true" />
                  <span class="legend-name">{g.name}석</span> <span>{won(g.price)}</span>
                  <span class="hint"> 잔여 {remaining.get(g.gradeId) ?? 0}석</span>
                </li>
              ))}
              <li><span class="swatch taken" aria-hidden="true" /> 선택 불가</li>
            </ul>
          </aside>
        </div>
      )}
    </Page>
  );
}

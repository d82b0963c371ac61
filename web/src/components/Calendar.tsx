import { useEffect, useState } from 'preact/hooks';
import { type CalendarSchedule, getCalendar } from '../catalog';
import { addMonths, byKstDay, monthGrid, monthTitle, utcMonthsFor } from '../logic/calendar';
import { time } from '../logic/format';
import { ErrorBox, Loading } from './ui';

const WEEK = ['일', '월', '화', '수', '목', '금', '토'];

/**
 * A Korean month of a show's schedules (GET /performances/{id}/calendar, whose days are UTC days,
 * so two UTC months are read and regrouped by KST day): each day with a schedule lists its times
 * and remaining seats; a time opens that schedule's seat selection. `onSale` false shows the
 * times without links.
 */
export function ScheduleCalendar({ performanceId, initial, onSale }: { performanceId: string; initial: string; onSale: boolean }) {
  const [month, setMonth] = useState(initial);
  const [data, setData] = useState<Map<string, CalendarSchedule[]> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setMonth(initial), [initial]);
  useEffect(() => {
    let live = true;
    setData(null);
    setError(null);
    Promise.all(utcMonthsFor(month).map((m) => getCalendar(performanceId, m)))
      .then((months) => byKstDay(months.flatMap((c) => c.days.flatMap((d) => d.schedules)), month))
      .then((d) => live && setData(d), (e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [performanceId, month]);

  return (
    <section class="calendar" aria-labelledby="cal-title">
      <div class="calendar-head">
        <button type="button" class="secondary" onClick={() => setMonth(addMonths(month, -1))} aria-label="이전 달">‹</button>
        <h2 id="cal-title" aria-live="polite">{monthTitle(month)}</h2>
        <button type="button" class="secondary" onClick={() => setMonth(addMonths(month, 1))} aria-label="다음 달">›</button>
      </div>
      <ErrorBox error={error} />
      {!data && !error && <Loading />}
      {data && (
        <>
          {data.size === 0 && <p class="hint">이 달에는 공연 일정이 없습니다.</p>}
          <table class="calendar-grid">
            <caption class="visually-hidden">{monthTitle(month)} 공연 일정</caption>
            <thead><tr>{WEEK.map((w) => <th scope="col" key={w}>{w}</th>)}</tr></thead>
            <tbody>
              {monthGrid(month).map((week, wi) => (
                <tr key={wi}>
                  {week.map((cell, ci) => {
                    const schedules = cell ? data.get(cell.date) : undefined;
                    return (
                      <td key={ci} class={schedules ? 'has-show' : undefined}>
                        {cell && <span class="day">{cell.day}</span>}
                        {schedules?.map((s) => {
                          const soldOut = s.remainingSeats === 0;
                          const text = `${time(s.startAt)} · ${soldOut ? '매진' : `잔여 ${s.remainingSeats}석`}`;
                          const label = `${monthTitle(month)} ${cell!.day}일 ${time(s.startAt)}, ${soldOut ? '매진' : `잔여 ${s.remainingSeats}석`}`;
                          return onSale && !soldOut ? (
                            <a key={s.scheduleId} class="slot" href={`/shows/${performanceId}/schedules/${s.scheduleId}`} aria-label={label}>{text}</a>
                          ) : (
                            <span key={s.scheduleId} class="slot off" aria-label={label}>{text}</span>
                          );
                        })}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { PageProps } from '../App';
import { getPerformance, type PerformanceDetail } from '../catalog';
import { ScheduleCalendar } from '../components/Calendar';
import { Poster } from '../components/Poster';
import { ErrorBox, Loading, Page } from '../components/ui';
import { initialMonth } from '../logic/calendar';
import { filtersToQuery, filtersFromQuery, GENRE_LABEL, periodText, saleState } from '../logic/catalogQuery';
import { date, dateTime, won } from '../logic/format';

/** A show's details (requirements §2.1) and the month calendar of its schedules. */
export function ShowDetail({ match }: PageProps) {
  const { performanceId } = match.params;
  const [show, setShow] = useState<PerformanceDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setShow(null);
    setError(null);
    getPerformance(performanceId).then(setShow, setError);
  }, [performanceId]);

  if (error) return <Page title="공연"><ErrorBox error={error} /><p><a href="/">공연 목록으로</a></p></Page>;
  if (!show) return <Page title="공연"><Loading /></Page>;

  const sale = saleState(show.ticketingStartAt, show.ticketingEndAt, Date.now());
  const venueLink = `/${filtersToQuery({ ...filtersFromQuery(new URLSearchParams()), venueId: show.venue.venueId, venueName: show.venue.name })}`;
  return (
    <Page title={show.title}>
      <div class="show-detail">
        <Poster src={show.thumbnailUrl} alt={`${show.title} 포스터`} />
        <div>
          <dl class="info">
            <dt>공연장</dt><dd><a href={venueLink}>{show.venue.name}</a></dd>
            <dt>장르</dt><dd>{GENRE_LABEL[show.genre] ?? show.genre}</dd>
            <dt>관람 시간</dt><dd>{show.runningTimeMinutes}분</dd>
            <dt>공연 기간</dt><dd>{periodText(show.startAt, show.endAt, date)}</dd>
            <dt>예매 기간</dt><dd>{dateTime(show.ticketingStartAt)} ~ {dateTime(show.ticketingEndAt)}</dd>
          </dl>
          {sale === 'BEFORE' && <p class="notice">예매 오픈 전입니다. {dateTime(show.ticketingStartAt)}부터 예매할 수 있습니다.</p>}
          {sale === 'CLOSED' && <p class="notice">예매가 종료되었습니다.</p>}
          <h2>좌석 등급</h2>
          <ul class="grades">
            {show.grades.map((g) => (
              <li key={g.gradeId}>
                <span class="swatch" style={{ background: g.color }} aria-hidden="true" />
                <strong>{g.name}석</strong> {won(g.price)} <span class="hint">({g.totalSeats}석)</span>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <h2>공연 소개</h2>
      <p class="description">{show.description}</p>
      <ScheduleCalendar performanceId={performanceId} initial={initialMonth(show.schedules, new Date())} onSale={sale === 'OPEN'} />
    </Page>
  );
}

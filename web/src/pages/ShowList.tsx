import { useEffect, useState } from 'preact/hooks';
import type { PageProps } from '../App';
import { listPerformances, type PerformanceSummary } from '../catalog';
import { Poster } from '../components/Poster';
import { ErrorBox, Loading, Page } from '../components/ui';
import { apiQuery, filterProblems, filtersFromQuery, filtersToQuery, GENRE_LABEL, GENRES, type ListFilters, periodText } from '../logic/catalogQuery';
import { date, won } from '../logic/format';
import { navigate } from '../router';

const PAGE_SIZE = 12;

/** The show list: filters in the URL (back, forward and reload keep them), "더 보기" pages on. */
export function ShowList({ match }: PageProps) {
  const search = match.query.toString();
  const applied = filtersFromQuery(match.query);
  const [form, setForm] = useState<ListFilters>(applied);
  const [items, setItems] = useState<PerformanceSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const f = filtersFromQuery(new URLSearchParams(search));
    setForm(f);
    setItems(null);
    setError(null);
    const ctl = new AbortController();
    listPerformances(apiQuery(f, PAGE_SIZE), ctl.signal).then((p) => {
      setItems(p.items);
      setCursor(p.nextCursor);
    }, setError);
    return () => ctl.abort();
  }, [search]);

  const loadMore = async () => {
    if (!cursor) return;
    setMore(true);
    try {
      const p = await listPerformances(apiQuery(applied, PAGE_SIZE, cursor));
      setItems((old) => [...(old ?? []), ...p.items]);
      setCursor(p.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setMore(false);
    }
  };

  const problems = filterProblems(form);
  const set = (k: keyof ListFilters) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const submit = (e: Event) => {
    e.preventDefault();
    if (Object.keys(problems).length === 0) navigate(`/${filtersToQuery(form)}`);
  };
  const hasFilters = filtersToQuery(applied) !== '';

  return (
    <Page title="공연">
      <form class="filters card" role="search" aria-label="공연 검색" onSubmit={submit}>
        <div class="field grow">
          <label for="f-q">공연명</label>
          <input id="f-q" type="search" name="q" value={form.q} onInput={set('q')} placeholder="공연명 일부로 검색" maxLength={100} />
        </div>
        <div class="field">
          <label for="f-genre">장르</label>
          <select id="f-genre" name="genre" value={form.genre} onChange={set('genre')}>
            <option value="">전체</option>
            {GENRES.map((g) => <option key={g} value={g}>{GENRE_LABEL[g]}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-from">공연일 시작</label>
          <input id="f-from" type="date" name="from" value={form.from} onInput={set('from')} />
        </div>
        <div class="field">
          <label for="f-to">공연일 끝</label>
          <input id="f-to" type="date" name="to" value={form.to} onInput={set('to')} aria-invalid={problems.to ? 'true' : undefined} aria-describedby={problems.to ? 'f-to-err' : undefined} />
          {problems.to && <small id="f-to-err" class="field-error">{problems.to}</small>}
        </div>
        <div class="field">
          <label for="f-min">최저 가격(원)</label>
          <input id="f-min" type="number" inputMode="numeric" min={0} step={1000} name="minPrice" value={form.minPrice} onInput={set('minPrice')} />
        </div>
        <div class="field">
          <label for="f-max">최고 가격(원)</label>
          <input id="f-max" type="number" inputMode="numeric" min={0} step={1000} name="maxPrice" value={form.maxPrice} onInput={set('maxPrice')} aria-invalid={problems.maxPrice ? 'true' : undefined} aria-describedby={problems.maxPrice ? 'f-max-err' : undefined} />
          {problems.maxPrice && <small id="f-max-err" class="field-error">{problems.maxPrice}</small>}
        </div>
        <div class="field">
          <label for="f-sort">정렬</label>
          <select id="f-sort" name="sort" value={form.sort} onChange={set('sort')}>
            <option value="latest">최신 등록순</option>
            <option value="name">이름순</option>
          </select>
        </div>
        <div class="filter-actions">
          <button type="submit">검색</button>
          {hasFilters && <a class="button secondary" href="/">초기화</a>}
        </div>
      </form>
      {applied.venueId && (
        <p class="chip">
          공연장: {applied.venueName || '선택한 공연장'}{' '}
          <a href={`/${filtersToQuery({ ...applied, venueId: '', venueName: '' })}`} aria-label="공연장 조건 지우기">✕</a>
        </p>
      )}
      <ErrorBox error={error} />
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p class="notice">조건에 맞는 공연이 없습니다.</p>}
      {items && items.length > 0 && (
        <ul class="show-grid" aria-label="공연 목록">
          {items.map((p) => <ShowCard key={p.performanceId} show={p} />)}
        </ul>
      )}
      {cursor && items && (
        <p class="more-row">
          <button type="button" class="secondary" onClick={loadMore} disabled={more}>{more ? '불러오는 중…' : '더 보기'}</button>
        </p>
      )}
    </Page>
  );
}

function ShowCard({ show }: { show: PerformanceSummary }) {
  return (
    <li class="show-card card">
      <a href={`/shows/${show.performanceId}`}>
        <Poster src={show.thumbnailUrl} alt={`${show.title} 포스터`} />
        <h2 class="show-title">{show.title}</h2>
      </a>
      <p class="period">{periodText(show.startAt, show.endAt, date)}</p>
      <p class="venue">{show.venueName}</p>
      <p class="meta">{GENRE_LABEL[show.genre] ?? show.genre} · {show.minPrice === show.maxPrice ? won(show.minPrice) : `${won(show.minPrice)} ~ ${won(show.maxPrice)}`}</p>
    </li>
  );
}

/**
 * The show list's filters: read from and written to the page's URL (so back, forward and reload
 * keep them) and turned into GET /performances's query. Empty fields are left out of both.
 */
export const GENRES = ['CONCERT', 'MUSICAL', 'PLAY', 'CLASSICAL', 'DANCE', 'KIDS', 'OTHER'] as const;
export type Genre = (typeof GENRES)[number];
export const GENRE_LABEL: Record<Genre, string> = {
  CONCERT: '콘서트', MUSICAL: '뮤지컬', PLAY: '연극', CLASSICAL: '클래식', DANCE: '무용', KIDS: '아동', OTHER: '기타',
};

export type Sort = 'latest' | 'name';
export interface ListFilters {
  q: string; genre: string; venueId: string; venueName: string; from: string; to: string; minPrice: string; maxPrice: string; sort: Sort;
}

const FIELDS = ['q', 'genre', 'venueId', 'venueName', 'from', 'to', 'minPrice', 'maxPrice'] as const;

export function filtersFromQuery(query: URLSearchParams): ListFilters {
  const get = (k: string) => (query.get(k) ?? '').trim();
  const genre = get('genre');
  return {
    q: get('q'),
    genre: (GENRES as readonly string[]).includes(genre) ? genre : '',
    venueId: get('venueId'),
    venueName: get('venueName'),
    from: /^\d{4}-\d{2}-\d{2}$/.test(get('from')) ? get('from') : '',
    to: /^\d{4}-\d{2}-\d{2}$/.test(get('to')) ? get('to') : '',
    minPrice: /^\d+$/.test(get('minPrice')) ? get('minPrice') : '',
    maxPrice: /^\d+$/.test(get('maxPrice')) ? get('maxPrice') : '',
    sort: get('sort') === 'name' ? 'name' : 'latest',
  };
}

/** `?q=…&sort=name` for the page's URL (the venue's name rides along for its label). */
export function filtersToQuery(f: ListFilters): string {
  const p = new URLSearchParams();
  for (const k of FIELDS) if (f[k].trim()) p.set(k, f[k].trim());
  if (f.sort !== 'latest') p.set('sort', f.sort);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** GET /performances's query for one page. */
export function apiQuery(f: ListFilters, size: number, cursor?: string | null): string {
  const p = new URLSearchParams();
  for (const k of FIELDS) if (k !== 'venueName' && f[k].trim()) p.set(k, f[k].trim());
  p.set('sort', f.sort);
  p.set('size', String(size));
  if (cursor) p.set('cursor', cursor);
  return `?${p.toString()}`;
}

/** A filter the user typed that the API would refuse, in Korean (checked before asking). */
export function filterProblems(f: ListFilters): Partial<Record<keyof ListFilters, string>> {
  const out: Partial<Record<keyof ListFilters, string>> = {};
  if (f.from && f.to && f.to < f.from) out.to = '종료일은 시작일 이후여야 합니다.';
  if (f.minPrice && f.maxPrice && Number(f.maxPrice) < Number(f.minPrice)) out.maxPrice = '최고 가격은 최저 가격 이상이어야 합니다.';
  if (f.q.length > 100) out.q = '검색어는 100자 이내로 입력해 주세요.';
  return out;
}

/**
 * `2026년 12월 24일 ~ 2026년 12월 26일` from the first and last schedule's start (KST days); one
 * date for a show on a single day.
 */
export function periodText(startAt: string, endAt: string, date: (iso: string) => string): string {
  const a = date(startAt);
  const b = date(endAt);
  return a === b ? a : `${a} ~ ${b}`;
}

/** Whether tickets are on sale at `now`: before, during or after the ticketing window. */
export function saleState(ticketingStartAt: string, ticketingEndAt: string, now: number): 'BEFORE' | 'OPEN' | 'CLOSED' {
  if (now < new Date(ticketingStartAt).getTime()) return 'BEFORE';
  return now < new Date(ticketingEndAt).getTime() ? 'OPEN' : 'CLOSED';
}

/** Korean display rules: KST (Asia/Seoul) everywhere, money as `150,000원`, dates as `2026년 12월 24일`. */
const KST = 'Asia/Seoul';

export function won(amount: number): string {
  return `${amount.toLocaleString('ko-KR')}원`;
}

function parts(iso: string | Date): Record<string, string> {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone: KST, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short',
  });
  return Object.fromEntries(fmt.formatToParts(d).map((p) => [p.type, p.value]));
}

const WEEKDAY: Record<string, string> = { Sun: '일', Mon: '월', Tue: '화', Wed: '수', Thu: '목', Fri: '금', Sat: '토' };

/** `2026년 12월 24일` for an instant or a `YYYY-MM-DD` date (read as a KST day). */
export function date(iso: string): string {
  const p = parts(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00+09:00` : iso);
  return `${p.year}년 ${p.month}월 ${p.day}일`;
}

/** `2026년 12월 24일 (목) 19:30` in KST. */
export function dateTime(iso: string): string {
  const p = parts(iso);
  return `${p.year}년 ${p.month}월 ${p.day}일 (${WEEKDAY[p.weekday] ?? p.weekday}) ${p.hour}:${p.minute}`;
}

/** `19:30` in KST. */
export function time(iso: string): string {
  const p = parts(iso);
  return `${p.hour}:${p.minute}`;
}

/** The KST calendar day (`YYYY-MM-DD`) of an instant. */
export function kstDay(iso: string | Date): string {
  const p = parts(iso);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `9:05` for a countdown (minutes:seconds), never negative. */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

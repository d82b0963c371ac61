/** DOM-free rules of the admin policy screen: Korean names, how each value is edited and parsed. */

export type PolicyValue = number | boolean | string | Record<string, unknown>;

export interface PolicyInfo { label: string; kind: 'integer' | 'boolean' | 'choice' | 'json'; choices?: string[]; min?: number; max?: number }

/** The keys GET /admin/policies lists (docs/openapi.yaml), with the ranges each PUT accepts. */
const INFO: Record<string, PolicyInfo> = {
  'booking.holdMinutes': { label: '좌석 선점 시간(분)', kind: 'integer', min: 1, max: 30 },
  'booking.maxSeatsPerUser': { label: '1인당 최대 좌석 수(회차별)', kind: 'integer', min: 1, max: 10 },
  'booking.feeKrw': { label: '예매 수수료(원)', kind: 'integer', min: 0, max: 100000 },
  'booking.cancellationHours': { label: '취소 마감(공연 몇 시간 전)', kind: 'integer', min: 0, max: 720 },
  'payment.discountCodes': { label: '할인 코드', kind: 'json' },
  'feature.paymentProvider': { label: '결제 수단 제공', kind: 'choice', choices: ['TOSS', 'DISABLED'] },
  'feature.maintenance': { label: '점검 모드', kind: 'boolean' },
  'feature.readOnly': { label: '읽기 전용 모드', kind: 'boolean' },
  'rateLimit.userPer10Seconds': { label: '사용자별 요청 한도(10초)', kind: 'integer', min: 1, max: 100000 },
  'rateLimit.ipPer10Seconds': { label: 'IP별 요청 한도(10초)', kind: 'integer', min: 1, max: 1000000 },
};

/** What a key is; an unknown key (a newer server) is edited as JSON. */
export function policyInfo(key: string, value?: PolicyValue): PolicyInfo {
  const known = INFO[key];
  if (known) return known;
  if (typeof value === 'boolean') return { label: key, kind: 'boolean' };
  if (typeof value === 'number') return { label: key, kind: 'integer' };
  return { label: key, kind: 'json' };
}

export function isFlag(key: string): boolean {
  return key.startsWith('feature.');
}

/** The value as the edit box shows it. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && Object.keys(value).length > 0) return JSON.stringify(value, null, 2);
  return JSON.stringify(value);
}

/** The value as the table shows it (one line). */
export function valueSummary(value: unknown): string {
  if (value === true) return '켜짐';
  if (value === false) return '꺼짐';
  if (typeof value === 'object' && value !== null) {
    const n = Object.keys(value).length;
    return n === 0 ? '없음' : `${n}개: ${Object.keys(value).join(', ')}`;
  }
  return String(value);
}

/** Parses the edit box into the JSON value the PUT sends, or a Korean message. */
export function parseValue(key: string, text: string, current?: PolicyValue): { value: PolicyValue } | { error: string } {
  const info = policyInfo(key, current);
  const t = text.trim();
  switch (info.kind) {
    case 'integer': {
      if (!/^-?\d+$/.test(t)) return { error: '정수를 입력해 주세요.' };
      const n = Number(t);
      if ((info.min !== undefined && n < info.min) || (info.max !== undefined && n > info.max)) {
        return { error: `${info.min}부터 ${info.max}까지 입력할 수 있습니다.` };
      }
      return { value: n };
    }
    case 'boolean':
      if (t === 'true' || t === 'false') return { value: t === 'true' };
      return { error: 'true 또는 false만 입력할 수 있습니다.' };
    case 'choice':
      return info.choices?.includes(t) ? { value: t } : { error: `${info.choices?.join(', ')} 중 하나를 선택해 주세요.` };
    case 'json':
      try {
        const v = JSON.parse(t) as unknown;
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return { error: 'JSON 객체를 입력해 주세요.' };
        return { value: v as Record<string, unknown> };
      } catch {
        return { error: 'JSON 형식이 올바르지 않습니다.' };
      }
  }
}

/** `DEFAULT`/`TABLE` in Korean. */
export function sourceLabel(source: string): string {
  return source === 'TABLE' ? '관리자 설정' : '기본값';
}

/**
 * Korean text for the API's stable problem codes (docs/openapi.yaml, `Problem.code`). The
 * server's `detail` is English for operators; a buyer reads these. Unknown codes fall back to the
 * HTTP status's message.
 */
const BY_CODE: Record<string, string> = {
  VALIDATION_FAILED: '입력값을 확인해 주세요.',
  MALFORMED_JSON: '요청 형식이 올바르지 않습니다.',
  UNSUPPORTED_MEDIA_TYPE: '요청 형식이 올바르지 않습니다.',
  PAYLOAD_TOO_LARGE: '요청이 너무 큽니다.',
  UNAUTHENTICATED: '로그인이 필요합니다.',
  INVALID_TOKEN: '로그인이 만료되었습니다. 다시 로그인해 주세요.',
  INVALID_CREDENTIALS: '이메일 또는 비밀번호가 올바르지 않습니다.',
  FORBIDDEN: '권한이 없습니다.',
  NOT_FOUND: '찾을 수 없습니다.',
  EMAIL_TAKEN: '이미 가입된 이메일입니다.',
  PHONE_TAKEN: '이미 가입된 휴대폰 번호입니다.',
  INVALID_CURRENT_PASSWORD: '현재 비밀번호가 올바르지 않습니다.',
  SEAT_UNAVAILABLE: '이미 다른 분이 선택한 좌석입니다. 다른 좌석을 선택해 주세요.',
  HOLD_LIMIT_REACHED: '이 회차에서는 1인 1좌석만 예매할 수 있습니다.',
  HOLD_EXPIRED: '좌석 선점 시간이 만료되었습니다. 좌석을 다시 선택해 주세요.',
  ALREADY_PROCESSED: '이미 처리된 요청입니다.',
  CONCURRENT_UPDATE: '다른 요청과 겹쳤습니다. 잠시 후 다시 시도해 주세요.',
  TICKETING_CLOSED: '예매 기간이 아닙니다.',
  LAYOUT_VERSION_NOT_FOUND: '좌석 배치가 변경되었습니다. 새로고침해 주세요.',
  INVALID_DISCOUNT_CODE: '유효하지 않은 할인 코드입니다.',
  DISCOUNT_EXPIRED: '기간이 지난 할인 코드입니다.',
  DISCOUNT_USED_UP: '사용 가능 횟수가 모두 소진된 할인 코드입니다.',
  DISCOUNT_ALREADY_USED: '이미 사용한 할인 코드입니다.',
  DISCOUNT_UNAVAILABLE: '지금은 사용할 수 없는 할인 코드입니다.',
  AMOUNT_MISMATCH: '결제 금액이 일치하지 않습니다.',
  PAYMENT_REJECTED: '결제가 승인되지 않았습니다. 다른 결제수단으로 다시 시도해 주세요.',
  PAYMENT_KEY_USED: '이미 사용된 결제 정보입니다.',
  PAYMENT_ERROR: '결제 처리 중 오류가 발생했습니다.',
  BOOKING_FAILED: '예매를 완료하지 못했습니다. 결제는 자동으로 취소됩니다.',
  PAY_PROCESS_CANCELED: '결제를 취소하셨습니다.',
  REJECT_CARD_PAYMENT: '카드 결제가 거절되었습니다.',
  REJECT_CARD_COMPANY: '카드사에서 결제를 거절했습니다.',
  PAYMENTS_DISABLED: '현재 결제를 이용할 수 없습니다.',
  CANCELLATION_WINDOW_CLOSED: '공연 24시간 전부터는 취소할 수 없습니다.',
  POLICY_CHANGED_CONCURRENTLY: '다른 관리자가 같은 정책을 바꾸고 있습니다. 새로고침한 뒤 다시 시도해 주세요.',
  IDEMPOTENCY_KEY_REUSED: '이미 처리된 요청입니다. 새로고침해 주세요.',
  TOO_MANY_REQUESTS: '요청이 많습니다. 잠시 후 다시 시도해 주세요.',
  RATE_LIMITED: '요청이 많습니다. 잠시 후 다시 시도해 주세요.',
  READ_ONLY: '지금은 조회만 가능합니다. 잠시 후 다시 시도해 주세요.',
  MAINTENANCE: '서비스 점검 중입니다.',
  SERVICE_UNAVAILABLE: '일시적으로 이용할 수 없습니다. 잠시 후 다시 시도해 주세요.',
};

const BY_STATUS: Record<number, string> = {
  400: '요청을 처리할 수 없습니다.',
  401: '로그인이 필요합니다.',
  403: '권한이 없습니다.',
  404: '찾을 수 없습니다.',
  409: '요청이 다른 작업과 충돌했습니다.',
  410: '시간이 지나 더 이상 유효하지 않습니다.',
  429: '요청이 많습니다. 잠시 후 다시 시도해 주세요.',
  503: '일시적으로 이용할 수 없습니다. 잠시 후 다시 시도해 주세요.',
};

export function messageFor(code: string | undefined, status: number): string {
  return (code && BY_CODE[code]) || BY_STATUS[status] || '오류가 발생했습니다. 잠시 후 다시 시도해 주세요.';
}

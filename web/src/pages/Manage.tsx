import { useEffect, useRef, useState } from 'preact/hooks';
import type { PageProps } from '../App';
import { findPerformances, performance, type PerformanceDetail, type PerformanceSummary, type Policy, type PolicyChange, policies, policyAudit, putPolicy } from '../admin';
import { ErrorBox, Loading, Page } from '../components/ui';
import { dateTime } from '../logic/format';
import { isFlag, parseValue, policyInfo, type PolicyValue, sourceLabel, valueSummary, valueText } from '../logic/policies';
import { navigate } from '../router';

/** `/manage` (ADMIN): policies and feature flags, their audit trail, and the way to a schedule's bookings. */
export function Manage(_props: PageProps) {
  const [list, setList] = useState<Policy[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [auditVersion, setAuditVersion] = useState(0);

  useEffect(() => {
    policies().then(setList).catch(setError);
  }, []);

  const saved = (p: Policy) => {
    setList((l) => l?.map((x) => (x.key === p.key ? p : x)) ?? null);
    setAuditVersion((v) => v + 1);
  };

  return (
    <Page title="관리">
      <ErrorBox error={error} />
      {!list && !error && <Loading />}
      {list && (
        <>
          <section aria-labelledby="flags-title">
            <h2 id="flags-title">기능 스위치</h2>
            <div class="flags">
              {list.filter((p) => isFlag(p.key)).map((p) => <FlagControl key={p.key} policy={p} onSaved={saved} />)}
            </div>
          </section>
          <section aria-labelledby="policies-title">
            <h2 id="policies-title">운영 정책</h2>
            <div class="table-scroll">
              <table class="policies">
                <thead>
                  <tr><th scope="col">정책</th><th scope="col">현재 값</th><th scope="col">기본값</th><th scope="col">출처</th><th scope="col">설명</th><th scope="col">최근 변경</th><th scope="col"><span class="visually-hidden">변경</span></th></tr>
                </thead>
                <tbody>
                  {list.map((p) => <PolicyRow key={p.key} policy={p} onSaved={saved} />)}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
      <Audit version={auditVersion} keys={list?.map((p) => p.key) ?? []} />
      <ScheduleFinder />
    </Page>
  );
}

function usePut(policy: Policy, onSaved: (p: Policy) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const put = async (value: PolicyValue) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await putPolicy(policy.key, value));
      return true;
    } catch (e) {
      // POLICY_CHANGED_CONCURRENTLY: another admin kept changing it; the message says to retry.
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, put };
}

function FlagControl({ policy, onSaved }: { policy: Policy; onSaved: (p: Policy) => void }) {
  const info = policyInfo(policy.key, policy.value);
  const { busy, error, put } = usePut(policy, onSaved);
  // The value being stored shows at once; a refusal puts the stored one back.
  const [pending, setPending] = useState<PolicyValue | null>(null);
  const shown = pending ?? policy.value;
  const change = async (v: PolicyValue) => {
    setPending(v);
    await put(v);
    setPending(null);
  };
  const id = `flag-${policy.key.replace(/\W/g, '-')}`;
  return (
    <div class="card flag">
      {info.kind === 'boolean' ? (
        <label class="switch" for={id}>
          <input id={id} type="checkbox" role="switch" checked={shown === true} disabled={busy}
            onChange={(e) => change((e.currentTarget as HTMLInputElement).checked)} />
          <span>{info.label}</span>
        </label>
      ) : (
        <label for={id}>
          <span>{info.label}</span>{' '}
          <select id={id} value={String(shown)} disabled={busy} onChange={(e) => change((e.currentTarget as HTMLSelectElement).value)}>
            {(info.choices ?? []).map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
      )}
      <small class="hint"><code>{policy.key}</code> · {sourceLabel(policy.source)} · {shown === true ? '켜짐' : shown === false ? '꺼짐' : String(shown)}</small>
      <ErrorBox error={error} />
    </div>
  );
}

function PolicyRow({ policy: p, onSaved }: { policy: Policy; onSaved: (p: Policy) => void }) {
  const info = policyInfo(p.key, p.value);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [local, setLocal] = useState('');
  const { busy, error, put } = usePut(p, onSaved);
  const id = `policy-${p.key.replace(/\W/g, '-')}`;

  const save = async (e: Event) => {
    e.preventDefault();
    const parsed = parseValue(p.key, text, p.value);
    if ('error' in parsed) {
      setLocal(parsed.error);
      return;
    }
    setLocal('');
    if (await put(parsed.value)) setEditing(false);
  };

  return (
    <tr data-key={p.key}>
      <th scope="row">{info.label}<br /><code class="hint">{p.key}</code></th>
      <td>
        {editing ? (
          <form onSubmit={save} class="policy-edit">
            <label for={id} class="visually-hidden">{info.label} 새 값</label>
            {info.kind === 'json'
              ? <textarea id={id} rows={4} value={text} onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} aria-invalid={local ? 'true' : undefined} />
              : <input id={id} type="text" inputMode={info.kind === 'integer' ? 'numeric' : undefined} value={text} onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} aria-invalid={local ? 'true' : undefined} />}
            {local && <small class="field-error" role="alert">{local}</small>}
            <ErrorBox error={error} />
            <div class="row-actions">
              <button type="submit" disabled={busy}>저장</button>
              <button type="button" class="secondary" onClick={() => { setEditing(false); setLocal(''); }}>취소</button>
            </div>
          </form>
        ) : (
          <span class="policy-value">{valueSummary(p.value)}</span>
        )}
      </td>
      <td>{valueSummary(p.defaultValue)}</td>
      <td>{sourceLabel(p.source)}</td>
      <td class="hint">{p.description}</td>
      <td class="hint">{p.updatedAt ? <>{dateTime(p.updatedAt)}<br /><code title={p.updatedBy}>{p.updatedBy?.slice(0, 8)}</code></> : '-'}</td>
      <td>{!editing && <button type="button" class="secondary" aria-label={`${info.label} 변경`} onClick={() => { setText(valueText(p.value)); setEditing(true); }}>변경</button>}</td>
    </tr>
  );
}

function Audit({ version, keys }: { version: number; keys: string[] }) {
  const [key, setKey] = useState('');
  const [items, setItems] = useState<PolicyChange[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  // Two quick changes reload the trail twice: only the last request's answer is shown.
  const latest = useRef(0);
  const load = async (from: string | null) => {
    const mine = ++latest.current;
    setLoading(true);
    setError(null);
    try {
      const page = await policyAudit(key, from);
      if (mine !== latest.current) return;
      setItems((prev) => (from ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      if (mine === latest.current) setError(e);
    } finally {
      if (mine === latest.current) setLoading(false);
    }
  };
  useEffect(() => {
    load(null);
  }, [key, version]);

  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">변경 이력</h2>
      <div class="toolbar">
        <label for="audit-key">정책</label>
        <select id="audit-key" value={key} onChange={(e) => setKey((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">전체</option>
          {keys.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
      </div>
      <ErrorBox error={error} />
      <div class="table-scroll">
        <table class="audit">
          <thead><tr><th scope="col">변경 시각</th><th scope="col">정책</th><th scope="col">이전 값</th><th scope="col">새 값</th><th scope="col">변경한 관리자</th></tr></thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.changeId}>
                <td>{dateTime(c.changedAt)}</td>
                <td><code>{c.key}</code></td>
                <td>{valueSummary(c.oldValue)}{c.oldSource === 'DEFAULT' ? ' (기본값)' : ''}</td>
                <td>{valueSummary(c.newValue)}</td>
                <td><code title={c.changedBy}>{c.changedBy.slice(0, 8)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!loading && items.length === 0 && !error && <p class="hint">변경 이력이 없습니다.</p>}
      {loading && <Loading />}
      {!loading && cursor && <button type="button" class="secondary more" onClick={() => load(cursor)}>더 보기</button>}
    </section>
  );
}

/** There is no admin list of schedules: find the show (public list), then pick its schedule. */
function ScheduleFinder() {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<PerformanceSummary[] | null>(null);
  const [picked, setPicked] = useState<PerformanceDetail | null>(null);
  const [scheduleId, setScheduleId] = useState('');
  const [error, setError] = useState<unknown>(null);

  const search = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setPicked(null);
    try {
      setFound((await findPerformances(q)).items);
    } catch (err) {
      setError(err);
    }
  };
  const pick = async (id: string) => {
    setError(null);
    try {
      setPicked(await performance(id));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section aria-labelledby="schedules-title">
      <h2 id="schedules-title">회차별 예매 관리</h2>
      <div class="finder">
        <form class="toolbar" onSubmit={search} role="search">
          <label for="perf-q">공연 검색</label>
          <input id="perf-q" type="search" value={q} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} placeholder="공연명 일부" />
          <button type="submit">검색</button>
        </form>
        <form class="toolbar" onSubmit={(e) => { e.preventDefault(); if (scheduleId.trim()) navigate(`/manage/schedules/${encodeURIComponent(scheduleId.trim())}`); }}>
          <label for="schedule-id">회차 ID</label>
          <input id="schedule-id" type="text" value={scheduleId} onInput={(e) => setScheduleId((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit" class="secondary">열기</button>
        </form>
      </div>
      <ErrorBox error={error} />
      {found && found.length === 0 && <p class="hint">검색 결과가 없습니다.</p>}
      {found && found.length > 0 && (
        <ul class="plain-list">
          {found.map((p) => (
            <li key={p.performanceId}>
              <button type="button" class="link" onClick={() => pick(p.performanceId)}>{p.title}</button>
              {p.venueName && <span class="hint"> · {p.venueName}</span>}
            </li>
          ))}
        </ul>
      )}
      {picked && (
        <div class="card">
          <h3>{picked.title} · {picked.venue.name}</h3>
          <ul class="plain-list">
            {picked.schedules.map((s) => (
              <li key={s.scheduleId}><a href={`/manage/schedules/${encodeURIComponent(s.scheduleId)}`}>{dateTime(s.startAt)} 회차 예매 보기</a></li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

import type { ComponentChildren } from 'preact';
import { ApiError, errorText } from '../api';

/** A page's error, read aloud by screen readers as it appears. */
export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const text = errorText(error);
  if (!text) return null;
  return (
    <p class="error" role="alert" data-code={error instanceof ApiError ? error.code : undefined}>
      {text}
    </p>
  );
}

/** A labelled input whose error (the API's `fieldErrors` or a local check) sits under it. */
export function Field(props: {
  label: string; name: string; value: string; onInput: (v: string) => void;
  type?: 'text' | 'email' | 'password' | 'tel' | 'search' | 'number' | 'date'; error?: string; autoComplete?: string; placeholder?: string; required?: boolean; hint?: string;
}) {
  const id = `f-${props.name}`;
  const described = [props.hint && `${id}-hint`, props.error && `${id}-err`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id} name={props.name} value={props.value}
        // Preact's types narrow `type` per input kind; this field takes any text-like kind.
        {...({ type: props.type ?? 'text' } as { type: 'text' })}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
        autoComplete={props.autoComplete} placeholder={props.placeholder} required={props.required}
        aria-invalid={props.error ? 'true' : undefined} aria-describedby={described}
      />
      {props.hint && <small id={`${id}-hint`} class="hint">{props.hint}</small>}
      {props.error && <small id={`${id}-err`} class="field-error" role="alert">{props.error}</small>}
    </div>
  );
}

export function Loading({ label = '불러오는 중…' }: { label?: string }) {
  return <p class="loading" role="status">{label}</p>;
}

export function Page({ title, children }: { title: string; children: ComponentChildren }) {
  document.title = `${title} · 티켓 예매`;
  return (
    <main id="main" tabIndex={-1}>
      <h1>{title}</h1>
      {children}
    </main>
  );
}

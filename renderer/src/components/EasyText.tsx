// Text with readings: "{漢字|かんじ}" becomes ruby (やさしい日本語 puts a reading over every kanji).
// Text without that markup (every other language) is returned as it is.
import { Fragment, useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const RUBY = /\{([^|{}]+)\|([^|{}]+)\}/g;

export function withReadings(text: string): ReactNode {
  if (!text.includes('{')) return text;
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(RUBY)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(
      <ruby key={m.index}>
        {m[1]}
        <rp>（</rp>
        <rt>{m[2]}</rt>
        <rp>）</rp>
      </ruby>,
    );
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return <Fragment>{out}</Fragment>;
}

/** The same text without the readings' markup, for attributes and plain contexts: 漢字. */
export function withoutReadings(text: string): string {
  return text.replace(RUBY, '$1');
}

/** `t`, with readings shown as ruby: for text content (attributes use `t` and carry no markup). */
export function useReadings(): (key: string, options?: Record<string, unknown>) => ReactNode {
  const { t } = useTranslation();
  return useCallback((key: string, options: Record<string, unknown> = {}) => withReadings(t(key, options) as string), [t]);
}

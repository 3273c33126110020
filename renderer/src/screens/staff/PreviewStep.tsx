// Step 5: the filled forms as images, with what still needs a hand or a check, before printing.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../kiosk.ts';
import type { StepProps } from './step-props.ts';
import { KeyHint } from './KeyHint.tsx';
import { shortcutProps } from './shortcuts.ts';

export function PreviewStep({ session, run }: StepProps) {
  const { t } = useTranslation();
  const preview = session.preview;
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">{t('staff.preview.title')}</h2>
      {!preview && !session.busy && (
        <button type="button" className="primary" onClick={() => void run('preview', () => call('session:preview', {}))}>
          {t('staff.procedures.preview')}
        </button>
      )}
      {preview && (
        <>
          {session.previewMs !== null && <p className="hint">{t('staff.preview.elapsed', { ms: session.previewMs })}</p>}
          <h3>{t('staff.preview.problems')}</h3>
          {preview.problems.length === 0 ? (
            <p>{t('staff.preview.noProblems')}</p>
          ) : (
            <ul className="problems" data-testid="problems">
              {preview.problems.map((p, i) => (
                <li key={i} className={`problem problem-${p.kind}`}>
                  <strong>{t(`staff.preview.kind.${p.kind}`)}</strong> {p.message}
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            className="primary big"
            {...shortcutProps('print')}
            onClick={() => void run('print', () => call('session:print', {}))}
          >
            {t('staff.preview.print')} <KeyHint action="print" />
          </button>
          <div className="preview-pages">
            {preview.forms.flatMap((f) =>
              Array.from({ length: f.pageCount }, (_, i) => (
                <PreviewPage key={`${f.id}-${i}`} formId={f.id} page={i + 1} title={f.title} count={f.pageCount} />
              )),
            )}
          </div>
        </>
      )}
    </section>
  );
}

function PreviewPage({ formId, page, title, count }: { formId: string; page: number; title: string; count: number }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void call('session:preview-page', { formId, page }).then(
      (r) => live && setSrc(r.dataUrl),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [formId, page]);
  const label = t('staff.preview.page', { title, page, count });
  return (
    <figure className="preview-page">
      {src ? (
        <img src={src} alt={label} data-testid="preview-image" />
      ) : (
        <div className="preview-placeholder" role="status">
          {t('app.busy')}
        </div>
      )}
      <figcaption>{label}</figcaption>
    </figure>
  );
}

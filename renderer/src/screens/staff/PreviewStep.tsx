// Step 5: the filled forms as images, with what still needs a hand or a check, before printing.
// Main rasterises the pages as soon as the set is rendered (the first page first), so each page
// appears as soon as it is drawn; a page clicked opens full size, zoomable.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../kiosk.ts';
import type { StepProps } from './step-props.ts';
import { KeyHint } from './KeyHint.tsx';
import { shortcutProps } from './shortcuts.ts';

interface PageRef {
  formId: string;
  page: number;
  label: string;
}

export function PreviewStep({ session, run }: StepProps) {
  const { t } = useTranslation();
  const preview = session.preview;
  const [opened, setOpened] = useState<{ page: PageRef; thumbnail: string | null } | null>(null);
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
            // Its own scrolling box: a long list never pushes the pages below the fold.
            <div className="preview-problems" role="region" aria-label={t('staff.preview.problems')} tabIndex={0}>
              <ul className="problems" data-testid="problems">
                {preview.problems.map((p, i) => (
                  <li key={i} className={`problem problem-${p.kind}`}>
                    <strong>{t(`staff.preview.kind.${p.kind}`)}</strong> {p.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {/* Sent once: another copy is the print step's reprint (asked for and audited), never a second 印刷. */}
          {session.printJobs.length > 0 && <p className="hint">{t('staff.preview.alreadyPrinted')}</p>}
          <button
            type="button"
            className="primary big"
            disabled={session.printJobs.length > 0}
            {...shortcutProps('print')}
            onClick={() => void run('print', () => call('session:print', {}))}
          >
            {t('staff.preview.print')} <KeyHint action="print" />
          </button>{' '}
          <button
            type="button"
            {...shortcutProps('back')}
            onClick={() => void run('go-to', () => call('session:go-to', { step: 'procedures' }))}
          >
            {t('staff.back')} <KeyHint action="back" />
          </button>
          <div className="preview-pages">
            {preview.forms.flatMap((f) =>
              Array.from({ length: f.pageCount }, (_, i) => (
                <PreviewPage
                  key={`${f.id}-${i}`}
                  page={{ formId: f.id, page: i + 1, label: t('staff.preview.page', { title: f.title, page: i + 1, count: f.pageCount }) }}
                  onOpen={(page, thumbnail) => setOpened({ page, thumbnail })}
                />
              )),
            )}
          </div>
          {opened && <FullPage page={opened.page} thumbnail={opened.thumbnail} onClose={() => setOpened(null)} />}
        </>
      )}
    </section>
  );
}

function PreviewPage({ page, onOpen }: { page: PageRef; onOpen: (page: PageRef, thumbnail: string | null) => void }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const { formId, page: number } = page;
  useEffect(() => {
    let live = true;
    void call('session:preview-page', { formId, page: number }).then(
      (r) => live && setSrc(r.dataUrl),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [formId, number, attempt]);
  return (
    <figure className="preview-page">
      {src ? (
        <button
          type="button"
          className="preview-open"
          onClick={() => onOpen(page, src)}
          aria-label={t('staff.preview.open', { label: page.label })}
        >
          <img src={src} alt="" data-testid="preview-image" />
        </button>
      ) : failed ? (
        <button
          type="button"
          className="preview-placeholder"
          onClick={() => {
            setFailed(false);
            setAttempt((n) => n + 1);
          }}
        >
          {t('staff.preview.failed')}
        </button>
      ) : (
        <div className="preview-placeholder" role="status">
          {t('app.busy')}
        </div>
      )}
      <figcaption>{page.label}</figcaption>
    </figure>
  );
}

const ZOOM_STEPS = [1, 1.5, 2, 3] as const;

/** One page full size in a modal dialog (Esc closes it), at a resolution to zoom into. */
function FullPage({ page, thumbnail, onClose }: { page: PageRef; thumbnail: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [src, setSrc] = useState<string | null>(null);
  const [zoom, setZoom] = useState(0);
  const { formId, page: number } = page;
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    let live = true;
    void call('session:preview-page', { formId, page: number, size: 'full' }).then(
      (r) => live && setSrc(r.dataUrl),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [formId, number]);
  const factor = ZOOM_STEPS[zoom] ?? 1;
  return (
    <dialog ref={dialog} className="preview-dialog" aria-label={t('staff.preview.dialog', { label: page.label })} onClose={onClose}>
      <div className="preview-dialog-bar">
        <strong>{page.label}</strong>
        <button type="button" onClick={() => setZoom((z) => Math.max(0, z - 1))} disabled={zoom === 0}>
          {t('staff.preview.zoomOut')}
        </button>
        <span aria-live="polite">{t('staff.preview.zoom', { percent: Math.round(factor * 100) })}</span>
        <button
          type="button"
          onClick={() => setZoom((z) => Math.min(ZOOM_STEPS.length - 1, z + 1))}
          disabled={zoom === ZOOM_STEPS.length - 1}
        >
          {t('staff.preview.zoomIn')}
        </button>
        <button type="button" onClick={() => setZoom(0)} disabled={zoom === 0}>
          {t('staff.preview.zoomFit')}
        </button>
        <button type="button" className="secondary" autoFocus onClick={() => dialog.current?.close()}>
          {t('staff.preview.close')}
        </button>
      </div>
      {/* Focusable so the arrow keys scroll a zoomed page. */}
      <div className="preview-dialog-page" tabIndex={0} role="group" aria-label={page.label}>
        {/* The thumbnail stands in until the full-size image has been drawn. */}
        <img
          src={src ?? thumbnail ?? undefined}
          alt={page.label}
          data-testid={src ? 'preview-full' : 'preview-full-pending'}
          style={{ width: `${factor * 100}%` }}
        />
      </div>
    </dialog>
  );
}

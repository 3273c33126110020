// The visit in progress: the stepper, the current step's view and the end/cancel button.
import { useEffect, useRef, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { steps, type Step } from '../../../../main/ipc/channels.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { call } from '../../kiosk.ts';
import { CardStep } from './CardStep.tsx';
import { MembersStep } from './MembersStep.tsx';
import { MoveStep } from './MoveStep.tsx';
import { PreviewStep } from './PreviewStep.tsx';
import { PrintStep } from './PrintStep.tsx';
import { ProceduresStep } from './ProceduresStep.tsx';
import type { StepProps } from './step-props.ts';
import { RelationshipOptions } from './relationship-options.tsx';
import { TicketStep } from './TicketStep.tsx';
import { ParkButton, ParkedVisits } from './ParkedVisits.tsx';

/** One view per step of the contract (a new step does not compile until it has one). */
const stepViews: Record<Step, ComponentType<StepProps>> = {
  card: CardStep,
  members: MembersStep,
  move: MoveStep,
  procedures: ProceduresStep,
  preview: PreviewStep,
  print: PrintStep,
  ticket: TicketStep,
};

function Stepper({ session, run }: StepProps) {
  const { t } = useTranslation();
  const current = steps.indexOf(session.step);
  const reachable = steps.indexOf(session.reachable);
  return (
    <nav aria-label={t('staff.stepsLabel')} className="stepper">
      <ol>
        {steps.map((step, index) => (
          <li key={step}>
            <button
              type="button"
              aria-current={step === session.step ? 'step' : undefined}
              // A step that is not ready is disabled, not a click into an error.
              disabled={index > reachable}
              onClick={() => void run('go-to', () => call('session:go-to', { step }))}
            >
              <span className="step-number">{index + 1}</span> {t(`staff.steps.${step}`)}
              {index < current ? <span className="step-mark"> ✓ {t('staff.done')}</span> : null}
              {index === current ? <span className="step-mark"> ▶ {t('staff.current')}</span> : null}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function SessionPanel({ session, run }: StepProps) {
  const { t } = useTranslation();
  const StepView = stepViews[session.step];
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    // Keyboard users land on the new step's heading after every step change.
    const heading = main.current?.querySelector<HTMLElement>('h2');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [session.step]);
  return (
    <div className="session">
      <Stepper session={session} run={run} />
      <main className="staff-main" data-step={session.step} ref={main}>
        {session.error && <ErrorPanel error={session.error} />}
        {session.correction && (
          <div className="correction-alert" role="alert" data-testid="staff-correction">
            <p className="warning strong">
              {t('staff.correction.asked', { section: t(`staff.correction.sections.${session.correction}`) })}
            </p>
            <button type="button" className="secondary" onClick={() => void run('correction', () => call('session:clear-correction', {}))}>
              {t('staff.correction.done')}
            </button>
          </div>
        )}
        {session.busy && (
          <p className="progress" role="status" aria-live="polite">
            <span className="spinner" aria-hidden="true" />
            {session.busy === 'preview'
              ? t('staff.preview.rendering')
              : session.busy === 'card-read'
                ? t('staff.card.reading')
                : t('app.busy')}
          </p>
        )}
        <StepView session={session} run={run} />
        <RelationshipOptions />
        <EndButton session={session} run={run} />
        <ParkButton session={session} run={run} />
        <ParkedVisits session={session} run={run} />
      </main>
    </div>
  );
}

/**
 * Ends or cancels the visit. A visit whose forms were printed but got no ticket is cancelled only
 * after staff confirm it: the printed forms become void and the request leaves the queue.
 */
function EndButton({ session, run }: StepProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const issued = session.ticket?.issued ?? false;
  const printedOnly = session.ticket !== null && !issued;
  if (printedOnly && confirming)
    return (
      <div className="confirm" role="alertdialog" aria-labelledby="cancel-printed-question">
        <p id="cancel-printed-question" className="warning strong">
          {t('staff.cancelPrinted.question')}
        </p>
        <button type="button" className="danger" onClick={() => void run('end', () => call('session:end', { reason: 'cancelled' }))}>
          {t('staff.cancelPrinted.confirm')}
        </button>{' '}
        <button type="button" className="secondary" autoFocus onClick={() => setConfirming(false)}>
          {t('staff.cancelPrinted.back')}
        </button>
      </div>
    );
  return (
    <p>
      <button
        type="button"
        className="secondary"
        onClick={() =>
          printedOnly ? setConfirming(true) : void run('end', () => call('session:end', { reason: issued ? 'completed' : 'cancelled' }))
        }
      >
        {issued ? t('staff.endSession') : printedOnly ? t('staff.cancelPrinted.button') : t('staff.cancelSession')}
      </button>
    </p>
  );
}

// The staff console: device status always visible, then the visit step by step. Staff can go
// back to any earlier step until the forms are printed. The PIN is never shown here.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { steps } from '../../../main/ipc/channels.ts';
import type { Member, MoveKind, ResponseOf, SessionView } from '../../../main/ipc/contract.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { RubyName } from '../components/RubyName.tsx';
import { StatusBar } from '../components/StatusBar.tsx';
import { call, onEvent } from '../kiosk.ts';
import { useStaffStore } from '../stores/staff-store.ts';
import { SignIn } from './SignIn.tsx';

export function StaffConsole({ info }: { info: ResponseOf<'app:info'> | null }) {
  const { t } = useTranslation();
  const store = useStaffStore();
  const { staff, session, status, error, pending, refreshSession, refreshStatus, run, setStaff, clearError, wipe } = store;

  useEffect(() => {
    void call('auth:whoami', {}).then(
      (r) => setStaff(r.staff),
      () => setStaff(null),
    );
    void refreshStatus();
    const offs = [
      onEvent('session-changed', () => void refreshSession()),
      onEvent('status-changed', () => void refreshStatus()),
      onEvent('queue-changed', () => void refreshStatus()),
      onEvent('wipe', () => {
        wipe();
        // Re-read after every 'wipe' listener has run (App's wipeAllStores discards reads in flight).
        queueMicrotask(() => void refreshSession());
      }),
    ];
    // Device state can change without an event (e.g. a printer stopped from outside): poll gently.
    const poll = setInterval(() => void refreshStatus(), 5000);
    return () => {
      offs.forEach((off) => off());
      clearInterval(poll);
    };
  }, [refreshSession, refreshStatus, setStaff, wipe]);

  useEffect(() => {
    if (staff) void refreshSession();
  }, [staff, refreshSession]);

  // Staff typing or clicking keeps the visit alive on the resident screen (at most every 10 s).
  useEffect(() => {
    let last = 0;
    const touch = () => {
      const now = Date.now();
      if (now - last < 10_000 || !useStaffStore.getState().session?.active) return;
      last = now;
      void call('session:keep-alive', {}).catch(() => undefined);
    };
    window.addEventListener('keydown', touch, { capture: true });
    window.addEventListener('pointerdown', touch, { capture: true });
    return () => {
      window.removeEventListener('keydown', touch, { capture: true });
      window.removeEventListener('pointerdown', touch, { capture: true });
    };
  }, []);

  if (!staff) return <SignIn onSignedIn={setStaff} />;

  return (
    <div className="staff">
      <header className="staff-header">
        <h1>{t('app.title')}</h1>
        {info?.demoMode && (
          <p className="demo-badge" role="status">
            {t('app.demo')}
          </p>
        )}
        <p className="signed-in">
          {t('staff.signedInAs', { staffId: staff.staffId, role: t(`staff.role.${staff.role}`), counter: staff.counter })}
        </p>
        {staff.role === 'supervisor' && (
          <button type="button" onClick={() => void call('app:open-dashboard', {})}>
            {t('staff.openDashboard')}
          </button>
        )}
        <button
          type="button"
          onClick={() =>
            void call('auth:sign-out', {}).then(() => {
              wipe();
              setStaff(null);
            })
          }
        >
          {t('staff.signOut')}
        </button>
      </header>
      <StatusBar status={status} />
      {pending && (
        <p className="progress" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          {t('app.busy')}
        </p>
      )}
      {error && <ErrorPanel error={error} onDismiss={clearError} />}
      {!session?.active ? (
        <main className="staff-main">
          <p>{t('staff.card.idle')}</p>
          <button type="button" className="primary big" onClick={() => void run('start', () => call('session:start', {}))}>
            {t('staff.newSession')}
          </button>
        </main>
      ) : (
        <SessionPanel session={session} run={run} />
      )}
    </div>
  );
}

type Run = (label: string, action: () => Promise<unknown>) => Promise<void>;

function Stepper({ session, run }: { session: SessionView; run: Run }) {
  const { t } = useTranslation();
  const current = steps.indexOf(session.step);
  return (
    <nav aria-label={t('staff.stepsLabel')} className="stepper">
      <ol>
        {steps.map((step, index) => (
          <li key={step}>
            <button
              type="button"
              aria-current={step === session.step ? 'step' : undefined}
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

function SessionPanel({ session, run }: { session: SessionView; run: Run }) {
  const { t } = useTranslation();
  return (
    <div className="session">
      <Stepper session={session} run={run} />
      <main className="staff-main" data-step={session.step}>
        {session.error && <ErrorPanel error={session.error} />}
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
        {session.step === 'card' && <CardStep session={session} run={run} />}
        {session.step === 'members' && <MembersStep session={session} run={run} />}
        {session.step === 'move' && <MoveStep session={session} run={run} />}
        {session.step === 'procedures' && <ProceduresStep session={session} run={run} />}
        {session.step === 'preview' && <PreviewStep session={session} run={run} />}
        {session.step === 'print' && <PrintStep session={session} run={run} />}
        {session.step === 'ticket' && <TicketStep session={session} run={run} />}
        <p>
          <button
            type="button"
            className="secondary"
            onClick={() => void run('end', () => call('session:end', { reason: session.step === 'ticket' ? 'completed' : 'cancelled' }))}
          >
            {session.step === 'ticket' ? t('staff.endSession') : t('staff.cancelSession')}
          </button>
        </p>
      </main>
    </div>
  );
}

function CardStep({ session, run }: { session: SessionView; run: Run }) {
  const { t } = useTranslation();
  const [codeB, setCodeB] = useState('');
  const readCodeB = (event: FormEvent) => {
    event.preventDefault();
    const code = codeB;
    setCodeB('');
    void run('read', () => call('session:read-card', { unlock: 'code-b', codeB: code }));
  };
  return (
    <section aria-labelledby="card-title">
      <h2 id="card-title">{t('staff.card.title')}</h2>
      {session.members.length > 0 && <p>{t('staff.card.read', { count: session.members.length })}</p>}
      {session.card === 'pin' && (
        <div className="pin-wait" role="status" aria-live="polite">
          <p>{t('staff.card.waitingPin')}</p>
          {session.pin.retriesLeft !== null && (
            <p data-testid="staff-retries">{t('staff.card.retries', { count: session.pin.retriesLeft })}</p>
          )}
          {session.pin.state === 'wrong' && <p className="warning">✕ {t('staff.card.wrongPin')}</p>}
          {session.pin.retriesLeft === 1 && <p className="warning strong">{t('staff.card.lastTryWarning')}</p>}
        </div>
      )}
      {session.card === 'reading' && (
        <p role="status">
          <span className="spinner" aria-hidden="true" />
          {t('staff.card.reading')}
        </p>
      )}
      {session.card !== 'pin' && session.card !== 'reading' && (
        <>
          <button
            type="button"
            className="primary big"
            onClick={() => void run('read', () => call('session:read-card', { unlock: 'pin' }))}
          >
            {session.members.length > 0 ? t('staff.card.another') : t('staff.card.readPin')}
          </button>
          <form className="inline-form" onSubmit={readCodeB}>
            <label>
              {t('staff.card.codeB')}
              <input
                name="codeB"
                inputMode="numeric"
                autoComplete="off"
                pattern="\d{14}"
                value={codeB}
                onChange={(e) => setCodeB(e.target.value)}
                aria-describedby="codeb-hint"
              />
            </label>
            <span id="codeb-hint" className="hint">
              {t('staff.card.codeBHint')}
            </span>
            <button type="submit" disabled={codeB.length !== 14}>
              {t('staff.card.readCodeB')}
            </button>
          </form>
        </>
      )}
      <p>
        <button
          type="button"
          onClick={() => void run('members', () => call('session:go-to', { step: 'members' }))}
          disabled={session.members.length === 0}
        >
          {t('staff.next')}
        </button>
      </p>
      <AddMemberForm run={run} />
    </section>
  );
}

function MembersStep({ session, run }: { session: SessionView; run: Run }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">{t('staff.members.title')}</h2>
      <ul className="member-list">
        {session.members.map((m) => (
          <MemberRow key={m.id} member={m} run={run} />
        ))}
      </ul>
      <p>
        <button type="button" onClick={() => void run('card', () => call('session:go-to', { step: 'card' }))}>
          {t('staff.card.another')}
        </button>{' '}
        <button type="button" className="primary" onClick={() => void run('move', () => call('session:go-to', { step: 'move' }))}>
          {t('staff.next')}
        </button>
      </p>
      <AddMemberForm run={run} />
    </section>
  );
}

function MemberRow({ member, run }: { member: Member; run: Run }) {
  const { t } = useTranslation();
  const [furigana, setFurigana] = useState(member.furigana);
  const [relationship, setRelationship] = useState(member.relationship);
  useEffect(() => setFurigana(member.furigana), [member.furigana]);
  useEffect(() => setRelationship(member.relationship), [member.relationship]);
  const save = (patch: { furigana?: string; relationship?: string }) =>
    void run('member', () => call('session:update-member', { id: member.id, ...patch }));
  const fid = `furigana-${member.id}`;
  const rid = `relationship-${member.id}`;
  return (
    <li className="member" data-testid={`member-${member.id}`}>
      <p className="member-name">
        <RubyName name={member.name} furigana={member.furigana} />
        <span className="source-tag">{member.fromCard ? t('staff.members.fromCard') : t('staff.members.manual')}</span>
      </p>
      <p>
        {t('staff.members.birthDate')}：{member.birthDate}　{t('staff.members.sex')}：{t(`staff.members.sexValue.${member.sex}`)}
      </p>
      <div className="member-fields">
        <label htmlFor={fid}>{t('staff.members.furigana')}</label>
        <input
          id={fid}
          value={furigana}
          onChange={(e) => setFurigana(e.target.value)}
          onBlur={() => furigana !== member.furigana && save({ furigana })}
        />
        {member.furiganaSuggestion && member.furiganaSuggestion !== member.furigana && (
          <button type="button" onClick={() => save({ furigana: member.furiganaSuggestion ?? '' })}>
            {t('staff.members.accept')}（{member.furiganaSuggestion}）
          </button>
        )}
        <label htmlFor={rid}>{t('staff.members.relationship')}</label>
        <input
          id={rid}
          value={relationship}
          placeholder={t('staff.members.relationshipHint')}
          onChange={(e) => setRelationship(e.target.value)}
          onBlur={() => relationship !== member.relationship && save({ relationship })}
        />
        <button type="button" onClick={() => save({ furigana, relationship })}>
          {t('staff.members.save')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void run('remove', () => call('session:remove-member', { id: member.id }))}
        >
          {t('staff.members.remove')}
        </button>
      </div>
    </li>
  );
}

function AddMemberForm({ run }: { run: Run }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [furigana, setFurigana] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [sex, setSex] = useState<Member['sex']>('female');
  const [relationship, setRelationship] = useState('子');
  if (!open) {
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          {t('staff.card.manual')}
        </button>
      </p>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('add', () => call('session:add-member', { name, furigana, birthDate, sex, relationship })).then(() => {
      setOpen(false);
      setName('');
      setFurigana('');
      setBirthDate('');
    });
  };
  return (
    <form className="add-member" onSubmit={submit} aria-labelledby="add-member-title">
      <h3 id="add-member-title">{t('staff.members.addTitle')}</h3>
      <label>
        {t('staff.members.name')}
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        {t('staff.members.furigana')}
        <input name="furigana" value={furigana} onChange={(e) => setFurigana(e.target.value)} />
      </label>
      <label>
        {t('staff.members.birthDate')}
        <input name="birthDate" type="date" value={birthDate} onChange={(e) => setBirthDate(e.target.value)} required />
      </label>
      <label>
        {t('staff.members.sex')}
        <select name="sex" value={sex} onChange={(e) => setSex(e.target.value as Member['sex'])}>
          {(['male', 'female', 'not-applicable', 'unknown'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`staff.members.sexValue.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('staff.members.relationship')}
        <input name="relationship" value={relationship} onChange={(e) => setRelationship(e.target.value)} required />
      </label>
      <button type="submit" className="primary">
        {t('staff.members.add')}
      </button>
    </form>
  );
}

function MoveStep({ session, run }: { session: SessionView; run: Run }) {
  const { t } = useTranslation();
  const initial = session.move;
  const [kind, setKind] = useState<MoveKind>(initial?.kind ?? 'tennyu');
  const [moveDate, setMoveDate] = useState(initial?.moveDate ?? new Date().toISOString().slice(0, 10));
  const [postalCode, setPostalCode] = useState(initial?.postalCode ?? '');
  const [address, setAddress] = useState(initial?.address ?? '');
  const [building, setBuilding] = useState(initial?.building ?? '');
  const [previousAddress, setPreviousAddress] = useState(initial?.previousAddress ?? session.cardAddress ?? '');
  const [previousPostalCode, setPreviousPostalCode] = useState(initial?.previousPostalCode ?? '');
  const [phone, setPhone] = useState(initial?.phone ?? '');
  const [candidates, setCandidates] = useState<string[]>([]);
  const [dataDate, setDataDate] = useState<string | null>(null);
  const lookup = async () => {
    const result = await call('postal:lookup', { postalCode });
    setCandidates(result.candidates);
    setDataDate(result.dataDate);
    if (result.candidates.length === 1) setAddress(result.candidates[0] ?? '');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('move', () =>
      call('session:set-move', { kind, moveDate, postalCode, address, building, previousPostalCode, previousAddress, phone }),
    );
  };
  return (
    <form className="move-form" onSubmit={submit} aria-labelledby="move-title">
      <h2 id="move-title">{t('staff.move.title')}</h2>
      <fieldset>
        <legend>{t('staff.move.kind')}</legend>
        {(['tennyu', 'tenkyo', 'tenshutsu'] as const).map((k) => (
          <label key={k} className="radio">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`staff.move.kinds.${k}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('staff.move.moveDate')}
        <input name="moveDate" type="date" value={moveDate} onChange={(e) => setMoveDate(e.target.value)} required />
      </label>
      <div className="inline-form">
        <label>
          {t('staff.move.postalCode')}
          <input name="postalCode" inputMode="numeric" value={postalCode} onChange={(e) => setPostalCode(e.target.value)} required />
        </label>
        <button type="button" onClick={() => void lookup().catch(() => setCandidates([]))}>
          {t('staff.move.lookup')}
        </button>
        {dataDate && <span className="hint">{t('staff.move.dataDate', { date: dataDate })}</span>}
      </div>
      {candidates.length > 1 && (
        <fieldset>
          <legend>{t('staff.move.candidates')}</legend>
          {candidates.map((c) => (
            <label key={c} className="radio">
              <input type="radio" name="candidate" checked={address === c} onChange={() => setAddress(c)} /> {c}
            </label>
          ))}
        </fieldset>
      )}
      <label>
        {t('staff.move.address')}
        <input name="address" value={address} onChange={(e) => setAddress(e.target.value)} required />
      </label>
      <label>
        {t('staff.move.building')}
        <input name="building" value={building} onChange={(e) => setBuilding(e.target.value)} />
      </label>
      <label>
        {t('staff.move.previousPostalCode')}
        <input
          name="previousPostalCode"
          inputMode="numeric"
          value={previousPostalCode}
          onChange={(e) => setPreviousPostalCode(e.target.value)}
          required
        />
      </label>
      <label>
        {t('staff.move.previousAddress')}
        <input name="previousAddress" value={previousAddress} onChange={(e) => setPreviousAddress(e.target.value)} required />
      </label>
      <label>
        {t('staff.move.phone')}
        <input name="phone" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
      </label>
      <button type="submit" className="primary big">
        {t('staff.move.save')}
      </button>
    </form>
  );
}

function ProceduresStep({ session, run }: { session: SessionView; run: Run }) {
  const { t } = useTranslation();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  return (
    <section aria-labelledby="procedures-title">
      <h2 id="procedures-title">{t('staff.procedures.title')}</h2>
      {session.factQuestions.length > 0 && (
        <fieldset>
          <legend>{t('staff.procedures.questions')}</legend>
          {session.factQuestions.map((q) => (
            <label key={q.key} className="checkbox">
              <input
                type="checkbox"
                name={`fact-${q.key}`}
                checked={session.facts[q.key] ?? false}
                onChange={(e) =>
                  void run('facts', () => call('session:set-facts', { facts: { ...session.facts, [q.key]: e.target.checked } }))
                }
              />{' '}
              {q.label}
            </label>
          ))}
        </fieldset>
      )}
      <h3>{t('staff.procedures.forms')}</h3>
      {session.forms.length === 0 && <p>{t('staff.procedures.none')}</p>}
      <ul className="form-list">
        {session.forms.map((f) => (
          <li key={f.id} data-testid={`form-${f.id}`}>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={f.selected}
                onChange={(e) => {
                  const reason = reasons[f.id]?.trim();
                  if (!reason) {
                    setReasons({ ...reasons, [f.id]: '' });
                    return;
                  }
                  void run('toggle', () => call('session:toggle-form', { formId: f.id, selected: e.target.checked, reason }));
                }}
              />{' '}
              <strong>{f.title}</strong> {f.selected ? `（${t('staff.procedures.include')}）` : ''}
            </label>
            <p className="reason">
              {t('staff.procedures.reason')}（{f.decidedBy === 'staff' ? t('staff.procedures.byStaff') : t('staff.procedures.byRule')}）：
              {f.reason}
            </p>
            <label>
              {t('staff.procedures.staffReason')}
              <input value={reasons[f.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [f.id]: e.target.value })} />
            </label>
            {reasons[f.id] === '' && <p className="hint">{t('staff.procedures.staffReasonRequired')}</p>}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="primary big"
        disabled={!session.forms.some((f) => f.selected)}
        onClick={() => void run('preview', () => call('session:preview', {}))}
      >
        {t('staff.procedures.preview')}
      </button>
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

function PreviewStep({ session, run }: { session: SessionView; run: Run }) {
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
          <button type="button" className="primary big" onClick={() => void run('print', () => call('session:print', {}))}>
            {t('staff.preview.print')}
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

function PrintStep({ session, run }: { session: SessionView; run: Run }) {
  const { t } = useTranslation();
  const held = session.printJobs.some((j) => j.state === 'held');
  useEffect(() => {
    // Follow the jobs until they finish; the session view refreshes their state from the printer.
    if (session.printJobs.every((j) => j.state === 'completed' || j.state === 'failed')) return;
    const timer = setInterval(() => void useStaffStore.getState().refreshSession(), 1000);
    return () => clearInterval(timer);
  }, [session.printJobs]);
  return (
    <section aria-labelledby="print-title">
      <h2 id="print-title">{t('staff.print.title')}</h2>
      <table>
        <caption>{t('staff.print.jobs')}</caption>
        <tbody>
          {session.printJobs.map((j) => (
            <tr key={j.jobId} data-state={j.state}>
              <td>{j.document}</td>
              <td data-testid="job-state">{t(`staff.print.state.${j.state}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {held && (
        <p className="warning strong" role="alert">
          {t('staff.print.heldHint')}
        </p>
      )}
      <button
        type="button"
        className="primary big"
        disabled={session.printJobs.length === 0}
        onClick={() => void run('ticket', () => call('session:issue-ticket', {}))}
      >
        {t('staff.print.issueTicket')}
      </button>
    </section>
  );
}

function TicketStep({ session }: { session: SessionView; run: Run }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="ticket-title">
      <h2 id="ticket-title">{t('staff.ticket.title')}</h2>
      <p className="ticket-number" data-testid="staff-ticket">
        {session.ticket?.number}
      </p>
      <p>
        {session.ticket?.estimatedWaitMinutes !== null && session.ticket?.estimatedWaitMinutes !== undefined
          ? t('staff.ticket.estimate', { minutes: session.ticket.estimatedWaitMinutes })
          : t('staff.ticket.noEstimate')}
      </p>
      <p>{t('staff.ticket.removeCard')}</p>
    </section>
  );
}

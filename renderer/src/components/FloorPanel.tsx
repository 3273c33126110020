// The supervisor's floor view over the whole office: live queue per stage and category,
// today's and the range's median, p90 and maximum wait against the target, waits per stage, the
// opening-hours axis with the current hour, per counter, per form bundle, the estimate and how
// accurate it has been, alerts in words (Japanese, then English), and the open sync flags with
// 「対応済みにする」. Nothing here relies on colour alone.
import { useTranslation } from 'react-i18next';
import type { FloorView, OfficeFloor } from '../../../main/ipc/contract.ts';
import { ticketStage } from '../../../domain/office.ts';
import { ErrorPanel } from './ErrorPanel.tsx';
import { useFloorStore } from '../stores/floor-store.ts';

type Figures = FloorView['range']['wait'];

function officeTime(ms: number): string {
  return new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' }).format(new Date(ms));
}

export function FloorPanel({ data }: { data: OfficeFloor | null }) {
  const { t } = useTranslation();
  const { error, resolve } = useFloorStore();
  const none = t('dashboard.none');
  const min = (s: number | null | undefined) =>
    s === null || s === undefined ? none : t('dashboard.minutes', { value: (s / 60).toFixed(1) });
  const share = (v: number | null) => (v === null ? none : `${Math.round(v * 100)}%`);
  if (!data?.linked && !error) return null;
  const floor = data?.floor ?? null;
  const figureCells = (f: Figures) => (
    <>
      <td>{f.count}</td>
      <td>{min(f.medianSeconds)}</td>
      <td>{min(f.p90Seconds)}</td>
      <td>{min(f.maxSeconds)}</td>
    </>
  );
  const figureHeads = (
    <>
      <th scope="col">{t('floor.measured')}</th>
      <th scope="col">{t('dashboard.median')}</th>
      <th scope="col">{t('dashboard.p90')}</th>
      <th scope="col">{t('floor.max')}</th>
    </>
  );
  return (
    <section aria-labelledby="floor-title" className="floor" data-testid="floor">
      <h2 id="floor-title">{t('floor.title')}</h2>
      {error && <ErrorPanel error={error} onDismiss={() => useFloorStore.setState({ error: null })} />}
      {data?.source === 'copy' && (
        <p className="floor-copy" role="status" data-testid="floor-from-copy">
          <strong>⚠ </strong>
          {data.pulledAt === null ? t('floor.fromCopyNever') : t('floor.fromCopy', { time: officeTime(data.pulledAt) })}
          <span lang="en" className="en">
            {' '}
            {data.pulledAt === null ? t('floor.fromCopyNeverEn') : t('floor.fromCopyEn', { time: officeTime(data.pulledAt) })}
          </span>
        </p>
      )}
      {floor && (
        <>
          {floor.alerts.length > 0 ? (
            <div className="floor-alerts" role="alert" data-testid="floor-alerts">
              {floor.alerts.map((a) => (
                <p key={`${a.stage}-${a.ticket}`} className="floor-alert">
                  <strong>⚠ {t('floor.alert')}</strong> {a.message}
                  <span lang="en" className="en">
                    {' '}
                    {a.messageEn}
                  </span>
                </p>
              ))}
            </div>
          ) : (
            <p className="hint" data-testid="floor-no-alerts">
              {t('floor.noAlerts', { minutes: floor.settings.targetMinutes })}
            </p>
          )}
          <dl className="kpis">
            <div>
              <dt>{t('floor.waiting')}</dt>
              <dd data-testid="floor-waiting">{floor.live.waiting}</dd>
            </div>
            <div>
              <dt>{t('floor.called')}</dt>
              <dd>{floor.live.called}</dd>
            </div>
            <div>
              <dt>{t('dashboard.longest')}</dt>
              <dd>{min(floor.live.longestWaitSeconds)}</dd>
            </div>
            <div>
              <dt>{t('dashboard.estimate')}</dt>
              <dd data-testid="floor-estimate">{min(floor.estimate.seconds)}</dd>
            </div>
          </dl>
          <p className="hint" data-testid="floor-accuracy">
            {t('floor.accuracy', {
              count: floor.estimate.accuracy.count,
              mae: min(floor.estimate.accuracy.meanAbsErrorSeconds),
              within: share(floor.estimate.accuracy.within5MinutesShare),
            })}{' '}
            {t('dashboard.estimateMethod', { method: floor.estimate.method })}
          </p>
          <table data-testid="floor-live">
            <caption>{t('floor.liveQueues')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('floor.stage')}</th>
                <th scope="col">{t('dashboard.procedures')}</th>
                <th scope="col">{t('floor.waiting')}</th>
                <th scope="col">{t('floor.called')}</th>
                <th scope="col">{t('dashboard.longest')}</th>
              </tr>
            </thead>
            <tbody>
              {floor.live.queues.map((q) => (
                <tr key={`${q.stage}-${q.category}`}>
                  <th scope="row">{t(`floor.stages.${q.stage}`)}</th>
                  <td>{q.label}</td>
                  <td>{q.waiting}</td>
                  <td>{q.called}</td>
                  <td>{q.longestTicket ? `${min(q.longestWaitSeconds)}（${q.longestTicket}）` : none}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table data-testid="floor-periods">
            <caption>{t('floor.periods', { minutes: floor.settings.targetMinutes })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.range')}</th>
                <th scope="col">{t('floor.arrivals')}</th>
                {figureHeads}
                <th scope="col">{t('dashboard.serviceLevel', { minutes: floor.settings.targetMinutes })}</th>
                <th scope="col">{t('floor.maxTarget')}</th>
              </tr>
            </thead>
            <tbody>
              {(
                [
                  [t('dashboard.today'), floor.today],
                  [`${floor.range.from} 〜 ${floor.range.to}`, floor.range],
                ] as const
              ).map(([label, p]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{p.arrivals}</td>
                  {figureCells(p.wait)}
                  <td>{share(p.target.share)}</td>
                  <td>{p.target.maxWithin === null ? none : p.target.maxWithin ? t('floor.withinTarget') : t('floor.overTarget')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table data-testid="floor-stages">
            <caption>{t('floor.stageWaits')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('floor.stage')}</th>
                {figureHeads}
              </tr>
            </thead>
            <tbody>
              {ticketStage.options.map((stage) => (
                <tr key={stage}>
                  <th scope="row">{t(`floor.stageWait.${stage}`)}</th>
                  {figureCells(floor.range.stages[stage])}
                </tr>
              ))}
            </tbody>
          </table>
          <table data-testid="floor-hours">
            <caption>{t('floor.byHour', { open: floor.settings.open, close: floor.settings.close })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('floor.hour')}</th>
                <th scope="col">{t('floor.arrivalsToday')}</th>
                <th scope="col">{t('floor.waitToday')}</th>
                <th scope="col">{t('floor.arrivalsPerDay')}</th>
                <th scope="col">{t('floor.waitRange')}</th>
              </tr>
            </thead>
            <tbody>
              {floor.byHour.map((h) => (
                <tr key={h.hour} aria-current={h.current ? 'time' : undefined} className={h.current ? 'current-hour' : undefined}>
                  <th scope="row">
                    {h.from}–{h.to}
                    {h.current && <strong> {t('floor.now')}</strong>}
                  </th>
                  <td>{h.today.arrivals}</td>
                  <td>
                    {min(h.today.wait.medianSeconds)} / {min(h.today.wait.maxSeconds)}
                  </td>
                  <td>{h.range.arrivalsPerDay === null ? none : h.range.arrivalsPerDay.toFixed(1)}</td>
                  <td>
                    {min(h.range.wait.medianSeconds)} / {min(h.range.wait.p90Seconds)} / {min(h.range.wait.maxSeconds)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">{t('floor.hourNote', { today: floor.outsideHours.today, range: floor.outsideHours.range })}</p>
          <table data-testid="floor-counters">
            <caption>{t('floor.byCounter')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.counter')}</th>
                <th scope="col">{t('floor.calledFirst')}</th>
                <th scope="col">{t('floor.waitMedianMax')}</th>
                <th scope="col">{t('floor.serviceMedian')}</th>
                <th scope="col">{t('floor.noShows')}</th>
              </tr>
            </thead>
            <tbody>
              {floor.byCounter.map((c) => (
                <tr key={c.counter}>
                  <th scope="row">{c.counter}</th>
                  <td>{c.called}</td>
                  <td>
                    {min(c.wait.medianSeconds)} / {min(c.wait.maxSeconds)}
                  </td>
                  <td>{min(c.service.medianSeconds)}</td>
                  <td>{c.noShows}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table data-testid="floor-bundles">
            <caption>{t('floor.byBundle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('floor.bundle')}</th>
                <th scope="col">{t('floor.arrivals')}</th>
                {figureHeads}
              </tr>
            </thead>
            <tbody>
              {floor.byBundle.map((b) => (
                <tr key={b.bundle}>
                  <th scope="row">{b.forms.join('・')}</th>
                  <td>{b.arrivals}</td>
                  {figureCells(b.wait)}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">{floor.percentileMethod}</p>
        </>
      )}
      {data?.source === 'copy' && <p className="hint">{t('floor.flagsOffline')}</p>}
      {data?.linked && data.source === 'office' && (
        <table data-testid="floor-flags">
          <caption>{t('floor.flags', { count: data.flags.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('floor.flagKind')}</th>
              <th scope="col">{t('dashboard.ticket')}</th>
              <th scope="col">{t('floor.machine')}</th>
              <th scope="col">{t('floor.raisedAt')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('floor.resolve')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.flags.map((f) => (
              <tr key={f.id} data-flag={f.id}>
                <th scope="row">{t(`floor.flagKinds.${f.kind}`)}</th>
                <td>{f.ticket ?? none}</td>
                <td>{f.machine}</td>
                <td>{officeTime(f.raisedAt)}</td>
                <td>
                  <button type="button" onClick={() => void resolve(f.id)}>
                    {t('floor.resolve')}
                    <span className="visually-hidden">
                      {' '}
                      {f.ticket ?? ''} {f.machine}
                    </span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

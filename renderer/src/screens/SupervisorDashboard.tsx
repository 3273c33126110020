// Supervisor dashboard: live queue, wait and service times (median / p90) by procedure and by
// hour, per-counter throughput, the estimate for a new arrival, and CSV export. Live: it
// re-reads on every queue event and every few seconds, without reloading.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestOf } from '../../../main/ipc/contract.ts';
import { BarChart } from '../components/BarChart.tsx';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { asUiError, call, onEvent } from '../kiosk.ts';
import { useDashboardStore } from '../stores/dashboard-store.ts';
import { useFloorStore } from '../stores/floor-store.ts';
import { FloorPanel } from '../components/FloorPanel.tsx';
import { SignIn } from './SignIn.tsx';
import { StaffIdleWarning } from '../components/StaffIdleWarning.tsx';

function minutes(seconds: number | null, none: string): string {
  return seconds === null ? none : (seconds / 60).toFixed(1);
}

export function SupervisorDashboard() {
  const { t } = useTranslation();
  const { staff, from, to, data, error, loading, setStaff, setRange, refresh } = useDashboardStore();
  const floor = useFloorStore((s) => s.data);

  useEffect(() => {
    const read = () =>
      void call('auth:whoami', {}).then(
        (r) => {
          if (r.staff === null) {
            useDashboardStore.getState().wipe();
            useFloorStore.getState().wipe();
          }
          setStaff(r.staff);
        },
        () => setStaff(null),
      );
    read();
    // Main's idle sign-out (or a sign-in elsewhere): re-read who is signed in here.
    return onEvent('auth-changed', read);
  }, [setStaff]);

  useEffect(() => {
    if (staff?.role !== 'supervisor') return;
    // The floor over the office link (main reads the office service; nothing when there is none).
    const both = () => {
      void refresh();
      const { from: f, to: tt } = useDashboardStore.getState();
      void useFloorStore.getState().refresh(f, tt);
    };
    both();
    const off = onEvent('queue-changed', both);
    const timer = setInterval(both, 10_000);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [staff, refresh]);

  if (staff?.role !== 'supervisor') return <SignIn onSignedIn={setStaff} note={t('signIn.supervisorOnly')} />;

  const none = t('dashboard.none');
  const exportCsv = async () => {
    try {
      const { filename, csv } = await call('stats:csv', { from, to });
      // A BOM so that Excel opens the UTF-8 file with the Japanese procedure names intact.
      const url = URL.createObjectURL(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      useDashboardStore.setState({ error: asUiError(e) });
    }
  };
  const advance = (requestId: string, target: RequestOf<'queue:advance'>['to']) =>
    void call('queue:advance', { requestId, to: target }).then(
      () => refresh(),
      (e: unknown) => useDashboardStore.setState({ error: asUiError(e) }),
    );

  return (
    <div className="dashboard">
      <StaffIdleWarning signedIn />
      <header className="staff-header">
        <h1>{t('dashboard.title')}</h1>
        <p role="status" aria-live="polite">
          {loading ? t('app.busy') : `↻ ${t('dashboard.updated')}`}
        </p>
      </header>
      <main>
        {error && <ErrorPanel error={error} onDismiss={() => useDashboardStore.setState({ error: null })} />}
        <FloorPanel data={floor} />
        {data && (
          <>
            <section aria-labelledby="live-title" className="live">
              <h2 id="live-title">{t('dashboard.live')}</h2>
              <dl className="kpis">
                <div>
                  <dt>{t('dashboard.waiting')}</dt>
                  <dd data-testid="kpi-waiting">{data.live.waiting}</dd>
                </div>
                <div>
                  <dt>{t('dashboard.inService')}</dt>
                  <dd data-testid="kpi-in-service">{data.live.inService}</dd>
                </div>
                <div>
                  <dt>{t('dashboard.longest')}</dt>
                  <dd>
                    {data.live.longestWaitSeconds === null
                      ? none
                      : t('dashboard.minutes', { value: minutes(data.live.longestWaitSeconds, none) })}
                  </dd>
                </div>
                <div>
                  <dt>{t('dashboard.estimate')}</dt>
                  <dd data-testid="kpi-estimate">
                    {data.estimateSeconds === null ? none : t('dashboard.minutes', { value: minutes(data.estimateSeconds, none) })}
                  </dd>
                </div>
              </dl>
              <p className="hint">{t('dashboard.estimateMethod', { method: data.estimateMethod })}</p>
              <table data-testid="queue-table">
                <caption>{t('dashboard.queue')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.ticket')}</th>
                    <th scope="col">{t('dashboard.state')}</th>
                    <th scope="col">{t('dashboard.procedures')}</th>
                    <th scope="col">{t('dashboard.waited')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('dashboard.state')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.live.items.map((item) => (
                    <tr key={item.requestId} data-ticket={item.ticket}>
                      <td>{item.ticket}</td>
                      <td>{item.state}</td>
                      <td>{item.procedures.join('、')}</td>
                      <td>{t('dashboard.minutes', { value: minutes(item.waitingSeconds, none) })}</td>
                      <td>
                        <button type="button" onClick={() => advance(item.requestId, 'processing-started')}>
                          {t('dashboard.start')}
                        </button>{' '}
                        <button type="button" onClick={() => advance(item.requestId, 'completed')}>
                          {t('dashboard.complete')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section aria-labelledby="periods-title">
              <h2 id="periods-title">{t('dashboard.periods')}</h2>
              <table data-testid="period-table">
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.range')}</th>
                    <th scope="col">{t('dashboard.count')}</th>
                    <th scope="col">
                      {t('dashboard.waitTime')} {t('dashboard.median')}
                    </th>
                    <th scope="col">
                      {t('dashboard.waitTime')} {t('dashboard.p90')}
                    </th>
                    <th scope="col">
                      {t('dashboard.serviceTime')} {t('dashboard.median')}
                    </th>
                    <th scope="col">
                      {t('dashboard.serviceTime')} {t('dashboard.p90')}
                    </th>
                    <th scope="col">{t('dashboard.serviceLevel', { minutes: data.today.serviceLevelTargetMinutes })}</th>
                    <th scope="col">{t('dashboard.abandoned')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(
                    [
                      ['today', data.today],
                      ['range', data.range],
                    ] as const
                  ).map(([key, p]) => (
                    <tr key={key}>
                      <th scope="row">{key === 'today' ? t('dashboard.today') : `${data.from} 〜 ${data.to}`}</th>
                      <td>{p.count}</td>
                      <td>{minutes(p.waitMedian, none)}</td>
                      <td>{minutes(p.waitP90, none)}</td>
                      <td>{minutes(p.serviceMedian, none)}</td>
                      <td>{minutes(p.serviceP90, none)}</td>
                      <td>{p.serviceLevelShare === null ? none : `${Math.round(p.serviceLevelShare * 100)}%`}</td>
                      <td>{p.abandoned}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="hint">{t('dashboard.unit')}</p>
            </section>
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                void refresh();
                void useFloorStore.getState().refresh(from, to);
              }}
            >
              <fieldset>
                <legend>{t('dashboard.range')}</legend>
                <label>
                  {t('dashboard.from')}
                  <input type="date" value={from} onChange={(e) => setRange(e.target.value, to)} />
                </label>
                <label>
                  {t('dashboard.to')}
                  <input type="date" value={to} onChange={(e) => setRange(from, e.target.value)} />
                </label>
                <button type="submit">{t('dashboard.apply')}</button>
                <button type="button" onClick={() => void exportCsv()}>
                  {t('dashboard.csv')}
                </button>
              </fieldset>
            </form>
            <section aria-labelledby="proc-title">
              <h2 id="proc-title">{t('dashboard.byProcedure')}</h2>
              <BarChart
                title={t('dashboard.byProcedure')}
                rows={data.byProcedure.map((r) => ({ label: r.key, median: r.waitMedian, p90: r.waitP90 }))}
              />
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.procedures')}</th>
                    <th scope="col">{t('dashboard.count')}</th>
                    <th scope="col">
                      {t('dashboard.waitTime')} {t('dashboard.median')}
                    </th>
                    <th scope="col">
                      {t('dashboard.waitTime')} {t('dashboard.p90')}
                    </th>
                    <th scope="col">
                      {t('dashboard.serviceTime')} {t('dashboard.median')}
                    </th>
                    <th scope="col">
                      {t('dashboard.serviceTime')} {t('dashboard.p90')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.byProcedure.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">{r.key}</th>
                      <td>{r.count}</td>
                      <td>{minutes(r.waitMedian, none)}</td>
                      <td>{minutes(r.waitP90, none)}</td>
                      <td>{minutes(r.serviceMedian, none)}</td>
                      <td>{minutes(r.serviceP90, none)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section aria-labelledby="hour-title">
              <h2 id="hour-title">{t('dashboard.byHour')}</h2>
              <BarChart
                title={t('dashboard.byHour')}
                rows={data.byHour.map((r) => ({ label: t('dashboard.hour', { hour: r.hour }), median: r.waitMedian, p90: r.waitP90 }))}
              />
            </section>
            <section aria-labelledby="counter-title">
              <h2 id="counter-title">{t('dashboard.byCounter')}</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.counter')}</th>
                    <th scope="col">{t('dashboard.completed')}</th>
                    <th scope="col">{t('dashboard.perHour')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.byCounter.map((r) => (
                    <tr key={r.counter}>
                      <th scope="row">{r.counter}</th>
                      <td>{r.completed}</td>
                      <td>{r.perHour === null ? none : r.perHour.toFixed(1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section aria-labelledby="recent-title">
              <h2 id="recent-title">{t('dashboard.recent')}</h2>
              <table data-testid="recent-table">
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.ticket')}</th>
                    <th scope="col">{t('dashboard.waitTime')}</th>
                    <th scope="col">{t('dashboard.serviceTime')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.recent.map((r) => (
                    <tr key={r.ticket} data-ticket={r.ticket}>
                      <th scope="row">{r.ticket}</th>
                      <td data-testid="recent-wait">
                        {r.waitSeconds === null ? none : t('dashboard.minutes', { value: minutes(r.waitSeconds, none) })}
                      </td>
                      <td>{r.serviceSeconds === null ? none : t('dashboard.minutes', { value: minutes(r.serviceSeconds, none) })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </>
        )}
      </main>
    </div>
  );
}

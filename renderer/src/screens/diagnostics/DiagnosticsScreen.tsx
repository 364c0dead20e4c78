import { useEffect, useState } from 'react';
import type { DiagStatus } from '../../../../shared/contract/services/diagnostics';
import type { PlainKey } from '../../../../shared/i18n';
import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { DevicesTab } from './DevicesTab';
import { TestsTab } from './TestsTab';
import { StockTab } from './StockTab';
import { BackendTab, ConfigTab } from './StatusTabs';
import { ExportTab } from './ExportTab';

const TABS = ['devices', 'tests', 'stock', 'backend', 'config', 'export'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Record<Tab, PlainKey> = {
  devices: 'diag.tab.devices',
  tests: 'diag.tab.tests',
  stock: 'diag.tab.stock',
  backend: 'diag.tab.backend',
  config: 'diag.tab.config',
  export: 'diag.tab.export',
};
const POLL_MS = 1000;

/** The technicians' screen: live status polled about once a second, tests, stock, config and export. */
export function DiagnosticsScreen({ demoPin, onExit }: { demoPin: boolean; onExit(): void }) {
  const t = useT();
  const controller = useController();
  const [tab, setTab] = useState<Tab>('devices');
  const [status, setStatus] = useState<DiagStatus | null>(null);

  useEffect(() => {
    let stopped = false;
    const poll = () =>
      controller.diag('diag.status', {}).then(
        (s) => {
          if (!stopped) setStatus(s);
        },
        () => undefined,
      );
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [controller]);

  return (
    <div className="diag-overlay diag-screen" data-testid="diag-screen">
      <header className="diag-head">
        <h2 className="screen-title">{t('diag.title')}</h2>
        {demoPin && <p className="notice notice-warning">{t('diag.demoPin')}</p>}
        <button type="button" className="btn btn-exit" data-testid="diag-exit" onClick={onExit}>
          {t('diag.exit')}
        </button>
      </header>
      <nav className="diag-tabs" role="tablist">
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={`btn ${tab === id ? 'btn-primary' : 'btn-secondary'} diag-tab`}
            data-testid={`diag-tab-${id}`}
            onClick={() => setTab(id)}
          >
            {t(TAB_LABEL[id])}
          </button>
        ))}
      </nav>
      <section className="diag-body" role="tabpanel">
        {tab === 'devices' && <DevicesTab status={status} />}
        {tab === 'tests' && <TestsTab calibration={status?.calibration ?? null} />}
        {tab === 'stock' && <StockTab stock={status?.stock ?? []} />}
        {tab === 'backend' && <BackendTab status={status} />}
        {tab === 'config' && <ConfigTab status={status} />}
        {tab === 'export' && <ExportTab />}
      </section>
    </div>
  );
}

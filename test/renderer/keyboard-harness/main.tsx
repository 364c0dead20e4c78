/**
 * Browser-test harness: one field and the on-screen keyboard, configured by the
 * query string (`?mode=chinese&allowLatin=1&maxLength=20&maxFen=100000&lang=en`).
 * The page shows the committed value and how often Done was pressed, for the test to read.
 */
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import '../../../renderer/src/styles/tokens.css';
import '../../../renderer/src/styles/base.css';
import './harness.css';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { AppContext } from '../../../renderer/src/app/context';
import type { Controller } from '../../../renderer/src/app/controller';
import { createKioskStore } from '../../../renderer/src/store';
import { OnScreenKeyboard, type KeyboardMode } from '../../../renderer/src/components/keyboard/OnScreenKeyboard';
import { loadPinyin } from '../../../renderer/src/keyboard/pinyin-loader';

const params = new URLSearchParams(location.search);
const MODES: readonly KeyboardMode[] = ['numeric', 'amount', 'taxId', 'code', 'chinese'];
const mode = MODES.find((m) => m === params.get('mode')) ?? 'chinese';
const numberParam = (name: string): number | undefined => (params.has(name) ? Number(params.get(name)) : undefined);

const store = createKioskStore();
store.getState().setLang(params.get('lang') === 'en' ? 'en' : 'zh-CN');
const noop = (): void => undefined;
const controller: Controller = {
  touch: noop,
  keepAlive: noop,
  setElderly: noop,
  endSession: noop,
  loadSimProfiles: noop,
  simPlace: noop,
  simLift: noop,
  startCollection: noop,
  collection: noop,
  simPrinterState: noop,
  startCertificate: noop,
  certificate: noop,
  startCredit: noop,
  credit: noop,
  startIssuance: noop,
  publicInfo: { overview: async () => null, list: async () => null, search: async () => null },
  issuance: noop,
  simConfirmPayment: noop,
  diag: () => Promise.reject(new Error('no host in the keyboard harness')),
  stop: noop,
};

const LABELS: Record<KeyboardMode, string> = { numeric: '数量', amount: '金额（元）', taxId: '纳税人识别号', code: '取票码', chinese: '购买方名称' };

function Harness() {
  const [value, setValue] = useState('');
  const [dones, setDones] = useState(0);
  return (
    <main className="harness">
      <h1 className="harness-label">{LABELS[mode]}</h1>
      <OnScreenKeyboard
        mode={mode}
        value={value}
        onChange={setValue}
        onDone={() => setDones((n) => n + 1)}
        label={LABELS[mode]}
        placeholder={params.get('placeholder') ?? undefined}
        maxLength={numberParam('maxLength')}
        maxFen={numberParam('maxFen')}
        allowLatin={params.get('allowLatin') === '1'}
      />
      <output data-testid="harness-value" hidden>
        {value}
      </output>
      <output data-testid="harness-done" hidden>
        {dones}
      </output>
    </main>
  );
}

// As in the kiosk, where a visit prefetches it: the engine is there before the first key.
await loadPinyin();
const root = document.getElementById('root');
if (root === null) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    <AppContext.Provider value={{ store, controller }}>
      <Harness />
    </AppContext.Provider>
  </StrictMode>,
);

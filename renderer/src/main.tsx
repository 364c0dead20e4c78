import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles/tokens.css';
import './styles/base.css';
import './styles/screens.css';
import './styles/service-steps.css';
import './styles/elderly.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickBridge } from './bridge';
import { createKioskStore } from './store';
import { createController } from './app/controller';
import { AppContext } from './app/context';
import { App } from './App';
import { installKioskGuards } from './kiosk-guards';
import { revealWhenFontsReady } from './reveal-when-fonts-ready';

installKioskGuards(document);

// Outside React: one bridge, one store, one set of subscriptions per window.
const bridge = pickBridge(window);
const store = createKioskStore();
const controller = createController(bridge, store);

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('#root missing from index.html');
createRoot(rootElement).render(
  <StrictMode>
    <AppContext.Provider value={{ store, controller }}>
      <App />
    </AppContext.Provider>
  </StrictMode>,
);
void revealWhenFontsReady(document);

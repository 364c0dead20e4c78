import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider } from './i18n';

const root = document.getElementById('root');
if (root === null) throw new Error('no #root in index.html');
createRoot(root).render(
  <I18nProvider>
    <App />
  </I18nProvider>,
);

// Entry point: pick the language, load its texts, render the shell, register the service worker.
import { render } from 'preact';
import { App } from './app';
import { detectLanguage, initI18n } from './i18n';
import { refreshSession } from './lib/session';
import './styles.css';

const root = document.getElementById('app')!;

async function start(): Promise<void> {
  await initI18n(detectLanguage());
  render(<App />, root);
  void refreshSession();
  if ('serviceWorker' in navigator && import.meta.env.PROD) {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // The app works without offline support.
    });
  }
}

void start();

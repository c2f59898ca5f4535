import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { conferenceClient } from './conference-client';
import './styles.css';

// Diagnostics hook: support staff and the end-to-end tests read stream counters from the console.
(window as unknown as { rounds: unknown }).rounds = { client: conferenceClient };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

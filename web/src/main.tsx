// The design system first, so component styles that follow can refine it.
import './styles/tokens.css';
import './styles/base.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { queryClient } from './app/query-client.ts';
import { router } from './app/router.tsx';
import { setUnauthenticatedHandler } from './lib/api.ts';

// A lost session sends the person to sign in, then back to where they were.
setUnauthenticatedHandler((signInUrl) => {
  queryClient.clear();
  void router.navigate(signInUrl, { replace: true });
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);

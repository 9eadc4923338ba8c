import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createTheme, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import '@mantine/core/styles.css';
import { App } from './App';
import { ApiError } from './api/client';

// the darker shade of each colour: white text on it, and it as text on white, meet WCAG AA's 4.5:1; an alert's title
// in the text colour (a light yellow or orange title on its tinted background does not), its colour kept in the border
const theme = createTheme({
  primaryShade: 8,
  components: {
    Alert: { styles: { title: { color: 'var(--mantine-color-text)' } } },
  },
});

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      // a refusal (4xx) is an answer, not a failure to retry
      retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.problem.status >= 400
        && error.problem.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queries}>
        <App />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);

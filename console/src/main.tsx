import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createTheme, type CSSVariablesResolver, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import '@mantine/core/styles.css';
import { App } from './App';
import { ApiError } from './api/client';

// the darker shade of each colour: white text on it, and it as text on white, meet WCAG AA's 4.5:1; an alert's title
// in the text colour (a light yellow or orange title on its tinted background does not), its colour kept in the border;
// a dialog inside the page's main landmark (its header in a portal would be a second banner), its close button named;
// the current section in the navigation filled (its light variant under the pointer falls below 4.5:1)
const theme = createTheme({
  primaryShade: 8,
  components: {
    Alert: { styles: { title: { color: 'var(--mantine-color-text)' } } },
    Modal: { defaultProps: { withinPortal: false, closeButtonProps: { 'aria-label': 'Close' } } },
    NavLink: { defaultProps: { variant: 'filled' } },
  },
});

// Mantine's dimmed grey (inputs' descriptions, placeholders, dimmed text) is below WCAG AA's 4.5:1 on white
const readable: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-placeholder': 'var(--mantine-color-gray-7)' },
  dark: {},
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
    <MantineProvider theme={theme} cssVariablesResolver={readable}>
      <QueryClientProvider client={queries}>
        <App />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);

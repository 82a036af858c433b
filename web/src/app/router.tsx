/** Every page has its own shareable URL; the back button works because the router owns history. */
import { createBrowserRouter, Navigate } from 'react-router';
import { CompanyPage } from '../features/company/components/company-page.tsx';
import { HomePage } from '../features/home/components/home-page.tsx';
import { ObjectivePage } from '../features/objectives/components/objective-page.tsx';
import { SignInPage } from '../features/auth/components/sign-in-page.tsx';
import { AppShell } from './app-shell.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { PlaceholderPage } from './placeholder-page.tsx';
import { RootRedirect } from './root-redirect.tsx';

export const router = createBrowserRouter([
  { path: '/', element: <RootRedirect /> },
  { path: '/signin', element: <SignInPage /> },
  {
    path: '/orgs/:org',
    element: <AppShell />,
    children: [
      { index: true, element: <Navigate to="home" replace /> },
      { path: 'home', element: <HomePage /> },
      { path: 'company', element: <CompanyPage /> },
      { path: 'objectives/:id', element: <ObjectivePage /> },
      {
        path: 'teams',
        element: (
          <PlaceholderPage
            title="Teams"
            description="Not built yet: the team tree, each team's objectives, members and leads (issue 4)."
          />
        ),
      },
      {
        path: 'alignment',
        element: (
          <PlaceholderPage
            title="Alignment map"
            description="Not built yet: the whole cycle as an interactive tree, coloured by status, with search and “show my path” (issue 4)."
          />
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  { path: '*', element: <NotFoundPage standalone /> },
]);

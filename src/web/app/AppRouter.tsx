import { createBrowserRouter, Navigate } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { EmployeesOnly } from '../features/guests/EmployeesOnly.js';
import { PageLoader } from '../ui/PageLoader.js';
import { GuestOnly } from './GuestOnly.js';
import { AppLayout } from './layouts/AppLayout.js';
import { PublicLayout } from './layouts/PublicLayout.js';
import { NotFoundPage } from './NotFoundPage.js';
import { RequireAdmin } from './RequireAdmin.js';
import { RequireSignedIn } from './RequireSignedIn.js';
import { RouteError } from './RouteError.js';
import { SetupGate } from './SetupGate.js';

/**
 * Every address of the web app. Pages load lazily, one chunk per feature page, so the first
 * screen downloads only the shell.
 */
const router = createBrowserRouter([
  {
    element: <SetupGate />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageLoader />,
    children: [
      {
        path: 'setup',
        lazy: () => import('../features/setup/SetupPage.js').then((m) => ({ Component: m.SetupPage })),
      },
      {
        element: <PublicLayout />,
        children: [
          {
            element: <GuestOnly />,
            children: [
              {
                path: 'sign-in',
                lazy: () =>
                  import('../features/auth/SignInPage.js').then((m) => ({ Component: m.SignInPage })),
              },
              {
                path: 'sign-up',
                lazy: () =>
                  import('../features/auth/SignUpPage.js').then((m) => ({ Component: m.SignUpPage })),
              },
              {
                path: 'forgot-password',
                lazy: () =>
                  import('../features/auth/ForgotPasswordPage.js').then((m) => ({
                    Component: m.ForgotPasswordPage,
                  })),
              },
            ],
          },
          {
            path: 'reset-password',
            lazy: () =>
              import('../features/auth/ResetPasswordPage.js').then((m) => ({
                Component: m.ResetPasswordPage,
              })),
          },
          {
            path: 'verify-email',
            lazy: () =>
              import('../features/auth/VerifyEmailPage.js').then((m) => ({ Component: m.VerifyEmailPage })),
          },
          {
            path: 'guest/accept',
            lazy: () =>
              import('../features/guests/GuestAcceptPage.js').then((m) => ({ Component: m.GuestAcceptPage })),
          },
        ],
      },
      {
        element: <RequireSignedIn />,
        children: [
          {
            element: <AppLayout />,
            children: [
              {
                // Guests (issue 4) have no company feed: their home is their groups.
                element: <EmployeesOnly guestsTo="/groups" />,
                children: [
                  {
                    index: true,
                    lazy: () =>
                      import('../features/feed/FeedPage.js').then((m) => ({ Component: m.FeedPage })),
                  },
                ],
              },
              {
                path: 'posts/:id',
                lazy: () => import('../features/posts/PostPage.js').then((m) => ({ Component: m.PostPage })),
              },
              {
                path: 'settings/notifications',
                lazy: () =>
                  import('../features/notifications/NotificationSettingsPage.js').then((m) => ({
                    Component: m.NotificationSettingsPage,
                  })),
              },
              {
                // Guests (issue 4) never see the directory or the org chart.
                element: <EmployeesOnly />,
                children: [
                  {
                    path: 'people',
                    lazy: () =>
                      import('../features/people/DirectoryPage.js').then((m) => ({
                        Component: m.DirectoryPage,
                      })),
                  },
                  {
                    path: 'org',
                    lazy: () =>
                      import('../features/departments/OrgChartPage.js').then((m) => ({
                        Component: m.OrgChartPage,
                      })),
                  },
                ],
              },
              {
                path: 'people/:id',
                lazy: () =>
                  import('../features/people/PersonPage.js').then((m) => ({ Component: m.PersonPage })),
              },
              {
                path: 'people/:id/edit',
                lazy: () =>
                  import('../features/profile/EditProfilePage.js').then((m) => ({
                    Component: m.EditProfilePage,
                  })),
              },
              {
                path: 'groups',
                lazy: () =>
                  import('../features/groups/GroupsPage.js').then((m) => ({ Component: m.GroupsPage })),
              },
              {
                path: 'groups/:id/:tab?',
                lazy: () =>
                  import('../features/groups/GroupPage.js').then((m) => ({ Component: m.GroupPage })),
              },
              {
                // Chats (issue 5): the list, and one conversation beside it (or alone on a phone).
                path: 'chats/:id?',
                lazy: () =>
                  import('../features/chats/ChatsPage.js').then((m) => ({ Component: m.ChatsPage })),
              },
              {
                path: 'topics/:tag',
                lazy: () =>
                  import('../features/topics/TopicPage.js').then((m) => ({ Component: m.TopicPage })),
              },
              {
                path: 'moderation',
                lazy: () =>
                  import('../features/moderation/ModerationPage.js').then((m) => ({
                    Component: m.ModerationPage,
                  })),
              },
              {
                path: 'me/sessions',
                lazy: () =>
                  import('../features/auth/SessionsPage.js').then((m) => ({ Component: m.SessionsPage })),
              },
              {
                path: 'me/password',
                lazy: () =>
                  import('../features/auth/ChangePasswordPage.js').then((m) => ({
                    Component: m.ChangePasswordPage,
                  })),
              },
              {
                path: 'admin',
                element: <RequireAdmin />,
                children: [
                  {
                    lazy: () =>
                      import('../features/admin/AdminLayout.js').then((m) => ({ Component: m.AdminLayout })),
                    children: [
                      { index: true, element: <Navigate to="/admin/users" replace /> },
                      {
                        path: 'users',
                        lazy: () =>
                          import('../features/admin/AdminUsersPage.js').then((m) => ({
                            Component: m.AdminUsersPage,
                          })),
                      },
                      {
                        path: 'departments',
                        lazy: () =>
                          import('../features/admin/AdminDepartmentsPage.js').then((m) => ({
                            Component: m.AdminDepartmentsPage,
                          })),
                      },
                      {
                        path: 'domains',
                        lazy: () =>
                          import('../features/admin/AdminDomainsPage.js').then((m) => ({
                            Component: m.AdminDomainsPage,
                          })),
                      },
                      {
                        path: 'password-policy',
                        lazy: () =>
                          import('../features/admin/AdminPasswordPolicyPage.js').then((m) => ({
                            Component: m.AdminPasswordPolicyPage,
                          })),
                      },
                      {
                        path: 'files',
                        lazy: () =>
                          import('../features/admin/AdminFilesPage.js').then((m) => ({
                            Component: m.AdminFilesPage,
                          })),
                      },
                      {
                        path: 'stickers',
                        lazy: () =>
                          import('../features/admin/StickerPacksPage.js').then((m) => ({
                            Component: m.StickerPacksPage,
                          })),
                      },
                      {
                        path: 'banners',
                        lazy: () =>
                          import('../features/moderation/AdminBannersPage.js').then((m) => ({
                            Component: m.AdminBannersPage,
                          })),
                      },
                      {
                        path: 'topics',
                        lazy: () =>
                          import('../features/topics/AdminTopicsPage.js').then((m) => ({
                            Component: m.AdminTopicsPage,
                          })),
                      },
                      {
                        path: 'import',
                        lazy: () =>
                          import('../features/admin/AdminImportPage.js').then((m) => ({
                            Component: m.AdminImportPage,
                          })),
                      },
                    ],
                  },
                ],
              },
              // Documents (issue 4).
              {
                path: 'files',
                lazy: () =>
                  import('../features/files/LibraryPages.js').then((m) => ({ Component: m.MyFilesPage })),
              },
              {
                path: 'files/company',
                lazy: () =>
                  import('../features/files/LibraryPages.js').then((m) => ({
                    Component: m.CompanyLibraryPage,
                  })),
              },
              {
                path: 'files/shared',
                lazy: () =>
                  import('../features/files/SharedWithMePage.js').then((m) => ({
                    Component: m.SharedWithMePage,
                  })),
              },
              {
                path: 'files/link/:token',
                lazy: () =>
                  import('../features/files/FileLinkPage.js').then((m) => ({ Component: m.FileLinkPage })),
              },
              {
                path: 'files/:id',
                lazy: () =>
                  import('../features/files/DocumentPage.js').then((m) => ({ Component: m.DocumentPage })),
              },
              {
                path: 'people/:id/files',
                lazy: () =>
                  import('../features/files/LibraryPages.js').then((m) => ({
                    Component: m.PersonLibraryPage,
                  })),
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);

/** The router of the whole app. */
export function AppRouter() {
  return <RouterProvider router={router} />;
}

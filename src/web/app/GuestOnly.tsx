import { Navigate, Outlet, useSearchParams } from 'react-router';
import { safeNextPath } from '../features/auth/safe-next-path.js';
import { useMe } from '../lib/useMe.js';
import { PageLoader } from '../ui/PageLoader.js';

/**
 * Sign-in and sign-up pages: someone signed in goes into the app, to the page that sent them
 * to sign in (`?next=`) if there was one. Signing in itself relies on this redirect.
 */
export function GuestOnly() {
  const me = useMe();
  const [params] = useSearchParams();
  if (me.isPending) return <PageLoader />;
  if (me.data) return <Navigate to={safeNextPath(params.get('next'))} replace />;
  return <Outlet />;
}

import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../lib/useMe.js';
import { ErrorAlert } from '../ui/ErrorAlert.js';
import { PageLoader } from '../ui/PageLoader.js';

/** Lets only signed-in people through; others go to sign in and come back afterwards. */
export function RequireSignedIn() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoader />;
  if (me.isError) return <ErrorAlert error={me.error} />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    const query = next === '/' ? '' : `?${new URLSearchParams({ next })}`;
    return <Navigate to={`/sign-in${query}`} replace />;
  }
  if (me.data.user.mustChangePassword && location.pathname !== '/me/password') {
    return <Navigate to="/me/password" replace />;
  }
  return <Outlet />;
}

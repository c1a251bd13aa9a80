import { Navigate, Outlet } from 'react-router';
import { useMe } from '../lib/useMe.js';

/** Admin pages: other roles are sent to the directory (the server refuses them anyway). */
export function RequireAdmin() {
  const role = useMe().data?.user.role;
  if (role !== 'admin') return <Navigate to="/people" replace />;
  return <Outlet />;
}

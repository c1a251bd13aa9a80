import { Navigate, Outlet } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage.js';
import { useMe } from '../../lib/useMe.js';

/**
 * Pages that are the company's alone — the feed, the directory, the org chart, topics,
 * moderation: a guest (G4, R22) who types their address gets the not-found page, or, for the
 * home page, their groups. The server refuses the data too; this keeps the shell honest.
 */
export function EmployeesOnly({ guestsTo }: { guestsTo?: string }) {
  const role = useMe().data?.user.role;
  if (role === 'guest') return guestsTo ? <Navigate to={guestsTo} replace /> : <NotFoundPage />;
  return <Outlet />;
}

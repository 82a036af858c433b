/**
 * "Cascade to my team": on a company, team or shared objective, for each team the reader leads,
 * a link into the wizard already aligned to this objective, with key result drafts proposed from
 * its key results (the wizard reads the proposal; the API decides on creation).
 */
import type { ObjectiveDetailView } from '@contracts/api/okrs.ts';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../../lib/current-user.ts';

export function CascadeLinks({
  org,
  objective,
}: {
  org: string;
  objective: ObjectiveDetailView;
}): ReactElement | null {
  const me = useCurrentUser();
  const organisation = me.data?.organisations.find((candidate) => candidate.slug === org);
  const led = (organisation?.teams ?? []).filter(
    (team) => team.isLead && team.id !== objective.team?.id,
  );
  const open = objective.cycle.status === 'active' || objective.cycle.status === 'planning';
  if (objective.level === 'individual' || !open || led.length === 0) return null;
  const to = (teamId: string) =>
    `/orgs/${encodeURIComponent(org)}/objectives/new?cascade=${encodeURIComponent(objective.id)}&team=${encodeURIComponent(teamId)}&step=objective`;
  return (
    <>
      {led.map((team) => (
        <Link key={team.id} className="button" to={to(team.id)}>
          {led.length === 1 ? 'Cascade to my team' : `Cascade to ${team.name}`}
        </Link>
      ))}
    </>
  );
}

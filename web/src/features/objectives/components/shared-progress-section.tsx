/**
 * A shared objective's progress per contributing team: one bar per team against the pace of the
 * cycle, its status as colour, word and icon, and what the team contributes (key results and
 * aligned objectives, each a link), under the overall bar.
 */
import type { SharedProgressView } from '@contracts/api/shared-objectives.ts';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { HealthBadge } from '../../../components/health-badge.tsx';
import { ProgressBar } from '../../../components/progress-bar.tsx';
import { formatPercent } from '../../../lib/format.ts';

interface SharedProgressSectionProps {
  org: string;
  shared: SharedProgressView;
  expected: number;
}

export function SharedProgressSection({
  org,
  shared,
  expected,
}: SharedProgressSectionProps): ReactElement {
  const base = `/orgs/${encodeURIComponent(org)}`;
  return (
    <section className="section shared-progress" aria-labelledby="shared-progress">
      <div className="section-header">
        <h2 id="shared-progress">Progress by contributing team</h2>
      </div>
      {shared.teams.length === 0 ? (
        <p className="muted">
          No contributing teams yet. Ask a team for help below to bring one in.
        </p>
      ) : (
        <ul className="card-list shared-teams">
          {shared.teams.map((share) => (
            <li key={share.team.id} className="card shared-team" data-team={share.team.name}>
              <div className="shared-team-header">
                <h3>{share.team.name}</h3>
                <HealthBadge health={share.health} />
              </div>
              {share.progress === null ? (
                <p className="muted small">Nothing measured yet.</p>
              ) : (
                <ProgressBar
                  progress={share.progress}
                  expected={expected}
                  health={share.health}
                  label={`Progress of ${share.team.name} on this objective`}
                />
              )}
              {share.contributions.length === 0 ? (
                <p className="muted small">
                  Contributes nothing yet: a key result owned by one of its people, or a team
                  objective aligned here, will count.
                </p>
              ) : (
                <ul className="shared-contributions small">
                  {share.contributions.map((contribution, index) => (
                    <li key={contribution.id ?? `private-${index}`}>
                      <span className="muted">
                        {contribution.kind === 'objective' ? 'Objective' : 'Key result'}:
                      </span>{' '}
                      {contribution.objectiveId && !contribution.private ? (
                        <Link
                          to={`${base}/objectives/${encodeURIComponent(contribution.objectiveId)}`}
                        >
                          {contribution.title}
                        </Link>
                      ) : (
                        <span>{contribution.title}</span>
                      )}{' '}
                      <span className="muted">{formatPercent(contribution.progress)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {shared.unattributed.length > 0 && (
        <p className="muted small">
          Also counting, from outside the contributing teams:{' '}
          {shared.unattributed.map((c) => c.title).join(', ')}.
        </p>
      )}
    </section>
  );
}

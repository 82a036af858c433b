/** Step 1: which level (only those the person may create), which team, which cycle. */
import type { CycleView } from '@contracts/api/cycles.ts';
import type { ObjectiveDetailView } from '@contracts/api/okrs.ts';
import type { TeamView } from '@contracts/api/people.ts';
import type { ReactElement } from 'react';
import { formatDay } from '../../../lib/format.ts';
import { LEVEL_LABEL } from '../../../lib/labels.ts';
import type { FieldErrors, WizardDraft } from '../model/draft.ts';
import { levelDescription, type LevelChoice } from '../model/levels.ts';
import { FieldErrorText, SelectField } from './step-shared.tsx';

interface LevelStepProps {
  draft: WizardDraft;
  update: (changes: Partial<WizardDraft>) => void;
  errors: FieldErrors;
  cycles: CycleView[];
  levels: LevelChoice[];
  ledTeams: { id: string; name: string }[];
  allTeams: TeamView[] | undefined;
  /** Edit mode: the objective as saved (level and cycle are fixed once created). */
  editing: ObjectiveDetailView | null;
}

export function LevelStep({
  draft,
  update,
  errors,
  cycles,
  levels,
  ledTeams,
  allTeams,
  editing,
}: LevelStepProps): ReactElement {
  if (editing) {
    return (
      <div className="wizard-fields">
        <dl className="wizard-facts">
          <div>
            <dt>Level</dt>
            <dd>
              {LEVEL_LABEL[editing.level]} <span className="muted small">— {levelDescription(editing.level)}</span>
            </dd>
          </div>
          <div>
            <dt>Cycle</dt>
            <dd>{editing.cycle.name}</dd>
          </div>
          {editing.team && (
            <div>
              <dt>Team</dt>
              <dd>{editing.team.name}</dd>
            </div>
          )}
          {editing.contributingTeams.length > 0 && (
            <div>
              <dt>Contributing teams</dt>
              <dd>{editing.contributingTeams.map((team) => team.name).join(', ')}</dd>
            </div>
          )}
        </dl>
        <p className="muted small">
          The level and the cycle stay as they were created. To move the objective elsewhere,
          create a new one and align it.
        </p>
      </div>
    );
  }

  return (
    <div className="wizard-fields">
      <SelectField
        label="Cycle"
        value={draft.cycleId}
        onChange={(event) => update({ cycleId: event.target.value, parentIds: [] })}
        error={errors.cycleId}
        hint="The period the objective is for. The active cycle comes first."
      >
        {draft.cycleId === '' && <option value="">Choose a cycle</option>}
        {cycles.map((cycle) => (
          <option key={cycle.id} value={cycle.id}>
            {cycle.name} ({cycle.status === 'active' ? 'active' : 'planning'},{' '}
            {formatDay(cycle.startDate)} – {formatDay(cycle.endDate)})
          </option>
        ))}
      </SelectField>

      <fieldset className="wizard-choices">
        <legend className="field-label">Level</legend>
        {levels.map((choice) => (
          <label key={choice.level} className="wizard-choice">
            <input
              type="radio"
              name="level"
              value={choice.level}
              aria-invalid={errors.level ? true : undefined}
              checked={draft.level === choice.level}
              onChange={() =>
                update({
                  level: choice.level,
                  // A team objective needs a team: the only one the person leads is the answer.
                  teamId:
                    choice.level === 'team' && ledTeams.length === 1 ? (ledTeams[0]?.id ?? '') : draft.teamId,
                  parentIds: choice.level === 'company' ? [] : draft.parentIds,
                })
              }
            />
            <span>
              <span className="wizard-choice-title">{LEVEL_LABEL[choice.level]}</span>
              <span className="wizard-choice-description">{choice.description}</span>
            </span>
          </label>
        ))}
        {errors.level && <FieldErrorText message={errors.level} />}
      </fieldset>

      {draft.level === 'team' && (
        <SelectField
          label="Team"
          value={draft.teamId}
          onChange={(event) => update({ teamId: event.target.value })}
          error={errors.teamId}
          hint="You can set objectives for the teams you lead."
        >
          {draft.teamId === '' && <option value="">Choose a team</option>}
          {ledTeams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </SelectField>
      )}

      {draft.level === 'shared' && (
        <fieldset className="wizard-choices">
          <legend className="field-label">Contributing teams</legend>
          <p className="field-hint">The teams that work toward this shared objective.</p>
          {allTeams === undefined ? (
            <p className="muted small">Loading the teams…</p>
          ) : (
            <div className="team-checks">
              {allTeams.map((team) => (
                <label key={team.id} className="inline-field">
                  <input
                    type="checkbox"
                    checked={draft.contributingTeamIds.includes(team.id)}
                    onChange={(event) =>
                      update({
                        contributingTeamIds: event.target.checked
                          ? [...draft.contributingTeamIds, team.id]
                          : draft.contributingTeamIds.filter((id) => id !== team.id),
                      })
                    }
                  />
                  {team.name}
                </label>
              ))}
            </div>
          )}
          {errors.contributingTeamIds && <FieldErrorText message={errors.contributingTeamIds} />}
        </fieldset>
      )}
    </div>
  );
}

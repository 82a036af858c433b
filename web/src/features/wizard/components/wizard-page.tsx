/**
 * The wizard's page: /objectives/new (`?level=&parent=&team=&cycle=` preselect) creates an
 * objective; /objectives/:id/edit edits one with the same steps. Loads what the first step
 * needs, then hands a starting draft to the form. `?cascade=<parent>&team=<team>` cascades the
 * parent to a team the person leads: a team objective already aligned to it, with key result
 * drafts proposed from the parent's, each to be given an owner among the team's members.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactElement } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { useCascadeProposal, useMe, useObjectiveDetail, useOpenCycles } from '../api/wizard-queries.ts';
import { cascadedKeyResultDraft, draftOf, newKeyResult, type WizardDraft } from '../model/draft.ts';
import { creatableLevels, ledTeams } from '../model/levels.ts';
import { WizardForm } from './wizard-form.tsx';
import './wizard.css';

export function WizardPage(): ReactElement {
  const { org = '', id } = useParams();
  const editing = id !== undefined;
  useDocumentTitle(editing ? 'Edit objective' : 'New objective');
  const [search] = useSearchParams();
  const cascadeParam = editing ? null : search.get('cascade');
  const parentParam = editing ? null : (cascadeParam ?? search.get('parent'));
  const queryClient = useQueryClient();
  const [loadCount, setLoadCount] = useState(0);

  const me = useMe();
  const cycles = useOpenCycles(org);
  const objective = useObjectiveDetail(org, editing ? id : null);
  const preselectedParent = useObjectiveDetail(org, parentParam);
  const cascade = useCascadeProposal(org, cascadeParam, search.get('team'));

  const pending =
    me.isPending ||
    cycles.isPending ||
    (editing && objective.isPending) ||
    (parentParam !== null && preselectedParent.isPending) ||
    (cascadeParam !== null && cascade.isPending && cascade.fetchStatus !== 'idle');
  if (pending) return <LoadingState label="Getting the wizard ready…" rows={3} />;
  const failed = me.error ?? cycles.error ?? objective.error ?? cascade.error;
  if (failed) {
    return (
      <ErrorState
        error={failed}
        what={editing ? 'This objective' : 'The wizard'}
        onRetry={() => {
          void me.refetch();
          void cycles.refetch();
          if (editing) void objective.refetch();
          if (cascadeParam !== null) void cascade.refetch();
        }}
      />
    );
  }
  const organisation = me.data?.organisations.find((candidate) => candidate.slug === org);
  if (!me.data || !cycles.data || !organisation) return <LoadingState />;
  const base = `/orgs/${encodeURIComponent(org)}`;

  if (editing) {
    const detail = objective.data;
    if (!detail) return <LoadingState />;
    if (!detail.abilities.canEdit && !detail.abilities.canEditWordingOnly) {
      return (
        <div className="page">
          <h1>Edit objective</h1>
          <EmptyState
            title="You may not edit this objective"
            action={
              <Link className="button" to={`${base}/objectives/${encodeURIComponent(detail.id)}`}>
                Back to the objective
              </Link>
            }
          >
            <p>
              Its owner, the lead of its team or (for company objectives) an executive can change
              it. Comment on it to suggest a change.
            </p>
          </EmptyState>
        </div>
      );
    }
    return (
      <WizardForm
        key={`${detail.id}-${loadCount}`}
        org={org}
        me={me.data.user}
        organisation={organisation}
        cycles={cycles.data}
        initialDraft={draftOf(detail)}
        editing={detail}
        onReload={async () => {
          await queryClient.invalidateQueries({ queryKey: queryKeys.objective(org, detail.id) });
          await objective.refetch();
          setLoadCount((count) => count + 1);
        }}
      />
    );
  }

  if (cycles.data.length === 0) {
    return (
      <div className="page">
        <h1>New objective</h1>
        <EmptyState title="No cycle is open for new objectives">
          <p>
            Objectives belong to a cycle (a quarter, say). Ask an OKR champion to open the next
            cycle in planning; then come back here.
          </p>
        </EmptyState>
      </div>
    );
  }

  const levels = creatableLevels(organisation).map((choice) => choice.level);
  const levelParam = search.get('level');
  const level = levels.find((candidate) => candidate === levelParam) ?? null;
  const teams = ledTeams(organisation);
  const teamParam = search.get('team');
  const parent = preselectedParent.data;
  const cycleParam = search.get('cycle');
  const cycleId =
    cycles.data.find((cycle) => cycle.id === (cycleParam ?? parent?.cycleId))?.id ??
    cycles.data.find((cycle) => cycle.status === 'active')?.id ??
    cycles.data[0]?.id ??
    '';
  const proposal = cascade.data;
  const cascaded: Partial<WizardDraft> =
    proposal && levels.includes('team')
      ? {
          level: 'team',
          teamId: proposal.team.id,
          keyResults:
            proposal.keyResults.length > 0
              ? proposal.keyResults.map(cascadedKeyResultDraft)
              : [newKeyResult(''), newKeyResult('')],
        }
      : {};
  const initialDraft: WizardDraft = {
    cycleId,
    level: level ?? (levels.length === 1 ? 'individual' : null),
    teamId:
      teams.find((team) => team.id === teamParam)?.id ??
      (level === 'team' && teams.length === 1 ? (teams[0]?.id ?? '') : ''),
    contributingTeamIds: [],
    parentIds: parent && parent.cycleId === cycleId ? [parent.id] : [],
    title: '',
    rationale: '',
    ownerId: me.data.user.id,
    keyResults: [newKeyResult(me.data.user.id), newKeyResult(me.data.user.id)],
    ...cascaded,
  };
  return (
    <WizardForm
      org={org}
      me={me.data.user}
      organisation={organisation}
      cycles={cycles.data}
      initialDraft={initialDraft}
      editing={null}
      onReload={null}
      cascade={
        proposal && cascaded.level === 'team'
          ? { parentTitle: proposal.parent.title, teamName: proposal.team.name }
          : null
      }
    />
  );
}

/**
 * Saving the wizard: one POST creates the objective with its key results; editing sends only
 * what changed, each write with the If-Match of the version it changes (the objective's for its
 * fields and alignment, each key result's own). What succeeded is remembered, so after an error
 * the next save continues from there instead of repeating it (which would be a 412).
 */
import type {
  KeyResultUpdateBody,
  KeyResultView,
  ObjectiveDetailView,
  ObjectiveUpdateBody,
} from '@contracts/api/okrs.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { createBody, keyResultBody, type FieldErrors, type WizardDraft } from '../model/draft.ts';

const orgPath = (org: string) => `/orgs/${encodeURIComponent(org)}`;

export function useCreateObjective(org: string) {
  const queryClient = useQueryClient();
  return useMutation<ObjectiveDetailView, ApiError, WizardDraft>({
    mutationFn: (draft) =>
      apiRequest<ObjectiveDetailView>(`${orgPath(org)}/objectives`, {
        method: 'POST',
        body: createBody(draft),
      }),
    onSuccess: (objective) => {
      queryClient.setQueryData(queryKeys.objective(org, objective.id), objective);
      // Home, the parents and every list now show one more objective.
      void queryClient.invalidateQueries({ queryKey: queryKeys.org(org) });
    },
  });
}

/** What the server holds, as far as this screen knows: the base of the next save's changes. */
export interface ServerState {
  id: string;
  version: number;
  title: string;
  rationale: string | null;
  ownerId: string | null;
  parentIds: string[];
  keyResults: Map<string, KeyResultView>;
  /** Draft key → id of the key results this screen created. */
  createdIds: Map<string, string>;
}

export function serverStateOf(objective: ObjectiveDetailView): ServerState {
  return {
    id: objective.id,
    version: objective.version,
    title: objective.title,
    rationale: objective.rationale,
    ownerId: objective.owner?.id ?? null,
    parentIds: objective.parents.map((parent) => parent.id),
    keyResults: new Map(objective.keyResults.map((kr) => [kr.id, kr])),
    createdIds: new Map(),
  };
}

export interface EditPermissions {
  /** Everything (level and cycle aside) may change. */
  full: boolean;
  canAddKeyResult: boolean;
}

/** A failed save, its field errors named as the draft names them (`keyResults.1.start`). */
export class SaveError extends Error {
  readonly apiError: ApiError;
  readonly fieldErrors: FieldErrors;

  constructor(cause: ApiError, fieldErrors: FieldErrors) {
    super(cause.detail);
    this.name = 'SaveError';
    this.apiError = cause;
    this.fieldErrors = fieldErrors;
  }
}

function prefixed(error: unknown, prefix: string): unknown {
  if (!(error instanceof ApiError)) return error;
  const fields: FieldErrors = {};
  for (const [field, message] of Object.entries(error.fieldErrors())) {
    fields[prefix ? `${prefix}.${field}` : field] = message;
  }
  return new SaveError(error, fields);
}

function keyResultChanges(
  before: KeyResultView,
  after: ReturnType<typeof keyResultBody>,
  wordingOnly: boolean,
): KeyResultUpdateBody {
  const changes: KeyResultUpdateBody = {};
  if (after.title !== before.title) changes.title = after.title;
  if (wordingOnly) return changes;
  if (after.kind !== before.kind) changes.kind = after.kind;
  if (after.direction !== before.direction) changes.direction = after.direction;
  if ((after.currency ?? null) !== before.currency) changes.currency = after.currency ?? null;
  if (after.start !== undefined && after.start !== before.start) changes.start = after.start;
  if (after.target !== undefined && after.target !== before.target) changes.target = after.target;
  if ((after.unit ?? null) !== before.unit) changes.unit = after.unit ?? null;
  if (after.weight !== undefined && after.weight !== before.weight) changes.weight = after.weight;
  if ((after.ownerId ?? null) !== (before.owner?.id ?? null)) changes.ownerId = after.ownerId ?? null;
  return changes;
}

/**
 * Sends the changes of `draft` against `state`, updating `state` after every write that
 * succeeds. Throws `SaveError` (field errors mapped to the draft) or the `StaleVersionError`.
 */
export async function saveEdits(
  org: string,
  state: ServerState,
  draft: WizardDraft,
  permissions: EditPermissions,
): Promise<void> {
  const objectivePath = `${orgPath(org)}/objectives/${encodeURIComponent(state.id)}`;
  const run = async <T>(prefix: string, write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (error) {
      throw prefixed(error, prefix);
    }
  };

  const objectiveChanges: ObjectiveUpdateBody = {};
  const title = draft.title.trim();
  const rationale = draft.rationale.trim() || null;
  if (title !== state.title) objectiveChanges.title = title;
  if (rationale !== state.rationale) objectiveChanges.rationale = rationale;
  if (permissions.full && (draft.ownerId || null) !== state.ownerId)
    objectiveChanges.ownerId = draft.ownerId || null;
  if (Object.keys(objectiveChanges).length > 0) {
    const saved = await run('', () =>
      apiRequest<ObjectiveDetailView>(objectivePath, {
        method: 'PATCH',
        body: objectiveChanges,
        ifMatch: state.version,
      }),
    );
    Object.assign(state, {
      version: saved.version,
      title: saved.title,
      rationale: saved.rationale,
      ownerId: saved.owner?.id ?? null,
    });
  }

  if (permissions.full) {
    const removed = state.parentIds.filter((id) => !draft.parentIds.includes(id));
    const added = draft.parentIds.filter((id) => !state.parentIds.includes(id));
    for (const parentId of [...removed, ...added]) {
      const saved = await run('parentIds', () =>
        apiRequest<ObjectiveDetailView>(`${objectivePath}/parents/${encodeURIComponent(parentId)}`, {
          method: removed.includes(parentId) ? 'DELETE' : 'PUT',
          ifMatch: state.version,
        }),
      );
      state.version = saved.version;
      state.parentIds = saved.parents.map((parent) => parent.id);
    }
  }

  const draftIds = new Set(
    draft.keyResults.map((kr) => kr.id ?? state.createdIds.get(kr.key)).filter(Boolean),
  );
  for (const [id, before] of [...state.keyResults]) {
    if (draftIds.has(id) || !before.abilities.canDelete) continue;
    await run('keyResults', () =>
      apiRequest<void>(`${orgPath(org)}/key-results/${encodeURIComponent(id)}`, {
        method: 'DELETE',
        ifMatch: before.version,
      }),
    );
    state.keyResults.delete(id);
  }

  for (const [index, kr] of draft.keyResults.entries()) {
    const prefix = `keyResults.${index}`;
    const body = keyResultBody(kr, index);
    const id = kr.id ?? state.createdIds.get(kr.key);
    const before = id === undefined ? undefined : state.keyResults.get(id);
    if (before === undefined) {
      if (!permissions.canAddKeyResult) continue;
      const created = await run(prefix, () =>
        apiRequest<KeyResultView>(`${objectivePath}/key-results`, { method: 'POST', body }),
      );
      state.keyResults.set(created.id, created);
      state.createdIds.set(kr.key, created.id);
      continue;
    }
    if (!before.abilities.canEdit && !before.abilities.canEditWordingOnly) continue;
    const changes = keyResultChanges(
      before,
      body,
      !before.abilities.canEdit || before.abilities.canEditWordingOnly,
    );
    if (Object.keys(changes).length === 0) continue;
    const saved = await run(prefix, () =>
      apiRequest<KeyResultView>(`${orgPath(org)}/key-results/${encodeURIComponent(before.id)}`, {
        method: 'PATCH',
        body: changes,
        ifMatch: before.version,
      }),
    );
    state.keyResults.set(saved.id, saved);
  }
}

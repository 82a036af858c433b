/**
 * Tagging a company objective with the strategic themes it serves: a checkbox per theme, saved as
 * the objective's tags (a theme is a tag of the same name; other tags stay as they are). Shown to
 * those who may edit the objective.
 */
import type { ObjectiveDetailView } from '@contracts/api/okrs.ts';
import type { ThemeView } from '@contracts/api/organisation.ts';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactElement } from 'react';
import { apiRequest, errorMessage, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { useUpdateObjective } from '../api/objective.ts';

function useThemeChoices(org: string, enabled: boolean) {
  return useQuery<{ items: ThemeView[] }, ApiError>({
    queryKey: [...queryKeys.org(org), 'themes'],
    queryFn: ({ signal }) =>
      apiRequest<{ items: ThemeView[] }>(`/orgs/${encodeURIComponent(org)}/themes`, { signal }),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function ThemePicker({
  org,
  objective,
}: {
  org: string;
  objective: ObjectiveDetailView;
}): ReactElement | null {
  const [open, setOpen] = useState(false);
  const themes = useThemeChoices(org, true);
  const update = useUpdateObjective(org, objective.id);
  const names = new Set((themes.data?.items ?? []).map((t) => t.name));
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  if (!themes.data || themes.data.items.length === 0) return null;

  const current = objective.tags.filter((tag) => names.has(tag));
  const start = () => {
    setChosen(new Set(current));
    setOpen(true);
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    const others = objective.tags.filter((tag) => !names.has(tag));
    const ordered = themes.data.items.map((t) => t.name).filter((name) => chosen.has(name));
    update.mutate(
      { version: objective.version, body: { tags: [...others, ...ordered] } },
      { onSuccess: () => setOpen(false) },
    );
  };

  if (!open) {
    return (
      <button type="button" className="button button-quiet" onClick={start}>
        {current.length > 0 ? 'Change themes…' : 'Choose themes…'}
      </button>
    );
  }
  return (
    <form className="theme-picker card" onSubmit={save}>
      <fieldset>
        <legend className="field-label">Strategic themes this objective serves</legend>
        {themes.data.items.map((theme) => (
          <label key={theme.id} className="inline-choice" title={theme.description ?? undefined}>
            <input
              type="checkbox"
              checked={chosen.has(theme.name)}
              onChange={(event) => {
                const next = new Set(chosen);
                if (event.target.checked) next.add(theme.name);
                else next.delete(theme.name);
                setChosen(next);
              }}
            />{' '}
            {theme.name}
          </label>
        ))}
      </fieldset>
      {update.isError && (
        <p className="field-error" role="alert">
          {errorMessage(update.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save themes'}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * Presentation mode for all-hands meetings: the company objectives of a cycle as full-screen
 * slides (the Fullscreen API when the browser allows it, else the whole window). → Space
 * PageDown next, ← PageUp previous, Home End, a slide number then Enter jumps, Esc leaves. Each
 * slide change is announced to screen readers.
 */
import type { ObjectiveDetailView } from '@contracts/api/okrs.ts';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import {
  defaultCycle,
  useCycles,
  useCycleTree,
  useObjectiveDetails,
  useOrganisation,
} from '../api/presentation-data.ts';
import { deckKey, type DeckState } from '../model/deck.ts';
import { ObjectiveSlide, SummarySlide, TitleSlide } from './slides.tsx';
import './presentation.css';

/** Keys a focused control keeps for itself (a select's arrows, a button's Space and Enter). */
function controlKeeps(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (key === 'Escape') return false;
  if (target.matches('select, input, textarea')) return true;
  return target.matches('button, a') && (key === ' ' || key === 'Enter');
}

export function PresentationPage(): ReactElement {
  const { org = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const organisation = useOrganisation(org);
  const cycles = useCycles(org);
  const cycleList = cycles.data?.items ?? [];
  const cycle =
    cycleList.find((candidate) => candidate.id === params.get('cycle')) ?? defaultCycle(cycleList);
  const tree = useCycleTree(org, cycle?.id);

  const { companyIds, alignedCount } = useMemo(() => {
    const nodes = tree.data?.nodes ?? [];
    const readable = nodes.flatMap((node) => ('level' in node ? [node] : []));
    const company = readable.filter((node) => node.level === 'company');
    const aligned = new Map<string, number>();
    for (const node of readable) {
      if (node.level !== 'team') continue;
      for (const parentId of node.parentIds)
        aligned.set(parentId, (aligned.get(parentId) ?? 0) + 1);
    }
    return { companyIds: company.map((node) => node.id), alignedCount: aligned };
  }, [tree.data]);
  const details = useObjectiveDetails(org, companyIds);
  const byId = new Map(details.objectives.map((objective) => [objective.id, objective]));
  const objectives = companyIds
    .map((id) => byId.get(id))
    .filter((objective): objective is ObjectiveDetailView => objective !== undefined);

  const count = objectives.length + 2;
  const [deck, setDeck] = useState<DeckState>({ index: 0, count, typed: '' });
  const index = Math.min(deck.index, count - 1);
  const ready = cycle !== undefined && tree.isSuccess && !details.isPending;

  const slideTitle = (at: number): string => {
    if (at === 0) return organisation.data?.name ?? 'Title';
    if (at === count - 1) return 'Summary';
    return objectives[at - 1]?.title ?? '';
  };
  useDocumentTitle(`Presenting ${cycle?.name ?? ''}`);

  // ---- leaving, full screen ---------------------------------------------------------------
  const left = useRef(false);
  const leave = useCallback(() => {
    if (left.current) return;
    left.current = true;
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    void navigate(
      `/orgs/${encodeURIComponent(org)}/company${cycle ? `?cycle=${encodeURIComponent(cycle.id)}` : ''}`,
    );
  }, [navigate, org, cycle]);
  const [fullscreen, setFullscreen] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    // In full screen the browser takes Esc for itself and leaves full screen: so do we.
    let wasFullscreen = document.fullscreenElement !== null;
    const onChange = () => {
      const now = document.fullscreenElement !== null;
      setFullscreen(now);
      if (wasFullscreen && !now) leave();
      wasFullscreen = now;
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [leave]);
  const canFullscreen = typeof document.documentElement.requestFullscreen === 'function';

  // ---- keyboard ---------------------------------------------------------------------------
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (controlKeeps(event.target, event.key)) return;
      const result = deckKey({ ...deck, index, count }, event.key);
      if (!result.handled) return;
      event.preventDefault();
      if (result.leave) leave();
      else setDeck(result.state);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [deck, index, count, leave]);

  const stage = useRef<HTMLDivElement>(null);
  useEffect(() => stage.current?.focus(), []);
  const go = (to: number) =>
    setDeck({ index: Math.min(Math.max(to, 0), count - 1), count, typed: '' });

  let slide: ReactElement;
  if (cycles.isError || tree.isError || details.error) {
    slide = (
      <ErrorState
        error={cycles.error ?? tree.error ?? details.error}
        what="The company objectives"
        onRetry={() => {
          void cycles.refetch();
          void tree.refetch();
          details.retry();
        }}
      />
    );
  } else if (cycles.isSuccess && !cycle) {
    slide = <p className="slide-lead">There is no cycle to present yet.</p>;
  } else if (!ready || !cycle) {
    slide = <LoadingState label="Loading the company objectives…" />;
  } else if (index === 0) {
    slide = (
      <TitleSlide
        organisation={organisation.data}
        cycle={cycle}
        objectiveCount={objectives.length}
        cyclePicker={
          cycleList.length > 1 && (
            <label className="field inline-field slide-cycle">
              <span className="field-label">Cycle presented</span>
              <select
                className="input"
                value={cycle.id}
                onChange={(event) => {
                  const next = event.target.value;
                  setParams(
                    (current) => {
                      const copy = new URLSearchParams(current);
                      copy.set('cycle', next);
                      return copy;
                    },
                    { replace: true },
                  );
                  go(0);
                }}
              >
                {[...cycleList]
                  .sort((a, b) => b.startDate.localeCompare(a.startDate))
                  .map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.name} ({option.status})
                    </option>
                  ))}
              </select>
            </label>
          )
        }
      />
    );
  } else if (index === count - 1) {
    slide = <SummarySlide objectives={objectives} />;
  } else {
    const objective = objectives[index - 1];
    slide = objective ? (
      <ObjectiveSlide
        objective={objective}
        position={index}
        total={objectives.length}
        alignedTeamObjectives={alignedCount.get(objective.id) ?? 0}
      />
    ) : (
      <LoadingState />
    );
  }

  const announcement = ready ? `Slide ${index + 1} of ${count}: ${slideTitle(index)}` : '';
  return (
    <div className="presentation" role="region" aria-label="Presentation of the company objectives">
      <h1 className="visually-hidden">
        Company objectives{cycle ? `, ${cycle.name}` : ''}: presentation
      </h1>
      <div
        ref={stage}
        className="presentation-stage"
        tabIndex={-1}
        aria-roledescription="slide"
        aria-label={announcement || 'Loading'}
      >
        {slide}
      </div>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      <footer className="presentation-controls">
        <button
          type="button"
          className="button"
          onClick={() => go(index - 1)}
          disabled={index === 0}
        >
          ← Previous
        </button>
        <span className="presentation-counter" data-testid="slide-counter">
          {index + 1} / {count}
        </span>
        <button
          type="button"
          className="button"
          onClick={() => go(index + 1)}
          disabled={index === count - 1}
        >
          Next →
        </button>
        {deck.typed !== '' && (
          <span className="presentation-jump" role="status">
            Go to slide {deck.typed}… (Enter)
          </span>
        )}
        <span className="presentation-spacer" />
        <span className="presentation-hint small">
          ← → to move · number + Enter to jump · Esc to leave
        </span>
        {canFullscreen && !fullscreen && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void document.documentElement.requestFullscreen().catch(() => undefined)}
          >
            Full screen
          </button>
        )}
        <button type="button" className="button button-quiet" onClick={leave}>
          Leave
        </button>
      </footer>
    </div>
  );
}

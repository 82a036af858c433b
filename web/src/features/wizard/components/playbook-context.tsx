/**
 * The organisation's playbook inside the wizard: the guidance of each step and the rules' advice
 * (the champions' texts where they replaced the built-in ones), as safe HTML from the API.
 */
import type { PlaybookEntryView } from '@contracts/api/playbook.ts';
import { createContext, useContext, useMemo } from 'react';
import { adviceOverrides } from '../../../../../src/domain/playbook.ts';
import { playbookByKey, usePlaybook } from '../../../lib/playbook.ts';

export interface WizardPlaybook {
  /** Entries by key (`step.<step>`, `rule.<rule id>`); empty until the playbook has loaded. */
  entries: ReadonlyMap<string, PlaybookEntryView>;
  /** May edit the playbook (champions): the wizard then links to the playbook page. */
  canManage: boolean;
  /** Where the playbook page is. */
  playbookPath: string;
  /** The rules' advice the organisation replaced (rule id → Markdown), for checkQuality. */
  advice: Partial<Record<string, string>>;
}

export const PlaybookContext = createContext<WizardPlaybook>({
  entries: new Map(),
  canManage: false,
  playbookPath: '',
  advice: {},
});

/** The organisation's playbook for the wizard; until it loads, the built-in texts apply. */
export function usePlaybookValue(org: string): WizardPlaybook {
  const { data } = usePlaybook(org);
  return useMemo(() => {
    const entries = playbookByKey(data);
    const overrides = new Map(
      [...entries.values()]
        .filter((entry) => entry.overridden)
        .map((entry) => [entry.key, entry.body]),
    );
    return {
      entries,
      canManage: data?.abilities.canManage ?? false,
      playbookPath: `/orgs/${encodeURIComponent(org)}/playbook`,
      advice: adviceOverrides(overrides),
    };
  }, [data, org]);
}

export function useWizardPlaybook(): WizardPlaybook {
  return useContext(PlaybookContext);
}

/** Rendered Markdown from the API (sanitised on the server). */
export function PlaybookHtml({
  html,
  className,
}: {
  html: string;
  className?: string;
}): React.ReactElement {
  return (
    <div
      className={`playbook-html ${className ?? ''}`}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

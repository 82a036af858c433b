/**
 * The organisation's playbook inside the wizard: the guidance of each step and the rules' advice
 * (the champions' texts where they replaced the built-in ones), as safe HTML from the API.
 */
import type { PlaybookEntryView } from '@contracts/api/playbook.ts';
import { createContext, useContext } from 'react';

export interface WizardPlaybook {
  /** Entries by key (`step.<step>`, `rule.<rule id>`); empty until the playbook has loaded. */
  entries: ReadonlyMap<string, PlaybookEntryView>;
  /** May edit the playbook (champions): the wizard then links to the playbook page. */
  canManage: boolean;
  /** Where the playbook page is. */
  playbookPath: string;
}

export const PlaybookContext = createContext<WizardPlaybook>({
  entries: new Map(),
  canManage: false,
  playbookPath: '',
});

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

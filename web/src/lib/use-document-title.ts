import { useEffect } from 'react';

/** Sets the tab title ("Home · OKR Wizard"); screen readers announce it on navigation. */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} · OKR Wizard` : 'OKR Wizard';
  }, [title]);
}

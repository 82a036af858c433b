/**
 * The main navigation: the four places people go every day as links, the rest grouped in three
 * menus (Plan, Align, Learn) that open on click or Enter, close on Escape, on a click elsewhere
 * and on navigation. A menu whose page is shown is marked current, so people see where they are.
 */
import { useEffect, useId, useRef, useState, type ReactElement } from 'react';
import { NavLink, useLocation } from 'react-router';
import { ChevronIcon } from '../components/icons.tsx';

interface NavItem {
  to: string;
  label: string;
}

const TOP: readonly NavItem[] = [
  { to: 'home', label: 'Home' },
  { to: 'company', label: 'Company' },
  { to: 'teams', label: 'Teams' },
  { to: 'dashboard', label: 'Dashboard' },
];

const GROUPS: readonly { label: string; items: readonly NavItem[] }[] = [
  {
    label: 'Plan',
    items: [
      { to: 'approvals', label: 'Approvals' },
      { to: 'grading', label: 'Grading' },
      { to: 'cycles', label: 'Cycles' },
      { to: 'import', label: 'Import a spreadsheet' },
    ],
  },
  {
    label: 'Align',
    items: [
      { to: 'alignment', label: 'Alignment map' },
      { to: 'collaboration/map', label: 'Cross-team map' },
      { to: 'requests', label: 'Requests' },
    ],
  },
  {
    label: 'Learn',
    items: [
      { to: 'notes', label: 'Knowledge' },
      { to: 'kpis', label: 'KPIs' },
      { to: 'announcements', label: 'Announcements' },
      { to: 'questions', label: 'Question desk' },
      { to: 'faq', label: 'FAQ' },
    ],
  },
];

function NavMenu({ base, label, items }: { base: string; label: string; items: readonly NavItem[] }): ReactElement {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLLIElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  const current = items.some((item) => pathname === `${base}/${item.to}` || pathname.startsWith(`${base}/${item.to}/`));

  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  return (
    <li className="nav-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="nav-menu-button"
        aria-expanded={open}
        aria-controls={id}
        data-current={current || undefined}
        onClick={() => setOpen((was) => !was)}
      >
        {label}
        <span className="nav-menu-chevron" aria-hidden="true">
          <ChevronIcon size={12} />
        </span>
      </button>
      <ul id={id} className="nav-menu-list" hidden={!open}>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={`${base}/${item.to}`}>{item.label}</NavLink>
          </li>
        ))}
      </ul>
    </li>
  );
}

export function MainNav({ base }: { base: string }): ReactElement {
  return (
    <nav className="shell-nav" aria-label="Main">
      <ul>
        {TOP.map((item) => (
          <li key={item.to}>
            <NavLink to={`${base}/${item.to}`}>{item.label}</NavLink>
          </li>
        ))}
        {GROUPS.map((group) => (
          <NavMenu key={group.label} base={base} label={group.label} items={group.items} />
        ))}
      </ul>
    </nav>
  );
}

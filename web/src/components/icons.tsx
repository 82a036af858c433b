/** Small inline icons (no icon font, no library). Decorative: the text beside them carries the meaning. */
import type { ReactElement, ReactNode } from 'react';

interface IconProps {
  size?: number;
}

function Svg({ size = 16, children }: IconProps & { children: ReactNode }): ReactElement {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** A circle with a tick: on track. */
export function OnTrackIcon(props: IconProps): ReactElement {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="6.5" />
      <path d="M5 8.2 7 10.2 11 6" />
    </Svg>
  );
}

/** A triangle with an exclamation mark: at risk. */
export function AtRiskIcon(props: IconProps): ReactElement {
  return (
    <Svg {...props}>
      <path d="M8 1.8 14.8 13.6H1.2Z" />
      <path d="M8 6.3v3.3M8 11.7v.1" />
    </Svg>
  );
}

/** An octagon with a cross: off track. */
export function OffTrackIcon(props: IconProps): ReactElement {
  return (
    <Svg {...props}>
      <path d="M5.3 1.5h5.4l3.8 3.8v5.4l-3.8 3.8H5.3l-3.8-3.8V5.3Z" />
      <path d="m5.8 5.8 4.4 4.4M10.2 5.8l-4.4 4.4" />
    </Svg>
  );
}

/** A dashed circle: no status yet. */
export function NoStatusIcon(props: IconProps): ReactElement {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="6.5" strokeDasharray="2.5 2.5" />
    </Svg>
  );
}

export function AlertIcon(props: IconProps): ReactElement {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="6.5" />
      <path d="M8 4.5v4M8 11.2v.1" />
    </Svg>
  );
}

export function ChevronIcon(props: IconProps): ReactElement {
  return (
    <Svg {...props}>
      <path d="m6 3.5 4.5 4.5L6 12.5" />
    </Svg>
  );
}

export function CloseIcon(props: IconProps): ReactElement {
  return (
    <Svg {...props}>
      <path d="m4 4 8 8M12 4l-8 8" />
    </Svg>
  );
}

/** Two chain links: through a dependency. */
export function LinkIcon(props: IconProps): ReactElement {
  return (
    <Svg {...props}>
      <path d="M6.8 9.2a2.6 2.6 0 0 0 3.7 0l2.3-2.3a2.6 2.6 0 0 0-3.7-3.7l-.9.9" />
      <path d="M9.2 6.8a2.6 2.6 0 0 0-3.7 0L3.2 9.1a2.6 2.6 0 0 0 3.7 3.7l.9-.9" />
    </Svg>
  );
}

/** A score as number, word and icon, coloured by its band (never colour alone). */
import type { ReactElement } from 'react';
import { AtRiskIcon, NoStatusIcon, OffTrackIcon, OnTrackIcon } from '../../../components/icons.tsx';

export type Band = 'missed' | 'progress' | 'delivered';

export const BAND_LABEL: Record<Band, string> = {
  delivered: 'Delivered',
  progress: 'Progress',
  missed: 'Missed',
};

/** The band of a score, as domain/scoring.ts draws it: missed < 0.4 <= progress < 0.7 <= delivered. */
export function bandOf(score: number): Band {
  if (score < 0.4) return 'missed';
  return score < 0.7 ? 'progress' : 'delivered';
}

export function ScoreBadge({
  score,
  band,
}: {
  score: number | null;
  band?: Band | null;
}): ReactElement {
  if (score === null) {
    return (
      <span className="score-badge score-none">
        <NoStatusIcon />
        Not scored
      </span>
    );
  }
  const shown = band ?? bandOf(score);
  return (
    <span className={`score-badge score-${shown}`}>
      {shown === 'delivered' ? (
        <OnTrackIcon />
      ) : shown === 'progress' ? (
        <AtRiskIcon />
      ) : (
        <OffTrackIcon />
      )}
      <strong>{score.toFixed(2)}</strong> {BAND_LABEL[shown]}
    </span>
  );
}

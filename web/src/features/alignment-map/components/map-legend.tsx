/** What the colours, icons and lines of the map mean (colour is never the only cue). */
import type { ReactElement } from 'react';
import { AtRiskIcon, NoStatusIcon, OffTrackIcon, OnTrackIcon } from '../../../components/icons.tsx';

export function MapLegend(): ReactElement {
  return (
    <ul className="amap-legend" aria-label="Legend">
      <li className="health-on_track">
        <OnTrackIcon /> On track
      </li>
      <li className="health-at_risk">
        <AtRiskIcon /> At risk
      </li>
      <li className="health-off_track">
        <OffTrackIcon /> Off track
      </li>
      <li className="health-none">
        <NoStatusIcon /> No status
      </li>
      <li>
        <span className="amap-legend-line" aria-hidden="true" /> Aligned to
      </li>
      <li>
        <span className="amap-legend-line amap-legend-dashed" aria-hidden="true" /> Also aligned to
      </li>
      <li>
        <span className="amap-legend-line amap-legend-path" aria-hidden="true" /> Highlighted path
      </li>
    </ul>
  );
}

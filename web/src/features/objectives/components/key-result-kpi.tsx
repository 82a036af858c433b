/**
 * Under a key result: the KPI it moves (name, status, latest value, a link to the KPI's page)
 * and, for those who may edit the key result, a picker to link it to a KPI or unlink it.
 */
import type { KpiView } from '@contracts/api/kpis.ts';
import type { KeyResultView } from '@contracts/api/okrs.ts';
import { useState, type ReactElement } from 'react';
import { Link } from 'react-router';
import { formatKpiValue, KpiStatusBadge } from '../../../components/kpi-status.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { useLinkKpi } from '../api/kpi-links.ts';

interface KeyResultKpiProps {
  org: string;
  objectiveId: string;
  keyResult: KeyResultView;
  kpis: readonly KpiView[] | undefined;
  /** False when looking at the past (read-only). */
  editable: boolean;
}

export function KeyResultKpi({
  org,
  objectiveId,
  keyResult,
  kpis,
  editable,
}: KeyResultKpiProps): ReactElement | null {
  const [picking, setPicking] = useState(false);
  const link = useLinkKpi(org, objectiveId);
  const canLink =
    editable && keyResult.abilities.canEdit && !keyResult.abilities.canEditWordingOnly;
  const kpiId = keyResult.kpiId ?? null;
  const kpi = kpiId ? kpis?.find((k) => k.id === kpiId) : undefined;
  if (!kpiId && !canLink) return null;

  return (
    <div className="key-result-kpi small">
      {kpiId && (
        <span className="row-meta">
          <span className="muted">Moves KPI</span>
          <Link to={`/orgs/${encodeURIComponent(org)}/kpis/${kpiId}`}>{kpi?.name ?? 'a KPI'}</Link>
          {kpi && <KpiStatusBadge status={kpi.status} />}
          {kpi?.latest && (
            <span className="row-value">{formatKpiValue(kpi.latest.value, kpi.unit)}</span>
          )}
        </span>
      )}
      {canLink && !picking && (
        <button
          type="button"
          className="button-link small"
          aria-label={`${kpiId ? 'Change the KPI of' : 'Link a KPI to'} ${keyResult.title}`}
          onClick={() => setPicking(true)}
        >
          {kpiId ? 'Change KPI…' : 'Link to a KPI…'}
        </button>
      )}
      {canLink && picking && (
        <label className="inline-field">
          <span className="field-label">KPI this key result moves</span>
          <select
            className="input"
            autoFocus
            value={kpiId ?? ''}
            disabled={link.isPending}
            onChange={(event) =>
              link.mutate(
                { keyResult, kpiId: event.target.value || null },
                { onSuccess: () => setPicking(false) },
              )
            }
            onKeyDown={(event) => {
              if (event.key === 'Escape') setPicking(false);
            }}
          >
            <option value="">No KPI</option>
            {(kpis ?? []).map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {link.isError && (
        <span className="field-error" role="alert">
          {errorMessage(link.error)}
        </span>
      )}
    </div>
  );
}

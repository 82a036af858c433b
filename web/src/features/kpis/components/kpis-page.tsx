/**
 * The organisation's KPIs: each health metric with its latest value, status and a sparkline of
 * its recent values, worst first, so what needs attention is at the top. Executives and
 * champions add KPIs here; archived ones are a click away.
 */
import type { KpiStatus, KpiView } from '@contracts/api/kpis.ts';
import { useState, type ReactElement } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  KpiSparkline,
  KpiStatusBadge,
  formatKpiValue,
  thresholdsText,
} from '../../../components/kpi-status.tsx';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { useCurrentUser } from '../../../lib/current-user.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useCreateKpi, useKpis } from '../api/kpis.ts';
import { KpiForm } from './kpi-form.tsx';
import './kpis.css';

export function KpisPage(): ReactElement {
  const { org = '' } = useParams();
  useDocumentTitle('KPIs');
  const [params, setParams] = useSearchParams();
  const archived = params.get('archived') === 'true';
  const kpis = useKpis(org, archived);
  const [creating, setCreating] = useState(false);
  const create = useCreateKpi(org);
  const me = useCurrentUser();
  const navigate = useNavigate();

  const items = [...(kpis.data?.items ?? [])].sort(
    (a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name),
  );

  return (
    <div className="page">
      <header className="page-header">
        <div className="section-header">
          <h1>{archived ? 'Archived KPIs' : 'KPIs'}</h1>
          {kpis.data?.canCreate && !archived && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => setCreating(true)}
            >
              New KPI
            </button>
          )}
        </div>
        <p className="muted">
          Health metrics the organisation watches all the time, not per cycle. Key results move
          them; their status comes from their latest value and thresholds.{' '}
          <Link
            to={archived ? '' : '?archived=true'}
            onClick={(event) => {
              event.preventDefault();
              setParams(archived ? {} : { archived: 'true' });
            }}
          >
            {archived ? 'Back to the current KPIs' : 'Archived KPIs'}
          </Link>
        </p>
      </header>

      {kpis.isPending && <LoadingState label="Loading the KPIs…" />}
      {kpis.isError && (
        <ErrorState error={kpis.error} what="The KPIs" onRetry={() => void kpis.refetch()} />
      )}
      {kpis.isSuccess && items.length === 0 && (
        <EmptyState title={archived ? 'No archived KPIs' : 'No KPIs yet'}>
          <p>
            A KPI is a number that says whether the business is healthy — checkout uptime, monthly
            churn, net promoter score — with the level that is still good (green) and the one that
            needs attention (amber).{' '}
            {kpis.data.canCreate
              ? 'Add the first one with “New KPI”.'
              : 'Executives and champions add them.'}
          </p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="card-list kpi-list" aria-label="KPIs">
          {items.map((kpi) => (
            <li key={kpi.id} className="row kpi-row">
              <div className="row-main">
                <h2 className="row-title">
                  <Link to={kpi.id}>{kpi.name}</Link>
                </h2>
                <p className="row-meta">
                  <KpiStatusBadge status={kpi.status} />
                  {kpi.latest ? (
                    <span className="row-value">
                      <strong>{formatKpiValue(kpi.latest.value, kpi.unit)}</strong>{' '}
                      <span className="muted small">
                        <RelativeTime iso={kpi.latest.at} />
                      </span>
                    </span>
                  ) : (
                    <span className="muted small">No value yet</span>
                  )}
                  {kpi.owner && <span className="muted small">Owner: {kpi.owner.name}</span>}
                </p>
                <p className="row-context">{thresholdsText(kpi)}</p>
              </div>
              <KpiSparkline kpi={kpi} />
            </li>
          ))}
        </ul>
      )}

      {creating && (
        <ModalDialog title="New KPI" onClose={() => setCreating(false)}>
          <KpiForm
            org={org}
            defaultOwnerId={me.data?.user.id ?? null}
            submitLabel="Create KPI"
            pending={create.isPending}
            error={create.error}
            onCancel={() => setCreating(false)}
            onSubmit={(body) =>
              create.mutate(body, {
                onSuccess: (kpi) => {
                  setCreating(false);
                  void navigate(kpi.id);
                },
              })
            }
          />
        </ModalDialog>
      )}
    </div>
  );
}

/** Worst first: red, amber, green, then those without a value. */
const STATUS_RANK: Readonly<Record<KpiStatus, number>> = { red: 0, amber: 1, green: 2 };

function rank(kpi: KpiView): number {
  return kpi.status ? STATUS_RANK[kpi.status] : 3;
}

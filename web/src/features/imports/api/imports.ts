/** The import API: preview a CSV, dry-run and run an import, and the saved column mappings. */
import type {
  ImportMappingView,
  ImportPreview,
  ImportReport,
  ImportRunBody,
} from '@contracts/api/imports.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

const base = (org: string) => `/orgs/${encodeURIComponent(org)}`;
const mappingsKey = (org: string) => [...queryKeys.org(org), 'import-mappings'] as const;

export function usePreview(org: string) {
  return useMutation<ImportPreview, ApiError, string>({
    mutationFn: (csv) =>
      apiRequest<ImportPreview>(`${base(org)}/imports/preview`, { method: 'POST', body: { csv } }),
  });
}

export function useDryRun(org: string) {
  return useMutation<ImportReport, ApiError, ImportRunBody>({
    mutationFn: (body) =>
      apiRequest<ImportReport>(`${base(org)}/imports/dry-run`, { method: 'POST', body }),
  });
}

export function useRunImport(org: string) {
  const client = useQueryClient();
  return useMutation<ImportReport, ApiError, ImportRunBody>({
    mutationFn: (body) =>
      apiRequest<ImportReport>(`${base(org)}/imports`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.org(org) }),
  });
}

export function useMappings(org: string) {
  return useQuery<{ items: ImportMappingView[] }, ApiError>({
    queryKey: mappingsKey(org),
    queryFn: ({ signal }) =>
      apiRequest<{ items: ImportMappingView[] }>(`${base(org)}/import-mappings`, { signal }),
  });
}

export function useSaveMapping(org: string) {
  const client = useQueryClient();
  return useMutation<
    ImportMappingView,
    ApiError,
    { name: string; mapping: ImportRunBody['mapping']; existing?: ImportMappingView }
  >({
    mutationFn: ({ name, mapping, existing }) =>
      existing
        ? apiRequest<ImportMappingView>(`${base(org)}/import-mappings/${existing.id}`, {
            method: 'PATCH',
            body: { mapping },
            ifMatch: existing.version,
          })
        : apiRequest<ImportMappingView>(`${base(org)}/import-mappings`, {
            method: 'POST',
            body: { name, mapping },
          }),
    onSuccess: () => client.invalidateQueries({ queryKey: mappingsKey(org) }),
  });
}

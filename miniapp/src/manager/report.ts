import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { api, resolveUrl } from '../services/api';
import { errorMessage } from '../services/errors';
import { requireLogin } from '../services/session';
import { readJson, writeJson } from '../services/storage';
import { clampMonth, defaultMonth, downloadMode, recentQuarters, reportQuery } from '../logic/reports';
import type { ExportableReport } from './types';

/** The month and project the manager is looking at, kept across the report pages. */
export interface ReportParams {
  month: string;
  quarter: string;
  /** HQ: a project, or null for the whole company. Leads and managers: always their own (null here). */
  projectId: string | null;
}

const KEY = 'wuye.reportParams';

export function useReportParams(): [ReportParams, (p: Partial<ReportParams>) => void] {
  const [params, setParams] = useState<ReportParams>(() => {
    const saved = readJson<Partial<ReportParams>>(KEY);
    return {
      month: clampMonth(saved?.month ?? defaultMonth()),
      quarter: saved?.quarter ?? recentQuarters()[0],
      projectId: saved?.projectId ?? null,
    };
  });
  const update = useCallback((p: Partial<ReportParams>) => {
    setParams((old) => {
      const next = { ...old, ...p };
      writeJson(KEY, next);
      return next;
    });
  }, []);
  // Another report page may have changed them: pick them up when this one shows again.
  useDidShow(() => {
    const saved = readJson<ReportParams>(KEY);
    if (saved) setParams((old) => (JSON.stringify(old) === JSON.stringify(saved) ? old : saved));
  });
  return [params, update];
}

/** Loads a report (GET path), again when the path changes and on pull-down. */
export function useReport<T>(path: string | null) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    if (!path || !requireLogin()) return;
    setLoading(true);
    setError(null);
    try {
      setData(await api.get<T>(path));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
      Taro.stopPullDownRefresh();
    }
  }, [path]);
  useEffect(() => {
    load();
  }, [load]);
  usePullDownRefresh(() => {
    load();
  });
  return { data, error, loading, reload: load };
}

export const reportPath = (
  name: string,
  p: { month?: string; quarter?: string; projectId?: string | null },
) => `/api/reports/${name}${reportQuery(p)}`;

/**
 * Downloads a report as Excel through a signed link (downloads cannot send the login header): on H5 the
 * browser downloads the link; on WeChat the file is downloaded and opened (share or save from there).
 * Returns the link for H5 to show.
 */
export async function downloadExcel(
  report: ExportableReport,
  p: { month?: string; quarter?: string; projectId?: string | null },
): Promise<{ url: string; filename: string }> {
  const link = await api.post<{ url: string; filename: string }>('/api/reports/exports', {
    report,
    ...(p.month ? { month: p.month } : {}),
    ...(p.quarter ? { quarter: p.quarter } : {}),
    ...(p.projectId ? { projectId: p.projectId } : {}),
  });
  const url = resolveUrl(link.url);
  if (downloadMode(process.env.TARO_ENV) === 'link') {
    // The answer is an attachment: the browser saves it and stays on the page.
    window.location.assign(url);
    return { url, filename: link.filename };
  }
  const res = await Taro.downloadFile({ url });
  if (res.statusCode !== 200) throw new Error('下载失败，请重试');
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
  return { url, filename: link.filename };
}

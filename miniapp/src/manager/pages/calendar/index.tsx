import { useEffect, useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { getUser } from '../../../services/session';
import {
  canImportCalendar,
  previewTable,
  reachText,
  type CalendarCoverage,
} from '../../../logic/holidayCalendar';
import '../../components/report.css';

const TEXT = {
  title: '节假日安排',
  years: '已覆盖年份',
  imported: (y: string, off: number, on: number) => `${y}年（集团导入）：放假 ${off} 天，调休上班 ${on} 天`,
  importTitle: '导入一年的放假安排',
  yearPlaceholder: '年份，例如 2027',
  noticePlaceholder: '通知标题（可不填）',
  tablePlaceholder:
    '每行一天：日期、休或班、节日名称，用空格、逗号或制表符隔开，可直接从表格粘贴。例如：\n2027-01-01 休 元旦\n2027-02-20 班 春节',
  preview: (off: number, on: number) => `将导入：放假 ${off} 天，调休上班 ${on} 天`,
  odd: (lines: number[]) => `第 ${lines.join('、')} 行格式不对，请检查`,
  submit: '导入并重新计算时限',
  done: (year: number, n: number) => `${year}年放假安排已导入，${n} 张未结工单的时限已重新计算`,
  hqOnly: '放假安排由集团总部导入',
} as const;

/** HQ: how far the working-day calendar reaches, and importing a year's official schedule by pasting a table. */
export default function CalendarPage() {
  const user = getUser();
  const [data, setData] = useState<CalendarCoverage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [notice, setNotice] = useState('');
  const [table, setTable] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const load = () => {
    setError(null);
    api
      .get<CalendarCoverage>('/api/company/calendar')
      .then(setData)
      .catch((e) => setError(errorMessage(e)));
  };
  useEffect(load, []);

  const preview = previewTable(table);
  const submit = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await api.put<{ year: number; recomputed: number }>(
        `/api/company/calendar/years/${encodeURIComponent(year.trim())}`,
        { table, notice: notice.trim() || undefined },
      );
      setMessage(TEXT.done(r.year, r.recomputed));
      setTable('');
      load();
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (!data) return <LoadState error={error} onRetry={load} />;
  const thisYear = Number(new Date().getFullYear());
  return (
    <View className="report-page">
      <View className="section">
        <Text className="section__title">{TEXT.title}</Text>
        <Text className="hint">{reachText(data, thisYear)}</Text>
        <Text className="report-item__line">
          {TEXT.years}：{data.coveredYears.join('、')}
        </Text>
        {Object.entries(data.imported).map(([y, v]) => (
          <Text key={y} className="report-item__line">
            {TEXT.imported(y, Object.keys(v.holidays).length, Object.keys(v.workdays).length)}
          </Text>
        ))}
      </View>
      <View className="section">
        <Text className="section__title">{TEXT.importTitle}</Text>
        {canImportCalendar(user?.role) ? (
          <>
            <Input
              className="input"
              type="number"
              placeholder={TEXT.yearPlaceholder}
              value={year}
              onInput={(e) => setYear(e.detail.value)}
            />
            <Input
              className="input"
              placeholder={TEXT.noticePlaceholder}
              value={notice}
              onInput={(e) => setNotice(e.detail.value)}
            />
            <Textarea
              className="input"
              maxlength={20000}
              placeholder={TEXT.tablePlaceholder}
              value={table}
              onInput={(e) => setTable(e.detail.value)}
            />
            {preview.days > 0 && <Text className="hint">{TEXT.preview(preview.off, preview.on)}</Text>}
            {preview.odd.length > 0 && <Text className="hint">{TEXT.odd(preview.odd)}</Text>}
            <Button
              className="primary-button"
              disabled={busy || !preview.off || !/^\d{4}$/.test(year.trim()) || undefined}
              onClick={submit}
            >
              {TEXT.submit}
            </Button>
            {message && <Text className="hint">{message}</Text>}
          </>
        ) : (
          <Text className="hint">{TEXT.hqOnly}</Text>
        )}
      </View>
    </View>
  );
}

import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { getUser } from '../../../services/session';
import { formatBeijingTime } from '../../../utils/time';
import { canWriteReports } from '../../../logic/reports';
import { useReport } from '../../report';
import type { ReportField, SpecialCase } from '../../types';
import '../../components/report.css';

const TEXT = {
  complaints: '相关投诉',
  report: '上报',
  reportTo: '上报对象，如：公司分管领导 张总',
  reported: (name: string, t: string, to: string) => `${name} 于 ${t} 上报${to}`,
  followUp: '专题报告',
  waitClose: '投诉全部办结后提交专题报告',
  submit: '提交',
  saved: '已提交',
  archived: (name: string, t: string) => `${name} 于 ${t} 提交并归档`,
  archive: (n: number) => `档案共 ${n} 份材料（登记、投诉记录、处理过程、上报、专题报告）`,
  late: '逾期上报',
  followUpLate: '逾期提交',
  decision: '重大投诉认定',
  decided: (name: string, t: string, why: string) => `${name} 于 ${t}：${why}`,
  reason: '理由（必填），如：索赔金额已核实 / 经核实为业主自身原因',
  confirm: '确认为重大投诉',
  clear: '排除（非重大投诉）',
} as const;

function Fields(props: {
  fields: ReportField[];
  values: Record<string, string>;
  onChange: (v: Record<string, string>) => void;
}) {
  return (
    <View>
      {props.fields.map((f) => (
        <View key={f.field}>
          <Text className="report-form__label">{f.label}</Text>
          <Textarea
            className="textarea"
            value={props.values[f.field] ?? ''}
            onInput={(e) => props.onChange({ ...props.values, [f.field]: e.detail.value })}
          />
        </View>
      ))}
    </View>
  );
}

function Filled({ fields, values }: { fields: ReportField[]; values: Record<string, string> | null }) {
  return (
    <View>
      {fields.map((f) => (
        <Text key={f.field} className="report-item__line">
          {f.label}：{values?.[f.field] ?? '—'}
        </Text>
      ))}
    </View>
  );
}

/** One major/hot complaint: record the report (who, when, to whom), then the special report, which archives it. */
export default function SpecialCasePage() {
  const id = useRouter().params.id ?? '';
  const { data, error, reload } = useReport<SpecialCase>(
    id ? `/api/reports/special/${encodeURIComponent(id)}` : null,
  );
  const writer = canWriteReports(getUser()?.role);
  const [reportTo, setReportTo] = useState('');
  const [report, setReport] = useState<Record<string, string>>({});
  const [followUp, setFollowUp] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const ready = (fields: ReportField[], v: Record<string, string>) =>
    fields.every((f) => (v[f.field] ?? '').trim());

  const send = async (path: string, body: Record<string, string>) => {
    setBusy(true);
    try {
      await api.post(path, body);
      Taro.showToast({ title: TEXT.saved, icon: 'success' });
      await reload();
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  if (!data) return <LoadState error={error} onRetry={reload} />;
  return (
    <View className="report-page special-case">
      <View className="section">
        <Text className="report-item__title">
          <Text className={`tag ${data.kind === 'major' ? 'tag--danger' : ''}`}>{data.kindLabel}</Text>
          {data.title}
        </Text>
        <Text className="report-item__line">
          <Text className={`tag ${data.overdue ? 'tag--danger' : ''}`}>{data.stageLabel}</Text>
          认定于 {formatBeijingTime(data.flaggedAt)}，应于 {formatBeijingTime(data.reportDueAt)} 前报
          {data.reportTo}
        </Text>
        {data.compensationYuan ? (
          <Text className="report-item__line">索赔金额 {data.compensationYuan.toLocaleString()} 元</Text>
        ) : null}
      </View>
      {data.kind === 'major' && data.ticketId && (
        <View className="section" data-testid="major-decision">
          <Text className="section__title">{TEXT.decision}</Text>
          <Text className="report-item__line">
            <Text className={`tag ${data.decision === 'cleared' ? '' : 'tag--danger'}`}>
              {data.decisionLabel}
            </Text>
          </Text>
          {data.decidedAt && (
            <Text className="hint">
              {TEXT.decided(
                data.decidedByName ?? '',
                formatBeijingTime(data.decidedAt),
                data.decisionReason ?? '',
              )}
            </Text>
          )}
          {writer && (
            <>
              <Input
                className="input"
                placeholder={TEXT.reason}
                value={reason}
                onInput={(e) => setReason(e.detail.value)}
              />
              {data.decision !== 'confirmed' && (
                <Button
                  className="primary-button"
                  disabled={busy || reason.trim().length < 2 || undefined}
                  onClick={() =>
                    send(`/api/reports/major-complaints/${data.ticketId}`, {
                      decision: 'confirm',
                      reason: reason.trim(),
                    }).then(() => setReason(''))
                  }
                >
                  {TEXT.confirm}
                </Button>
              )}
              {data.decision !== 'cleared' && (
                <Button
                  className="outline-button"
                  disabled={busy || reason.trim().length < 2 || undefined}
                  onClick={() =>
                    send(`/api/reports/major-complaints/${data.ticketId}`, {
                      decision: 'clear',
                      reason: reason.trim(),
                    }).then(() => setReason(''))
                  }
                >
                  {TEXT.clear}
                </Button>
              )}
            </>
          )}
        </View>
      )}
      <View className="section">
        <Text className="section__title">{TEXT.complaints}</Text>
        {(data.tickets ?? []).map((t) => (
          <View key={t.id} className="report-item">
            <Text className="report-item__title">
              {t.number} · {t.statusLabel}
            </Text>
            <Text className="report-item__line">{t.summary}</Text>
          </View>
        ))}
      </View>
      <View className="section">
        <Text className="section__title">{TEXT.report}</Text>
        {data.reportedAt ? (
          <>
            <Text className="hint">
              {data.reportedLate && <Text className="tag tag--danger">{TEXT.late}</Text>}
              {TEXT.reported(
                data.reportedByName ?? '',
                formatBeijingTime(data.reportedAt),
                data.reportedTo ?? '',
              )}
            </Text>
            <Filled fields={data.reportFields} values={data.report} />
          </>
        ) : writer ? (
          <>
            <Input
              className="input"
              placeholder={TEXT.reportTo}
              value={reportTo}
              onInput={(e) => setReportTo(e.detail.value)}
            />
            <Fields fields={data.reportFields} values={report} onChange={setReport} />
            <Button
              className="primary-button"
              disabled={busy || !reportTo.trim() || !ready(data.reportFields, report) || undefined}
              onClick={() =>
                send(`/api/reports/special/${data.id}/report`, { reportedTo: reportTo.trim(), ...report })
              }
            >
              {TEXT.submit}
            </Button>
          </>
        ) : null}
      </View>
      <View className="section">
        <Text className="section__title">{data.followUpTitle}</Text>
        {data.followUpAt ? (
          <>
            <Text className="hint">
              {data.followUpLate && <Text className="tag tag--danger">{TEXT.followUpLate}</Text>}
              {TEXT.archived(data.followUpByName ?? '', formatBeijingTime(data.followUpAt))}
            </Text>
            <Filled fields={data.followUpFields} values={data.followUp} />
            {data.archive && <Text className="hint">{TEXT.archive(data.archive.entries.length)}</Text>}
          </>
        ) : !data.closedAt ? (
          <Text className="hint">{TEXT.waitClose}</Text>
        ) : writer && data.reportedAt ? (
          <>
            <Text className="hint">期限 {formatBeijingTime(data.followUpDueAt)}</Text>
            <Fields fields={data.followUpFields} values={followUp} onChange={setFollowUp} />
            <Button
              className="primary-button"
              disabled={busy || !ready(data.followUpFields, followUp) || undefined}
              onClick={() => send(`/api/reports/special/${data.id}/follow-up`, followUp)}
            >
              {TEXT.submit}
            </Button>
          </>
        ) : null}
      </View>
    </View>
  );
}

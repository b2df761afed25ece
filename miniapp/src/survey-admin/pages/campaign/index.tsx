import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { api, apiUrl } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { requireLogin } from '../../../services/session';
import type { CampaignDetail, SurveyResults } from '../../../services/surveyTypes';
import { barWidth, pct, score, scoreTone } from '../../../logic/surveyAdmin';
import { formatBeijingTime } from '../../../utils/time';
import '../../survey-admin.css';

const TEXT = {
  settings: '调查设置',
  questionnaire: '问卷',
  rules: (p: number, m: number) => `抽样不少于 ${p}% 且不少于 ${m} 户`,
  validRule: (p: number) => `评分题回答不足 ${p}% 的问卷视为无效`,
  preview: (n: number, s: number) => `全小区 ${n} 户，开始后将随机抽取 ${s} 户`,
  start: '开始调查并抽取样本',
  starting: '抽样中…',
  startConfirm: '开始后样本立即固定，问卷冻结，不能再修改。确定开始吗？',
  close: '结束调查',
  closeConfirm: '结束后住户不能再提交问卷。确定结束吗？',
  sample: '样本分布',
  sampleHint: '样本在开始时按楼栋和客户类型分层随机抽取，抽样后固定。',
  building: '楼栋',
  sampledOf: (s: number, p: number) => `${s}/${p} 户`,
  submittedOf: (n: number) => `已回收 ${n}`,
  customerTypes: '客户类型',
  seed: '随机种子',
  startedBy: (name: string | null, at: string | null) => `${name ?? ''} 于 ${formatBeijingTime(at)} 开始`,
  households: '样本房屋（仅调查人员可见）',
  statuses: { pending: '未填写', draft: '草稿', submitted: '已提交' } as Record<string, string>,
  results: '调查结果',
  noResults: '还没有住户提交问卷',
  rate: '满意率',
  scoreLabel: '满意度',
  responseRate: '回收率',
  validInvalid: (v: number, i: number) => `有效 ${v} 份 · 无效 ${i} 份`,
  drivers: '各驱动因素满意度',
  weight: (w: number) => `权重 ${pct(w)}`,
  dissatisfaction: '不满意驱动因素（按失分×权重排序）',
  buildings: '各楼栋满意度',
  open: '住户意见（不含姓名和房号）',
  noOpen: '暂无文字意见',
  export: '导出 Excel',
  exporting: '导出中…',
  exported: '已生成下载链接',
  log: '操作记录',
} as const;

/** One satisfaction-survey campaign: settings, start (the sample), results and export. */
export default function SurveyCampaignPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [c, setC] = useState<CampaignDetail | null>(null);
  const [results, setResults] = useState<SurveyResults | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [showHouseholds, setShowHouseholds] = useState(false);

  const load = async () => {
    setError(null);
    try {
      const detail = await api.get<CampaignDetail>(`/api/surveys/campaigns/${encodeURIComponent(id)}`);
      setC(detail);
      setResults(
        detail.status === 'draft'
          ? null
          : await api.get<SurveyResults>(`/api/surveys/campaigns/${encodeURIComponent(id)}/results`),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      Taro.stopPullDownRefresh();
    }
  };
  useDidShow(() => {
    if (requireLogin()) load();
  });
  usePullDownRefresh(() => {
    load();
  });

  const act = async (what: 'start' | 'close', confirmText: string) => {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: what === 'start' ? TEXT.start : TEXT.close,
      content: confirmText,
    });
    if (!confirm) return;
    setBusy(true);
    setActionError(null);
    try {
      await api.post(`/api/surveys/campaigns/${encodeURIComponent(id)}/${what}`, {});
      await load();
    } catch (e) {
      setActionError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const exportExcel = async () => {
    if (busy) return;
    setBusy(true);
    setActionError(null);
    try {
      const { url } = await api.post<{ url: string }>(
        `/api/surveys/campaigns/${encodeURIComponent(id)}/export`,
      );
      const full = apiUrl(url);
      if (process.env.TARO_ENV === 'h5') {
        window.open(full, '_blank');
      } else {
        const file = await Taro.downloadFile({ url: full });
        await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'xlsx', showMenu: true });
      }
      Taro.showToast({ title: TEXT.exported, icon: 'none' });
    } catch (e) {
      setActionError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (!c) return <LoadState error={error} onRetry={load} rows={4} />;

  const bar = (value: number | null, max = 100, tone = scoreTone(value)) => (
    <View className="sa-bar">
      <View className={`sa-bar__fill sa-bar__fill--${tone}`} style={{ width: barWidth(value, max) }} />
    </View>
  );
  const driverName = new Map((results?.drivers ?? []).map((d) => [d.code, d.name]));

  return (
    <View className="sa-page">
      <View className="section">
        <View className="sa-campaign__head">
          <Text className="sa-campaign__title">{c.title}</Text>
          <Text className={`sa-status sa-status--${c.status}`}>{c.statusLabel}</Text>
        </View>
        <Text className="hint">
          {c.project.name} · {TEXT.questionnaire}：{c.questionnaire.title}（第 {c.questionnaire.version} 版）
        </Text>
        <Text className="hint">{TEXT.rules(c.samplePercent, c.minSample)}</Text>
        <Text className="hint">{TEXT.validRule(c.minAnsweredPercent)}</Text>
        {c.preview && (
          <Text className="sa-preview">{TEXT.preview(c.preview.population, c.preview.sampleSize)}</Text>
        )}
        {c.startedAt && <Text className="hint">{TEXT.startedBy(c.startedBy, c.startedAt)}</Text>}
        {c.seed && (
          <Text className="hint">
            {TEXT.seed}：{c.seed}
          </Text>
        )}
        {actionError && <Text className="error-text">{actionError}</Text>}
        <View className="sa-actions">
          {c.canManage && c.status === 'draft' && (
            <Button
              className="primary-button"
              disabled={busy || undefined}
              onClick={() => act('start', TEXT.startConfirm)}
            >
              {busy ? TEXT.starting : TEXT.start}
            </Button>
          )}
          {c.status !== 'draft' && (
            <Button className="sa-button" disabled={busy || undefined} onClick={exportExcel}>
              {busy ? TEXT.exporting : TEXT.export}
            </Button>
          )}
          {c.canManage && c.status === 'running' && (
            <Button
              className="sa-button"
              disabled={busy || undefined}
              onClick={() => act('close', TEXT.closeConfirm)}
            >
              {TEXT.close}
            </Button>
          )}
        </View>
      </View>

      {c.sample && (
        <View className="section sa-sample">
          <Text className="section__title">{TEXT.sample}</Text>
          <Text className="hint">{TEXT.sampleHint}</Text>
          {c.sample.byBuilding.map((b) => (
            <View key={b.building} className="sa-row" data-testid="sample-building">
              <Text className="sa-row__label">{b.building}</Text>
              {bar(b.sample, Math.max(...c.sample!.byBuilding.map((x) => x.sample)), 'good')}
              <Text className="sa-row__value">
                {TEXT.sampledOf(b.sample, b.population)} · {TEXT.submittedOf(b.submitted)}
              </Text>
            </View>
          ))}
          <Text className="sa-subtitle">{TEXT.customerTypes}</Text>
          <View className="chips">
            {c.sample.byCustomerType.map((t) => (
              <Text key={t.customerType} className="chip">
                {t.label} {TEXT.sampledOf(t.sample, t.population)}
              </Text>
            ))}
          </View>
          {c.households && (
            <View>
              <Text className="link sa-link" onClick={() => setShowHouseholds((v) => !v)}>
                {TEXT.households}（{c.households.length}）{showHouseholds ? ' ▴' : ' ▾'}
              </Text>
              {showHouseholds &&
                c.households.map((h) => (
                  <View key={h.householdId} className="sa-household">
                    <Text>{h.label}</Text>
                    <Text className="hint sa-household__meta">
                      {h.customerTypeLabel} · {TEXT.statuses[h.status]}
                    </Text>
                  </View>
                ))}
            </View>
          )}
        </View>
      )}

      {results && (
        <View className="section sa-results">
          <Text className="section__title">{TEXT.results}</Text>
          <View className="sa-kpis">
            <View className="sa-kpi">
              <Text className="sa-kpi__value" data-testid="kpi-rate">
                {pct(results.rate)}
              </Text>
              <Text className="sa-kpi__label">{TEXT.rate}</Text>
            </View>
            <View className="sa-kpi">
              <Text className="sa-kpi__value" data-testid="kpi-score">
                {score(results.score)}
              </Text>
              <Text className="sa-kpi__label">{TEXT.scoreLabel}</Text>
            </View>
            <View className="sa-kpi">
              <Text className="sa-kpi__value">{pct(results.responseRate)}</Text>
              <Text className="sa-kpi__label">{TEXT.responseRate}</Text>
            </View>
          </View>
          <Text className="hint">{TEXT.validInvalid(results.valid, results.invalid)}</Text>
          {results.submitted === 0 && <LoadState empty={TEXT.noResults} />}

          <Text className="sa-subtitle">{TEXT.drivers}</Text>
          {results.drivers.map((d) => (
            <View key={d.code} className="sa-row">
              <Text className="sa-row__label">{d.name}</Text>
              {bar(d.score)}
              <Text className="sa-row__value">
                {score(d.score)} · {pct(d.rate)} · {TEXT.weight(d.weightShare)}
              </Text>
            </View>
          ))}
          {results.dissatisfactionDrivers.length > 0 && (
            <View>
              <Text className="sa-subtitle">{TEXT.dissatisfaction}</Text>
              {results.dissatisfactionDrivers.slice(0, 3).map((code, i) => (
                <Text key={code} className="sa-rank">
                  {i + 1}. {driverName.get(code)}
                </Text>
              ))}
            </View>
          )}

          <Text className="sa-subtitle">{TEXT.buildings}</Text>
          {results.buildings.map((b) => (
            <View key={b.building} className="sa-row">
              <Text className="sa-row__label">{b.building}</Text>
              {bar(b.score)}
              <Text className="sa-row__value">
                {score(b.score)} · {pct(b.rate)} · {TEXT.responseRate} {pct(b.responseRate)}
              </Text>
            </View>
          ))}

          <Text className="sa-subtitle">{TEXT.open}</Text>
          {results.openAnswers.length === 0 && <LoadState inline empty={TEXT.noOpen} />}
          {results.openAnswers.map((a, i) => (
            <View key={i} className="sa-open">
              <Text className="sa-open__text">{a.text}</Text>
              <Text className="hint">
                {a.building} · {a.question}
              </Text>
            </View>
          ))}
        </View>
      )}

      {c.events && c.events.length > 0 && (
        <View className="section">
          <Text className="section__title">{TEXT.log}</Text>
          {c.events.map((e, i) => (
            <Text key={i} className="hint">
              {formatBeijingTime(e.at)} {e.actor} {e.label}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}

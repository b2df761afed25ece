import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { requireLogin } from '../../../services/session';
import type {
  CampaignDetail,
  CampaignListItem,
  QuestionnaireDetail,
  QuestionnaireListItem,
} from '../../../services/surveyTypes';
import { campaignBody, campaignFormError, type CampaignFormInput } from '../../../logic/surveyAdmin';
import '../../survey-admin.css';

const TEXT = {
  intro: '满意度调查由品质部或集团独立组织：样本在开始时随机抽取并固定，服务中心不能更改。',
  viewerIntro: '您可以查看本项目的调查进度和结果；问卷和样本由品质部或集团确定。',
  campaigns: '调查列表',
  empty: '还没有满意度调查',
  create: '新建调查',
  title: '调查名称',
  titlePlaceholder: '如：2026 年四季度物业服务满意度调查',
  questionnaire: '问卷',
  noQuestionnaire: '还没有问卷',
  fromTemplate: '用默认模板新建问卷',
  editQuestionnaire: '查看/编辑问卷',
  samplePercent: '抽样比例（%，不低于 20）',
  minSample: '最少样本量（户，不少于 20）',
  minAnswered: '有效问卷至少回答评分题的比例（%）',
  submit: '创建调查',
  creating: '创建中…',
  sampled: (n: number | null, s: number) => (n === null ? '未抽样' : `样本 ${n} 户 · 已回收 ${s} 份`),
  version: (v: number | null) => (v ? `第 ${v} 版` : ''),
  frozen: '（已冻结）',
} as const;

const DEFAULT_FORM: CampaignFormInput = {
  title: '',
  questionnaireId: null,
  samplePercent: '20',
  minSample: '20',
  minAnsweredPercent: '80',
};

/** Satisfaction surveys 满意度调查 for staff (sub-package `survey-admin`): the campaigns, and a new one. */
export default function SurveyAdminIndexPage() {
  const [data, setData] = useState<{ canManage: boolean; items: CampaignListItem[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [questionnaires, setQuestionnaires] = useState<QuestionnaireListItem[]>([]);
  const [form, setForm] = useState<CampaignFormInput>(DEFAULT_FORM);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setError(null);
    try {
      const list = await api.get<{ canManage: boolean; items: CampaignListItem[] }>('/api/surveys/campaigns');
      setData(list);
      if (list.canManage) {
        const qs = (await api.get<QuestionnaireListItem[]>('/api/surveys/questionnaires')).filter(
          (q) => q.latest,
        );
        setQuestionnaires(qs);
        setForm((f) =>
          qs.some((q) => q.id === f.questionnaireId) ? f : { ...f, questionnaireId: qs[0]?.id ?? null },
        );
      }
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

  const fromTemplate = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const q = await api.post<QuestionnaireDetail>('/api/surveys/questionnaires/from-template');
      setQuestionnaires((qs) => [
        {
          id: q.id,
          familyId: q.familyId,
          version: q.version,
          title: q.title,
          frozen: false,
          latest: true,
          questions: 0,
        },
        ...qs,
      ]);
      setForm((f) => ({ ...f, questionnaireId: q.id }));
    } catch (e) {
      setFormError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const create = async () => {
    if (busy) return;
    const problem = campaignFormError(form);
    setFormError(problem);
    if (problem) return;
    setBusy(true);
    try {
      const c = await api.post<CampaignDetail>('/api/surveys/campaigns', campaignBody(form));
      setForm(DEFAULT_FORM);
      Taro.navigateTo({ url: `/survey-admin/pages/campaign/index?id=${encodeURIComponent(c.id)}` });
    } catch (e) {
      setFormError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (!data) return <LoadState error={error} onRetry={load} />;

  const qIndex = Math.max(
    0,
    questionnaires.findIndex((q) => q.id === form.questionnaireId),
  );
  const field = (
    label: string,
    key: keyof CampaignFormInput,
    placeholder = '',
    type: 'text' | 'number' = 'number',
  ) => (
    <View className="sa-field">
      <Text className="sa-field__label">{label}</Text>
      <Input
        className="input"
        type={type}
        value={(form[key] as string) ?? ''}
        placeholder={placeholder}
        onInput={(e) => setForm((f) => ({ ...f, [key]: e.detail.value }))}
      />
    </View>
  );

  return (
    <View className="sa-page">
      <Text className="hint sa-page__intro">{data.canManage ? TEXT.intro : TEXT.viewerIntro}</Text>

      <View className="section">
        <Text className="section__title">{TEXT.campaigns}</Text>
        {data.items.length === 0 && <LoadState empty={TEXT.empty} />}
        {data.items.map((c) => (
          <View
            key={c.id}
            className="sa-campaign"
            onClick={() =>
              Taro.navigateTo({ url: `/survey-admin/pages/campaign/index?id=${encodeURIComponent(c.id)}` })
            }
          >
            <View className="sa-campaign__head">
              <Text className="sa-campaign__title">{c.title}</Text>
              <Text className={`sa-status sa-status--${c.status}`}>{c.statusLabel}</Text>
            </View>
            <Text className="hint">
              {c.projectName} · {c.questionnaireTitle} {TEXT.version(c.questionnaireVersion)}
            </Text>
            <Text className="hint">{TEXT.sampled(c.sampleSize, c.submitted)}</Text>
          </View>
        ))}
      </View>

      {data.canManage && (
        <View className="section sa-create">
          <Text className="section__title">{TEXT.create}</Text>
          {field(TEXT.title, 'title', TEXT.titlePlaceholder, 'text')}
          <View className="sa-field">
            <Text className="sa-field__label">{TEXT.questionnaire}</Text>
            {questionnaires.length > 0 ? (
              <Picker
                mode="selector"
                range={questionnaires.map(
                  (q) => `${q.title}（第 ${q.version} 版）${q.frozen ? TEXT.frozen : ''}`,
                )}
                value={qIndex}
                onChange={(e) =>
                  setForm((f) => ({ ...f, questionnaireId: questionnaires[Number(e.detail.value)].id }))
                }
              >
                <View className="input sa-picker">
                  {questionnaires[qIndex]?.title}（第 {questionnaires[qIndex]?.version} 版） ▾
                </View>
              </Picker>
            ) : (
              <Text className="hint">{TEXT.noQuestionnaire}</Text>
            )}
            <View className="sa-links">
              <Text className="link sa-link" onClick={fromTemplate}>
                {TEXT.fromTemplate}
              </Text>
              {form.questionnaireId && (
                <Text
                  className="link sa-link"
                  onClick={() =>
                    Taro.navigateTo({
                      url: `/survey-admin/pages/questionnaire/index?id=${encodeURIComponent(form.questionnaireId!)}`,
                    })
                  }
                >
                  {TEXT.editQuestionnaire}
                </Text>
              )}
            </View>
          </View>
          {field(TEXT.samplePercent, 'samplePercent')}
          {field(TEXT.minSample, 'minSample')}
          {field(TEXT.minAnswered, 'minAnsweredPercent')}
          {formError && <Text className="error-text">{formError}</Text>}
          <Button className="primary-button sa-create__submit" disabled={busy || undefined} onClick={create}>
            {busy ? TEXT.creating : TEXT.submit}
          </Button>
        </View>
      )}
    </View>
  );
}

import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { ChipPicker } from '../../../components/ChipPicker';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { requireLogin } from '../../../services/session';
import type { QuestionnaireDetail, SurveyScale } from '../../../services/surveyTypes';
import {
  addQuestion,
  pct,
  removeQuestion,
  setQuestionScale,
  setQuestionText,
  setWeight,
  toDefinition,
  weightShares,
  type Definition,
} from '../../../logic/surveyAdmin';
import '../../survey-admin.css';

const TEXT = {
  frozen: '这份问卷已用于调查，已冻结，不能修改；如需调整请另存为新版本。',
  editable: '修改后点“保存问卷”。评分题须对应一个驱动因素，权重按占比计入满意度。',
  title: '问卷标题',
  intro: '前言',
  closing: '结束语',
  drivers: '驱动因素与权重',
  scale: (s: number) => `${s}级`,
  open: '开放题',
  remove: '删除',
  addScale: '+ 评分题',
  addOpen: '+ 开放题',
  newScale: '新的评分题',
  newOpen: '您还有什么意见和建议？',
  save: '保存问卷',
  saving: '保存中…',
  saved: '已保存',
  newVersion: '另存为新版本',
  version: (v: number) => `第 ${v} 版`,
} as const;

const SCALES: SurveyScale[] = [5, 7, 10];

/** Questionnaire builder 问卷编辑: sections, closed questions (scale, driver), open questions, weights. */
export default function QuestionnairePage() {
  const { params } = useRouter();
  const [id, setId] = useState(params.id ?? '');
  const [q, setQ] = useState<QuestionnaireDetail | null>(null);
  const [def, setDef] = useState<Definition | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (x: QuestionnaireDetail) => {
    setQ(x);
    setDef(toDefinition(x));
    setId(x.id);
  };
  const load = () => {
    setError(null);
    api
      .get<QuestionnaireDetail>(`/api/surveys/questionnaires/${encodeURIComponent(id)}`)
      .then(show)
      .catch((e) => setError(errorMessage(e)));
  };
  useDidShow(() => {
    if (requireLogin() && !q) load();
  });

  if (!q || !def) return <LoadState error={error} onRetry={load} rows={4} />;

  const editable = !q.frozen;
  const shares = weightShares(def);
  const driverName = new Map(def.drivers.map((d) => [d.code, d.name]));
  const edit = (fn: (d: Definition) => Definition) => {
    setDef((d) => (d ? fn(d) : d));
    setSaveError(null);
  };

  const run = async (fn: () => Promise<QuestionnaireDetail>, done: string) => {
    if (busy) return;
    setBusy(true);
    setSaveError(null);
    try {
      show(await fn());
      Taro.showToast({ title: done, icon: 'success' });
    } catch (e) {
      setSaveError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(
      () => api.put<QuestionnaireDetail>(`/api/surveys/questionnaires/${encodeURIComponent(id)}`, def),
      TEXT.saved,
    );
  const newVersion = () =>
    run(
      () => api.post<QuestionnaireDetail>(`/api/surveys/questionnaires/${encodeURIComponent(id)}/versions`),
      TEXT.version(q.version + 1),
    );

  return (
    <View className="sa-page">
      <View className="section">
        <Text className="hint">
          {TEXT.version(q.version)} · {editable ? TEXT.editable : TEXT.frozen}
        </Text>
        <Text className="sa-field__label">{TEXT.title}</Text>
        <Input
          className="input"
          value={def.title}
          disabled={!editable}
          maxlength={100}
          onInput={(e) => edit((d) => ({ ...d, title: e.detail.value }))}
        />
        <Text className="sa-field__label">{TEXT.intro}</Text>
        <Textarea
          className="textarea"
          value={def.intro}
          disabled={!editable}
          maxlength={1000}
          onInput={(e) => edit((d) => ({ ...d, intro: e.detail.value }))}
        />
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.drivers}</Text>
        {def.drivers.map((d) => (
          <View key={d.code} className="sa-weight">
            <Text className="sa-weight__name">{d.name}</Text>
            <Input
              className="input sa-weight__input"
              type="number"
              value={String(d.weight)}
              disabled={!editable}
              onInput={(e) => edit((x) => setWeight(x, d.code, Number(e.detail.value) || 0))}
            />
            <Text className="hint sa-weight__share">{pct(shares[d.code])}</Text>
          </View>
        ))}
      </View>

      {def.sections.map((s, si) => (
        <View key={si} className="section">
          <Text className="section__title">{s.title}</Text>
          {s.questions.map((x, qi) => (
            <View key={x.key} className="sa-question">
              <Input
                className="input"
                value={x.text}
                disabled={!editable}
                maxlength={200}
                onInput={(e) => edit((d) => setQuestionText(d, si, qi, e.detail.value))}
              />
              <View className="sa-question__meta">
                {x.kind === 'scale' ? (
                  <ChipPicker
                    before={
                      <Text className="hint sa-question__driver">{driverName.get(x.driver ?? '') ?? ''}</Text>
                    }
                    options={SCALES.map((scale) => ({ value: scale, label: TEXT.scale(scale) }))}
                    value={x.scale}
                    disabled={!editable}
                    onChange={(scale) => edit((d) => setQuestionScale(d, si, qi, scale))}
                  />
                ) : (
                  <Text className="hint">{TEXT.open}</Text>
                )}
                {editable && (
                  <Text
                    className="link sa-question__remove"
                    onClick={() => edit((d) => removeQuestion(d, si, qi))}
                  >
                    {TEXT.remove}
                  </Text>
                )}
              </View>
            </View>
          ))}
          {editable && (
            <View className="sa-links">
              <Text
                className="link sa-link"
                onClick={() => edit((d) => addQuestion(d, si, 'scale', TEXT.newScale))}
              >
                {TEXT.addScale}
              </Text>
              <Text
                className="link sa-link"
                onClick={() => edit((d) => addQuestion(d, si, 'open', TEXT.newOpen))}
              >
                {TEXT.addOpen}
              </Text>
            </View>
          )}
        </View>
      ))}

      {saveError && <Text className="error-text sa-page__error">{saveError}</Text>}
      <View className="sa-page__footer">
        {editable ? (
          <Button className="primary-button" disabled={busy || undefined} onClick={save}>
            {busy ? TEXT.saving : TEXT.save}
          </Button>
        ) : (
          <Button className="primary-button" disabled={busy || undefined} onClick={newVersion}>
            {TEXT.newVersion}
          </Button>
        )}
      </View>
    </View>
  );
}

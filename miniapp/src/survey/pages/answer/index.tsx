import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { ChipPicker } from '../../../components/ChipPicker';
import { api } from '../../../services/api';
import { ApiError, errorMessage, isNetworkError } from '../../../services/errors';
import { getUser, requireLogin } from '../../../services/session';
import { readJson, remove, writeJson } from '../../../services/storage';
import type { AnswerBody, FormQuestion, SurveyForm, SubmitResult } from '../../../services/surveyTypes';
import {
  buildAnswers,
  checkBeforeSubmit,
  initialDraft,
  OPEN_ANSWER_MAX,
  pointOptions,
  progress,
  scaleEnds,
  setText,
  surveyDraftKey,
  setPoint,
  type SurveyDraft,
} from '../../../logic/surveyForm';
import { createSubmitQueue } from '../../../logic/submitQueue';
import type { SurveyScale } from '../../shared';
import { uuidV4 } from '../../../utils/uuid';
import './index.css';

const TEXT = {
  household: '调查房屋',
  anonymous: '结果只做统计，不会向服务中心透露您的姓名和房号。',
  tapAgain: '再点一次可取消（不了解可不选）',
  openPlaceholder: '请写下您的意见（选填）',
  progress: (a: number, t: number) => `已答 ${a}/${t} 道评分题`,
  needed: (n: number) => `至少回答 ${n} 道才是有效问卷`,
  saveDraft: '保存草稿',
  saving: '保存中…',
  submit: '提交问卷',
  sending: '提交中…',
  draftSaved: '草稿已保存',
  draftLocal: '网络不佳，答案已保存在手机上，稍后可继续提交',
  draftRestored: '已恢复上次未提交的答案',
  networkRetry: '网络不佳，答案已保存在手机上，请稍后点“提交问卷”重试',
  confirmTitle: '答题较少',
  submitted: '提交成功',
  thanks: '感谢您的参与！',
  doneByMe: '您已提交本户的问卷，感谢您的参与！',
  doneByFamily: '本户家人已提交问卷，每户只需填写一份，感谢您的支持！',
  closed: '本次调查已结束，感谢您的关注',
  back: '返回',
} as const;

const formCacheKey = (c: string, h: string) => `wuye.surveyForm.${c}.${h}`;

/** Satisfaction survey 满意度调查 of one sampled household (sub-package `survey`). */
export default function SurveyAnswerPage() {
  const { params } = useRouter();
  const campaignId = params.campaignId ?? '';
  const householdId = params.householdId ?? '';
  const base = `/api/surveys/campaigns/${encodeURIComponent(campaignId)}/households/${encodeURIComponent(householdId)}`;
  const draftKey = surveyDraftKey(campaignId, householdId);

  const [form, setForm] = useState<SurveyForm | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<SurveyDraft | null>(null);
  const [saving, setSaving] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<SubmitResult | null>(null);
  const queue = useRef(
    createSubmitQueue((b: { answers: AnswerBody[]; key: string }) =>
      api.post<SubmitResult>(
        `${base}/submit`,
        { answers: b.answers, idempotencyKey: b.key },
        {
          header: { 'Idempotency-Key': b.key },
        },
      ),
    ),
  );

  const show = (f: SurveyForm) => {
    setForm(f);
    const { draft: d, restored } = initialDraft(f, readJson(draftKey), getUser()?.id ?? null);
    setDraft(d);
    if (restored && d.dirty) Taro.showToast({ title: TEXT.draftRestored, icon: 'none' });
  };

  const load = () => {
    setLoadError(null);
    api
      .get<SurveyForm>(`${base}/form`)
      .then((f) => {
        writeJson(formCacheKey(campaignId, householdId), f);
        show(f);
      })
      .catch((e) => {
        // Weak network: the questionnaire seen last time is enough to go on answering.
        const cached = isNetworkError(e) ? readJson<SurveyForm>(formCacheKey(campaignId, householdId)) : null;
        if (cached) show(cached);
        else setLoadError(errorMessage(e));
      });
  };

  useDidShow(() => {
    if (requireLogin() && !form) load();
  });

  // Every change goes to storage at once (debounced), so nothing typed is lost.
  useEffect(() => {
    if (!draft?.idempotencyKey) return;
    const timer = setTimeout(() => writeJson(draftKey, draft), 300);
    return () => clearTimeout(timer);
  }, [draft, draftKey]);

  if (!form || !draft) return <LoadState error={loadError} onRetry={load} rows={4} />;

  const finished = (message: string) => (
    <View className="survey-page">
      <LoadState empty={message}>
        <Button
          size="mini"
          onClick={() => Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/me/index' }))}
        >
          {TEXT.back}
        </Button>
      </LoadState>
    </View>
  );
  if (done)
    return (
      <View className="survey-page">
        <View className="section survey-page__done">
          <Text className="survey-page__done-title">{TEXT.thanks}</Text>
          <Text className="survey-page__closing">{form.questionnaire.closing}</Text>
        </View>
      </View>
    );
  if (form.response.status === 'submitted')
    return finished(form.response.byMe ? TEXT.doneByMe : TEXT.doneByFamily);
  if (!form.campaign.open) return finished(TEXT.closed);

  const p = progress(form, draft);
  const edit = (fn: (d: SurveyDraft) => SurveyDraft) => {
    setDraft((d) => (d ? fn(d) : d));
    setError(null);
  };

  const saveDraft = async () => {
    if (saving) return;
    writeJson(draftKey, draft);
    setSaving(true);
    try {
      await api.put(`${base}/draft`, { answers: buildAnswers(form, draft) });
      setDraft((d) => (d ? { ...d, dirty: false } : d));
      Taro.showToast({ title: TEXT.draftSaved, icon: 'success' });
    } catch (e) {
      if (isNetworkError(e)) Taro.showToast({ title: TEXT.draftLocal, icon: 'none' });
      else setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const submit = async () => {
    if (sending || queue.current.busy) return;
    const check = checkBeforeSubmit(form, draft);
    if (check.kind === 'error') {
      setError(check.message);
      Taro.showToast({ title: check.message, icon: 'none' });
      return;
    }
    if (check.kind === 'confirm') {
      const { confirm } = await Taro.showModal({ title: TEXT.confirmTitle, content: check.message });
      if (!confirm) return;
    }
    // The key is on disk before the first byte leaves, so a retry after a crash reuses it.
    const ready = draft.idempotencyKey ? draft : { ...draft, idempotencyKey: uuidV4() };
    writeJson(draftKey, ready);
    if (ready !== draft) setDraft(ready);
    setSending(true);
    setError(null);
    try {
      const result = await queue.current.submit({
        answers: buildAnswers(form, ready),
        key: ready.idempotencyKey!,
      });
      remove(draftKey);
      remove(formCacheKey(campaignId, householdId));
      setDone(result);
      Taro.showToast({ title: TEXT.submitted, icon: 'success' });
    } catch (e) {
      if (isNetworkError(e)) setError(TEXT.networkRetry);
      else if (e instanceof ApiError && e.statusCode === 409) {
        remove(draftKey);
        load(); // answered by a family member meanwhile, or the survey ended: show that
        Taro.showToast({ title: errorMessage(e), icon: 'none' });
      } else setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  const closedQuestion = (q: FormQuestion, index: number) => {
    const scale = q.scale as SurveyScale;
    const ends = scaleEnds(scale);
    return (
      <View key={q.id} className="survey-q" data-testid="survey-question">
        <Text className="survey-q__text">
          {index}. {q.text}
        </Text>
        {ends && (
          <View className="survey-q__ends">
            <Text>{ends[0]}</Text>
            <Text>{ends[1]}</Text>
          </View>
        )}
        <ChipPicker
          className={`survey-q__points survey-q__points--${scale}`}
          chip="survey-q__point"
          options={pointOptions(scale).map((o) => ({ value: o.point, label: o.label }))}
          clearable
          value={draft.points[q.id]}
          onChange={(point) => edit((d) => setPoint(d, q.id, point, uuidV4))}
        />
      </View>
    );
  };

  let n = 0;
  return (
    <View className="survey-page">
      <View className="section">
        <Text className="survey-page__title">{form.questionnaire.title}</Text>
        <Text className="survey-page__household">
          {TEXT.household}：{form.household.label}
        </Text>
        <Text className="survey-page__intro">{form.questionnaire.intro}</Text>
        <Text className="hint">{TEXT.anonymous}</Text>
        <Text className="hint">{TEXT.tapAgain}</Text>
      </View>

      {form.questionnaire.sections.map((s) => (
        <View key={s.id} className="section">
          <Text className="section__title">{s.title}</Text>
          {s.questions.map((q) =>
            q.kind === 'scale' ? (
              closedQuestion(q, ++n)
            ) : (
              <View key={q.id} className="survey-q">
                <Text className="survey-q__text">
                  {++n}. {q.text}
                </Text>
                <Textarea
                  className="textarea survey-q__open"
                  value={draft.texts[q.id] ?? ''}
                  placeholder={TEXT.openPlaceholder}
                  maxlength={OPEN_ANSWER_MAX}
                  onInput={(e) => edit((d) => setText(d, q.id, e.detail.value, uuidV4))}
                />
              </View>
            ),
          )}
        </View>
      ))}

      {error && <Text className="error-text survey-page__error">{error}</Text>}
      <View className="survey-page__bar">
        <View className="survey-page__progress">
          <Text className={p.enough ? 'survey-page__count--ok' : 'survey-page__count'}>
            {TEXT.progress(p.answered, p.total)}
          </Text>
          {!p.enough && <Text className="hint">{TEXT.needed(p.needed)}</Text>}
        </View>
        <View className="survey-page__buttons">
          <Button className="survey-page__draft" disabled={saving || undefined} onClick={saveDraft}>
            {saving ? TEXT.saving : TEXT.saveDraft}
          </Button>
          <Button
            className="primary-button survey-page__submit"
            disabled={sending || undefined}
            onClick={submit}
          >
            {sending ? TEXT.sending : TEXT.submit}
          </Button>
        </View>
      </View>
    </View>
  );
}

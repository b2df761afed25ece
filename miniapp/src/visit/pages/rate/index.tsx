import { useCallback, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { PhotoPicker } from '../../../components/PhotoPicker';
import { Stars } from '../../../components/Stars';
import { ChargesBlock } from '../../../components/ChargesBlock';
import { ChipPicker } from '../../../components/ChipPicker';
import { asksCharge, RATING_COMMENT_MAX, type RatedKind } from '../../../shared';
import { api, ApiError } from '../../../services/api';
import { fetchCharges, type ChargesResult } from '../../../services/charges';
import { errorMessage } from '../../../services/errors';
import { requireLogin } from '../../../services/session';
import { askSubscriptions, prefetchSubscriptions } from '../../../services/subscribe';
import type { RatingState } from '../../../services/types';
import {
  emptyRatingForm,
  lowScoreWarning,
  ratingBody,
  ratingProblem,
  setScore,
  type RatingForm,
} from '../../../logic/ratingForm';
import { formatBeijingTime } from '../../../utils/time';
import './index.css';

const TEXT = {
  title: '请为本次服务评价',
  intro: '您的评价就是我们的回访，物业会根据您的意见改进服务。',
  handled: '处理结果',
  deadline: (t: string) => `请在 ${t} 前评价，逾期将由工作人员回访`,
  scoresTitle: '服务评分',
  satisfiedTitle: '您对处理结果是否满意？',
  satisfied: '满意',
  unsatisfied: '不满意，需要重新处理',
  chargeTitle: '收费是否合理？',
  chargeYes: '合理',
  chargeNo: '不合理',
  commentTitle: '意见和建议',
  commentPlaceholder: '选填，说说您的感受',
  commentRequired: '请告诉我们哪里还不满意，我们会重新处理',
  photosTitle: '图片（选填）',
  decline: '以后不需要回访我',
  submit: '提交评价',
  sending: '提交中…',
  thanks: '感谢您的评价',
  reopened: '已转交重新处理',
  closedTitle: '暂不能评价',
  yourRating: '您的评价',
  yes: '满意',
  no: '不满意',
  toTicket: '查看工单详情',
  missingId: '缺少工单编号',
  confirmTitle: '确认提交',
} as const;

/** 评价 (sub-package `visit`): the resident's one-tap answer to the return visit, from the invitation. */
export default function RatePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [state, setState] = useState<RatingState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [charges, setCharges] = useState<ChargesResult | null>(null);
  const [form, setForm] = useState<RatingForm>(emptyRatingForm);
  const [uploading, setUploading] = useState(false);
  const [sending, setSending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!id) {
      setError(TEXT.missingId);
      return;
    }
    setError(null);
    try {
      const s = await api.get<RatingState>(`/api/tickets/${encodeURIComponent(id)}/rating`);
      setState(s);
      if (s.canRate) fetchCharges(id).then(setCharges);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [id]);

  useDidShow(() => {
    if (!requireLogin()) return;
    void prefetchSubscriptions('rate');
    load();
  });

  if (!state) return <LoadState error={error} onRetry={load} />;

  const toTicket = () =>
    Taro.redirectTo({ url: `/pages/ticket-detail/index?id=${encodeURIComponent(state.ticket.id)}` });
  const kind = state.ticket.kind as RatedKind;
  const hasCharges = charges?.state === 'loaded' && charges.charges.hasCharges;
  const showCharge = asksCharge(kind, hasCharges);

  const submit = async () => {
    // WeChat only shows the subscription dialog inside the tap: ask first, before anything awaits.
    askSubscriptions('rate');
    if (sending) return;
    const problem = ratingProblem(kind, form, { hasCharges, uploading });
    if (problem) {
      setFormError(problem);
      Taro.showToast({ title: problem, icon: 'none' });
      return;
    }
    const warning = lowScoreWarning(kind, form);
    if (warning) {
      const { confirm } = await Taro.showModal({ title: TEXT.confirmTitle, content: warning });
      if (!confirm) return;
    }
    setSending(true);
    setFormError(null);
    try {
      const next = await api.post<RatingState>(
        `/api/tickets/${encodeURIComponent(state.ticket.id)}/rating`,
        ratingBody(kind, form, hasCharges),
      );
      setState(next);
      Taro.showToast({ title: form.satisfied ? TEXT.thanks : TEXT.reopened, icon: 'none' });
    } catch (e) {
      // Rated meanwhile (another device, a retry): show what is on record.
      if (e instanceof ApiError && e.statusCode === 409) {
        load();
        return;
      }
      setFormError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  const header = (
    <View className="section">
      <Text className="section__title">{TEXT.title}</Text>
      <Text className="hint">{TEXT.intro}</Text>
      <Text className="rate-page__number" data-testid="rate-number">
        {state.ticket.kindLabel} · {state.ticket.number}
      </Text>
      <Text className="rate-page__content">{state.ticket.content}</Text>
      {state.ticket.handledNote && (
        <View className="rate-page__handled">
          <Text className="hint">{TEXT.handled}</Text>
          <Text className="rate-page__handled-note">{state.ticket.handledNote}</Text>
        </View>
      )}
    </View>
  );

  if (!state.canRate) {
    const r = state.rating;
    return (
      <View className="rate-page">
        {header}
        <View className="section" data-testid="rate-closed">
          <Text className="section__title">{r ? TEXT.yourRating : TEXT.closedTitle}</Text>
          {state.reason && <Text className="rate-page__reason">{state.reason}</Text>}
          {r && (
            <View className="rate-page__done">
              <Text className={`rate-page__verdict ${r.satisfied ? '' : 'rate-page__verdict--no'}`}>
                {r.satisfied ? TEXT.yes : TEXT.no}
                {r.average ? ` · ${r.average} 分` : ''}
              </Text>
              {r.comment && <Text className="hint">{r.comment}</Text>}
            </View>
          )}
        </View>
        <View className="rate-page__actions">
          <Button className="rate-page__to-ticket" onClick={toTicket}>
            {TEXT.toTicket}
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className="rate-page">
      {header}
      {state.inviteDeadline && (
        <Text className="hint rate-page__deadline">
          {TEXT.deadline(formatBeijingTime(state.inviteDeadline))}
        </Text>
      )}

      <View className="section">
        <Text className="section__title">{TEXT.scoresTitle}</Text>
        {state.questions.map((q) => (
          <Stars
            key={q.key}
            label={q.label}
            value={form.scores[q.key]}
            testId={`score-${q.key}`}
            onChange={(n) => setForm((f) => setScore(f, q.key, n))}
          />
        ))}
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.satisfiedTitle}</Text>
        <ChipPicker
          options={[
            { value: true, label: TEXT.satisfied },
            { value: false, label: TEXT.unsatisfied },
          ]}
          value={form.satisfied}
          onChange={(satisfied) => setForm((f) => ({ ...f, satisfied }))}
        />
      </View>

      <View className="section">
        <ChargesBlock result={charges} />
        {showCharge && (
          <View className="rate-page__charge">
            <Text className="rate-page__question">{TEXT.chargeTitle}</Text>
            <ChipPicker
              options={[
                { value: true, label: TEXT.chargeYes },
                { value: false, label: TEXT.chargeNo },
              ]}
              value={form.chargeCorrect}
              onChange={(chargeCorrect) => setForm((f) => ({ ...f, chargeCorrect }))}
            />
          </View>
        )}
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.commentTitle}</Text>
        <Textarea
          className="textarea"
          value={form.comment}
          maxlength={RATING_COMMENT_MAX}
          placeholder={form.satisfied === false ? TEXT.commentRequired : TEXT.commentPlaceholder}
          onInput={(e) => setForm((f) => ({ ...f, comment: e.detail.value }))}
        />
        <Text className="hint rate-page__photos-title">{TEXT.photosTitle}</Text>
        <PhotoPicker
          onChange={(ids, busy) => {
            setForm((f) => ({ ...f, photoIds: ids }));
            setUploading(busy);
          }}
        />
        <ChipPicker
          className="chips rate-page__decline"
          options={[{ value: true, label: `${form.declineVisits ? '✓ ' : ''}${TEXT.decline}` }]}
          clearable
          value={form.declineVisits}
          onChange={(decline) => setForm((f) => ({ ...f, declineVisits: decline === true }))}
        />
      </View>

      {formError && <Text className="error-text rate-page__error">{formError}</Text>}
      <View className="rate-page__actions">
        <Button className="primary-button rate-page__submit" disabled={sending || undefined} onClick={submit}>
          {sending ? TEXT.sending : TEXT.submit}
        </Button>
      </View>
    </View>
  );
}

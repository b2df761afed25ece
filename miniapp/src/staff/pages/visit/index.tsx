import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { Stars } from '../../../components/Stars';
import { ChargesBlock } from '../../../components/ChargesBlock';
import { ChipPicker, chipOptions } from '../../../components/ChipPicker';
import { RATING_COMMENT_MAX } from '../../../shared';
import { api, ApiError, resolveUrl, uploadPhoto } from '../../../services/api';
import { fetchCharges, type ChargesResult } from '../../../services/charges';
import { errorMessage } from '../../../services/errors';
import { getUser, requireLogin } from '../../../services/session';
import type { VisitDetail } from '../../../services/types';
import { placeText } from '../../../logic/queueItem';
import {
  VISIT_METHOD_LABELS,
  VISIT_RESULT_CHOICES,
  answered,
  emptyVisitForm,
  needsSignature,
  visitBody,
  visitDueText,
  visitProblem,
  type VisitFormState,
  type VisitMethod,
} from '../../../logic/visitForm';
import { formatBeijingTime } from '../../../utils/time';
import { SignaturePad, type SignaturePadHandle } from '../../components/SignaturePad';
import './index.css';

const TEXT = {
  missingId: '缺少回访编号',
  due: '回访期限',
  basis: '依据',
  visitor: '回访人',
  content: '反馈内容',
  handled: '处理结果',
  contact: '联系人',
  call: '拨打电话',
  noContact: '匿名反馈，无联系方式',
  history: '回访记录',
  answers: '业主评价',
  record: '记录本次回访',
  method: '回访方式',
  result: '回访结果',
  scores: '业主评分（选填）',
  charge: '业主确认收费是否合理',
  chargeYes: '合理',
  chargeNo: '不合理',
  note: '回访记录',
  notePlaceholder: '业主的意见；不满意时请写明哪里不满意',
  followUp: '是否需要再次回访',
  noFollowUp: '不需要',
  followUpIn: (d: number) => `${d}天后`,
  submit: '提交回访结果',
  sending: '提交中…',
  signing: '正在保存签名…',
  done: '已记录',
  toTicket: '查看工单',
  lead: '回访安排（客服主管）',
  level: '投诉等级',
  sensitive: '标记为敏感投诉，不回访',
  sensitiveConfirm: (closeWindow = '一周') =>
    `敏感投诉不再回访，处理完毕${closeWindow}内无再次投诉将自动办结。确定标记吗？`,
  saved: '已调整',
  satisfied: '满意',
  unsatisfied: '不满意',
} as const;

const LEVELS = [
  { value: 1, label: '一级' },
  { value: 2, label: '二级' },
  { value: 3, label: '三级' },
  { value: 4, label: '四级' },
];
const LEAD_ROLES = ['cs_lead', 'project_manager', 'hq'];

/** 回访 (sub-package `staff`): one visit — whom to call, what was done and charged, and its record. */
export default function VisitPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const user = getUser();
  const [visit, setVisit] = useState<VisitDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [charges, setCharges] = useState<ChargesResult | null>(null);
  const [form, setForm] = useState<VisitFormState>(() => emptyVisitForm('phone'));
  const [sending, setSending] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const pad = useRef<SignaturePadHandle>(null);

  const show = (v: VisitDetail) => {
    setVisit(v);
    setForm(emptyVisitForm(v.form === 'home' ? 'home' : 'phone', v.repeatEveryDays));
  };
  const load = useCallback(async () => {
    if (!id) {
      setError(TEXT.missingId);
      return;
    }
    setError(null);
    try {
      const v = await api.get<VisitDetail>(`/api/visits/${encodeURIComponent(id)}`);
      show(v);
      fetchCharges(v.ticket.id).then(setCharges);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [id]);

  useDidShow(() => {
    if (requireLogin()) load();
  });

  if (!visit) return <LoadState error={error} onRetry={load} />;

  const patch = (p: Partial<VisitFormState>) => setForm((f) => ({ ...f, ...p }));
  const submit = async () => {
    if (sending) return;
    const problem = visitProblem(form);
    if (problem) {
      setFormError(problem);
      return;
    }
    setFormError(null);
    try {
      let signatureId: string | undefined;
      if (needsSignature(form)) {
        setSending(TEXT.signing);
        const file = await pad.current!.exportImage();
        signatureId = (await uploadPhoto(file).promise).id;
      }
      setSending(TEXT.sending);
      const next = await api.post<VisitDetail>(
        `/api/visits/${encodeURIComponent(visit.id)}/attempts`,
        visitBody(form, signatureId),
      );
      show(next);
      Taro.showToast({ title: TEXT.done, icon: 'success' });
    } catch (e) {
      if (e instanceof ApiError && e.statusCode === 409) load();
      setFormError(errorMessage(e));
    } finally {
      setSending(null);
    }
  };

  const settings = async (body: Record<string, unknown>) => {
    try {
      await api.put(`/api/tickets/${encodeURIComponent(visit.ticket.id)}/visit-settings`, body);
      Taro.showToast({ title: TEXT.saved, icon: 'success' });
      load();
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };
  const markSensitive = async () => {
    const { confirm } = await Taro.showModal({
      title: TEXT.sensitive,
      content: TEXT.sensitiveConfirm(visit.closeWindowLabel),
    });
    if (confirm) settings({ sensitive: true });
  };

  const t = visit.ticket;
  const phone = t.contact?.phone ?? null;
  const isLead = !!user && LEAD_ROLES.includes(user.role);

  return (
    <View className="visit-page">
      <View className="section">
        <View className="visit-page__head">
          <Text className="visit-page__kind">{t.kindLabel}</Text>
          <Text className="visit-page__number">{t.number}</Text>
          <Text className="visit-page__status">{visit.statusLabel}</Text>
        </View>
        <View className="visit-page__row">
          <Text className="visit-page__label">{TEXT.due}</Text>
          <Text className={`visit-page__value ${visit.overdue ? 'visit-page__value--overdue' : ''}`}>
            {visitDueText(visit, (iso) => formatBeijingTime(iso))}
          </Text>
        </View>
        <View className="visit-page__row">
          <Text className="visit-page__label">{TEXT.basis}</Text>
          <Text className="visit-page__value">{visit.basis}</Text>
        </View>
        <View className="visit-page__row">
          <Text className="visit-page__label">{TEXT.visitor}</Text>
          <Text className="visit-page__value">
            {visit.visitorRoleLabel} · {visit.formLabel}
            {visit.complaintLevelLabel ? ` · ${visit.complaintLevelLabel}` : ''}
          </Text>
        </View>
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.content}</Text>
        <Text className="hint">{placeText(t)}</Text>
        <Text className="visit-page__content">{t.content}</Text>
        {t.handledNote && (
          <View className="visit-page__handled">
            <Text className="hint">{TEXT.handled}</Text>
            <Text className="visit-page__content">{t.handledNote}</Text>
          </View>
        )}
        <View className="visit-page__row">
          <Text className="visit-page__label">{TEXT.contact}</Text>
          <Text className="visit-page__value">
            {t.contact ? `${t.contact.name ?? ''} ${phone ?? ''}` : TEXT.noContact}
          </Text>
        </View>
        {phone && visit.canRecord && (
          <Button
            size="mini"
            className="visit-page__call"
            onClick={() => Taro.makePhoneCall({ phoneNumber: phone })}
          >
            {TEXT.call}
          </Button>
        )}
      </View>

      <View className="section">
        <ChargesBlock result={charges} />
      </View>

      {(visit.attempts.length > 0 || visit.ratings.length > 0) && (
        <View className="section">
          <Text className="section__title">{TEXT.history}</Text>
          {visit.attempts.map((a) => (
            <View key={a.id} className="visit-page__attempt">
              <Text className="visit-page__attempt-head">
                {formatBeijingTime(a.createdAt)} · {a.methodLabel} · {a.resultLabel} · {a.visitorName}
              </Text>
              {a.note && <Text className="hint">{a.note}</Text>}
              {a.signatureUrl && (
                <Image className="visit-page__signature" src={resolveUrl(a.signatureUrl)} mode="aspectFit" />
              )}
            </View>
          ))}
          {visit.ratings.map((r) => (
            <View key={r.id} className="visit-page__attempt">
              <Text className="visit-page__attempt-head">
                {TEXT.answers} · {r.sourceLabel} · {r.satisfied ? TEXT.satisfied : TEXT.unsatisfied}
                {r.average ? ` · ${r.average}分` : ''}
              </Text>
              {r.comment && <Text className="hint">{r.comment}</Text>}
            </View>
          ))}
        </View>
      )}

      {visit.canRecord && (
        <View className="section" data-testid="visit-form">
          <Text className="section__title">{TEXT.record}</Text>
          <Text className="visit-page__question">{TEXT.method}</Text>
          <ChipPicker
            options={chipOptions(Object.keys(VISIT_METHOD_LABELS) as VisitMethod[], VISIT_METHOD_LABELS)}
            value={form.method}
            onChange={(method) => patch({ method })}
          />
          <Text className="visit-page__question">{TEXT.result}</Text>
          <ChipPicker
            options={VISIT_RESULT_CHOICES.map((c) => ({ value: c.key, label: c.label }))}
            value={form.result}
            onChange={(result) => patch({ result })}
          />
          {answered(form.result) && (
            <View>
              <Text className="visit-page__question">{TEXT.scores}</Text>
              {visit.questions.map((q) => (
                <Stars
                  key={q.key}
                  label={q.label}
                  value={form.scores[q.key]}
                  onChange={(n) => setForm((f) => ({ ...f, scores: { ...f.scores, [q.key]: n } }))}
                />
              ))}
              {visit.asksCharge && (
                <View>
                  <Text className="visit-page__question">{TEXT.charge}</Text>
                  <ChipPicker
                    options={[
                      { value: true, label: TEXT.chargeYes },
                      { value: false, label: TEXT.chargeNo },
                    ]}
                    value={form.chargeCorrect}
                    onChange={(chargeCorrect) => patch({ chargeCorrect })}
                  />
                </View>
              )}
            </View>
          )}
          <Text className="visit-page__question">{TEXT.note}</Text>
          <Textarea
            className="textarea"
            value={form.note}
            maxlength={RATING_COMMENT_MAX}
            placeholder={TEXT.notePlaceholder}
            onInput={(e) => patch({ note: e.detail.value })}
          />
          {form.result === 'satisfied' && (
            <View>
              <Text className="visit-page__question">{TEXT.followUp}</Text>
              <ChipPicker
                options={[null, visit.repeatEveryDays ?? 7, 30]
                  .filter((d, i, all) => all.indexOf(d) === i)
                  .map((d) => ({ value: d, label: d ? TEXT.followUpIn(d) : TEXT.noFollowUp }))}
                value={form.followUpDays}
                onChange={(followUpDays) => patch({ followUpDays })}
              />
            </View>
          )}
          {needsSignature(form) && <SignaturePad ref={pad} onChange={(signed) => patch({ signed })} />}
          {formError && <Text className="error-text">{formError}</Text>}
          <Button
            className="primary-button visit-page__submit"
            disabled={!!sending || undefined}
            onClick={submit}
          >
            {sending ?? TEXT.submit}
          </Button>
        </View>
      )}

      {isLead && (
        <View className="section">
          <Text className="section__title">{TEXT.lead}</Text>
          {t.kind === 'complaint' && (
            <View>
              <Text className="visit-page__question">{TEXT.level}</Text>
              <ChipPicker
                options={LEVELS}
                value={visit.complaintLevel}
                onChange={(complaintLevel) => settings({ complaintLevel })}
              />
            </View>
          )}
          {visit.status !== 'done' && visit.status !== 'cancelled' && (
            <Text className="link visit-page__sensitive" onClick={markSensitive}>
              {TEXT.sensitive}
            </Text>
          )}
        </View>
      )}

      <View className="visit-page__actions">
        <Button
          className="visit-page__to-ticket"
          onClick={() => Taro.navigateTo({ url: `/staff/pages/ticket/index?id=${encodeURIComponent(t.id)}` })}
        >
          {TEXT.toTicket}
        </Button>
      </View>
    </View>
  );
}

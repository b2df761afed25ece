import { useEffect, useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components';
import { STANDARD_DEPARTMENTS, type TicketKind, type TicketStatus } from '../../shared';
import {
  CAUSE_FACTORS,
  CAUSE_FACTOR_CODES,
  ESCALATION_TARGET_LABELS,
  NO_VISIT_REASONS,
  NO_VISIT_REASON_LABELS,
  REQUIREMENT_LABELS,
  TICKET_ACTION_LABELS,
  type CauseFactor,
  type TicketAction,
} from '../shared';
import { LoadState } from '../../components/LoadState';
import { PhotoPicker } from '../../components/PhotoPicker';
import { ChipPicker, chipOptions } from '../../components/ChipPicker';
import { api, ApiError } from '../../services/api';
import { errorMessage } from '../../services/errors';
import type { Colleague, ReplyCheck, ReplyHit, ReplyTemplate, StaffTicketDetail } from '../../services/types';
import {
  actionFormSpec,
  buildActionBody,
  defaultReplyBy,
  emptyActionValues,
  escalationChoices,
  validateAction,
  type ActionFormValues,
} from '../../logic/actionForm';
import {
  fillPlaceholders,
  fillTemplate,
  replaceWithBetter,
  salutation,
  unfilledPlaceholders,
} from '../../logic/replyWording';
import { beijingDateKey } from '../../utils/time';
import { THEME } from '../../theme';
import './ActionForm.css';

const TEXT = {
  confirmPlain: (label: string) => `确认「${label}」？`,
  cancel: '取消',
  submit: '确定',
  sending: '提交中…',
  templates: '常用回复',
  templatesLoading: '正在加载常用回复…',
  notePlaceholder: '请填写说明',
  replyPlaceholder: '这段话业主会看到，请使用规范用语',
  reasonPlaceholder: '请填写原因',
  allColleagues: '全部部门',
  noColleagues: '该部门暂无可选同事',
  loadingColleagues: '正在加载同事…',
  openTickets: (n: number) => `在办 ${n}`,
  assigneeOptional: '（可不选，进入部门待领）',
  pickDate: '请选择日期',
  pickTime: '请选择时间',
  satisfied: '业主已确认满意',
  causeSub: '细项',
  photosOptional: '（选填）',
  uploading: '照片还在上传，请稍候',
  warnTitle: '这段回复里有不宜对业主说的话',
  warnSaid: '原话',
  warnBetter: '建议说',
  warnWhy: '业主可能会想',
  replace: '替换为建议用语',
  fillTitle: '模板中还有待填写的内容，请填写后再发送：',
  fillApply: '填入回复',
  fillMissing: (names: string[]) => `请先填写模板中的${names.map((n) => `{${n}}`).join('、')}`,
  stale: '工单已被他人更新',
  done: '已提交',
  noEscalation: '已是最高一级，无法再上移',
  repairClass: '维修分级',
  suggested: (label: string, reason: string) => `系统建议：${label}（${reason}）`,
  fixBy: '约定完成日期（受理后第 7 至第 15 个工作日）',
} as const;

const REPAIR_CLASS_OPTIONS = [
  { value: 'small', label: '小事、急事（当天解决）' },
  { value: 'general', label: '一般（当天回复，三天内解决）' },
  { value: 'major', label: '重大（三天内回复，7–15天解决）' },
];

type Props = {
  action: TicketAction;
  ticket: StaffTicketDetail;
  role: string;
  onClose: () => void;
  /** Sent: the ticket as the server now shows it (or null when it left the actor's sight). */
  onDone: (ticket: StaffTicketDetail | null) => void;
  /** Someone else changed it first (409): the current ticket. */
  onConflict: (current: StaffTicketDetail | null) => void;
};

/** The small form behind one action button: asks only for what the action needs. */
export function ActionForm({ action, ticket, role, onClose, onDone, onConflict }: Props) {
  const spec = useMemo(
    () => actionFormSpec(action, ticket.status as TicketStatus, ticket.kind as TicketKind),
    [action, ticket.status, ticket.kind],
  );
  const label = TICKET_ACTION_LABELS[action] ?? action;
  const has = (f: string) => spec.fields.includes(f as never);
  const required = (f: string) => spec.required.includes(f as never);
  const [values, setValues] = useState<ActionFormValues>(() => {
    const v = emptyActionValues();
    if (spec.fields.includes('replyBy')) {
      const d = defaultReplyBy();
      v.replyDate = d.date;
      v.replyTime = d.time;
    }
    if (action === 'transfer' && ticket.department) v.departmentCode = ticket.department.code;
    if (action === 'assign' && ticket.kind === 'repair')
      v.repairClass = ticket.repairClass ?? ticket.repairClassSuggestion?.repairClass ?? 'general';
    return v;
  });
  const set = (patch: Partial<ActionFormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setError(null);
  };
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [hits, setHits] = useState<ReplyHit[] | null>(null);
  /** Values staff type for a template's placeholders ({区域} …) before they are put into the reply. */
  const [fills, setFills] = useState<Record<string, string>>({});
  const missing = has('note') ? unfilledPlaceholders(values.note) : [];
  const [templates, setTemplates] = useState<ReplyTemplate[] | null>(null);
  const [colleagues, setColleagues] = useState<Colleague[] | null>(null);

  // Reply templates of the ticket's category (complaints), 报修 (repairs), and the general ones.
  useEffect(() => {
    if (!spec.publicReply) return;
    const categories = [
      ticket.kind === 'repair' ? '报修' : ticket.kind === 'complaint' ? ticket.category : null,
      '通用',
    ].filter((c): c is string => !!c);
    Promise.all(
      categories.map((c) =>
        api.get<ReplyTemplate[]>(`/api/reply-templates?category=${encodeURIComponent(c)}`).catch(() => []),
      ),
    ).then((lists) => setTemplates(lists.flat()));
  }, [spec.publicReply, ticket.kind, ticket.category]);

  // Colleagues to hand on to, of the chosen department.
  useEffect(() => {
    if (!has('assignee')) return;
    if (action === 'assign' && !values.departmentCode) {
      setColleagues([]);
      return;
    }
    setColleagues(null);
    const q = values.departmentCode ? `?departmentCode=${encodeURIComponent(values.departmentCode)}` : '';
    api
      .get<Colleague[]>(`/api/staff/colleagues${q}`)
      .then(setColleagues)
      .catch((e) => {
        setColleagues([]);
        setError(errorMessage(e));
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values.departmentCode, action]);

  const insertTemplate = (t: ReplyTemplate) => {
    const text = fillTemplate(t.text, { 业主称呼: salutation(ticket.contact?.name), 工单号: ticket.number });
    set({ note: values.note.trim() ? `${values.note.trim()}\n${text}` : text });
    setHits(null);
  };

  const send = async () => {
    if (sending) return;
    if (uploading) {
      setError(TEXT.uploading);
      return;
    }
    const problem = validateAction(spec, values);
    if (problem) {
      setError(problem);
      return;
    }
    // A reply with {区域} or {时间} left in it cannot go to a resident: the form asks for the values first.
    if (missing.length) {
      setError(TEXT.fillMissing(missing));
      return;
    }
    setSending(true);
    setError(null);
    try {
      // Public replies are checked for forbidden phrases first (docs/domain-rules.md "Staff language").
      if (spec.publicReply && values.note.trim()) {
        const check = await api.post<ReplyCheck>('/api/reply-check', { text: values.note }).catch(() => null);
        if (check && !check.ok && check.hits.length) {
          setHits(check.hits);
          return;
        }
      }
      const body = buildActionBody(action, ticket.version, spec, values);
      const res = await api.post<StaffTicketDetail & { visible?: boolean }>(
        `/api/tickets/${encodeURIComponent(ticket.id)}/actions`,
        body,
      );
      Taro.showToast({ title: TEXT.done, icon: 'success' });
      onDone(res.visible === false ? null : res);
    } catch (e) {
      // The server checks what a resident will read against the company's list of forbidden phrases.
      const body =
        e instanceof ApiError ? (e.body as { code?: string; hits?: ReplyHit[] } | undefined) : undefined;
      if (body?.code === 'forbidden_phrase' && body.hits?.length) {
        setHits(body.hits);
        return;
      }
      if (e instanceof ApiError && e.statusCode === 409) {
        Taro.showToast({ title: TEXT.stale, icon: 'none' });
        const current = (e.body as { current?: StaffTicketDetail } | undefined)?.current ?? null;
        onConflict(current);
        return;
      }
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  const replace = (hit: ReplyHit) => {
    const next = replaceWithBetter(values.note, hit);
    set({ note: next });
    const rest = (hits ?? []).filter((h) => h !== hit);
    setHits(rest.length ? rest : null);
  };

  const factor = values.causeFactor ? CAUSE_FACTORS[values.causeFactor] : null;
  const escalations = escalationChoices(role, ticket.escalationLevel);
  const today = beijingDateKey();

  return (
    <View className="action-form__mask" onClick={onClose}>
      <View className="action-form" data-testid="action-form" onClick={(e) => e.stopPropagation()}>
        <Text className="action-form__title">{label}</Text>
        {spec.fields.length === 0 && <Text className="action-form__plain">{TEXT.confirmPlain(label)}</Text>}

        {has('department') && (
          <View className="action-form__field">
            <Text className="action-form__label">{REQUIREMENT_LABELS.department}</Text>
            <ChipPicker
              options={STANDARD_DEPARTMENTS.map((d) => ({ value: d.code, label: d.name }))}
              value={values.departmentCode}
              onChange={(departmentCode) => set({ departmentCode, assigneeId: '' })}
            />
          </View>
        )}

        {has('assignee') && (
          <View className="action-form__field">
            <Text className="action-form__label">
              {REQUIREMENT_LABELS.assignee}
              {!required('assignee') && (
                <Text className="hint action-form__inline">{TEXT.assigneeOptional}</Text>
              )}
            </Text>
            {colleagues === null && <LoadState inline loadingText={TEXT.loadingColleagues} />}
            {colleagues !== null && colleagues.length === 0 && values.departmentCode && (
              <LoadState inline empty={TEXT.noColleagues} />
            )}
            <ChipPicker
              options={(colleagues ?? [])
                .filter((c) => c.id !== ticket.assignee?.id || action !== 'transfer')
                .map((c) => ({ value: c.id, label: `${c.name}（${TEXT.openTickets(c.openTickets)}）` }))}
              clearable
              value={values.assigneeId}
              onChange={(assigneeId) => set({ assigneeId: assigneeId ?? '' })}
            />
          </View>
        )}

        {has('escalateTo') && (
          <View className="action-form__field">
            <Text className="action-form__label">{REQUIREMENT_LABELS.escalateTo}</Text>
            {escalations.length === 0 && <Text className="hint">{TEXT.noEscalation}</Text>}
            <ChipPicker
              options={chipOptions(escalations, ESCALATION_TARGET_LABELS)}
              value={values.escalateTo}
              onChange={(escalateTo) => set({ escalateTo })}
            />
          </View>
        )}

        {action === 'assign' && ticket.kind === 'repair' && (
          <View className="action-form__field">
            <Text className="action-form__label">{TEXT.repairClass}</Text>
            {ticket.repairClassSuggestion && (
              <Text className="hint">
                {TEXT.suggested(ticket.repairClassSuggestion.label, ticket.repairClassSuggestion.reason)}
              </Text>
            )}
            <ChipPicker
              options={REPAIR_CLASS_OPTIONS}
              value={values.repairClass}
              onChange={(repairClass) => set({ repairClass, fixBy: '' })}
            />
            {values.repairClass === 'major' && (
              <Picker
                mode="date"
                value={values.fixBy || today}
                start={today}
                onChange={(e) => set({ fixBy: e.detail.value })}
              >
                <View className="input action-form__picker">
                  {TEXT.fixBy}：{values.fixBy || TEXT.pickDate} ▾
                </View>
              </Picker>
            )}
          </View>
        )}

        {has('replyBy') && (
          <View className="action-form__field">
            <Text className="action-form__label">{REQUIREMENT_LABELS.replyBy}</Text>
            <View className="action-form__row">
              <Picker
                mode="date"
                value={values.replyDate}
                start={today}
                onChange={(e) => set({ replyDate: e.detail.value })}
              >
                <View className="input action-form__picker">{values.replyDate || TEXT.pickDate} ▾</View>
              </Picker>
              <Picker
                mode="time"
                value={values.replyTime}
                onChange={(e) => set({ replyTime: e.detail.value })}
              >
                <View className="input action-form__picker">{values.replyTime || TEXT.pickTime} ▾</View>
              </Picker>
            </View>
          </View>
        )}

        {has('expectedDate') && (
          <View className="action-form__field">
            <Text className="action-form__label">{REQUIREMENT_LABELS.expectedDate}</Text>
            <Picker
              mode="date"
              value={values.expectedDate || today}
              start={today}
              onChange={(e) => set({ expectedDate: e.detail.value })}
            >
              <View className="input action-form__picker">{values.expectedDate || TEXT.pickDate} ▾</View>
            </Picker>
          </View>
        )}

        {has('cause') && (
          <View className="action-form__field">
            <Text className="action-form__label">{REQUIREMENT_LABELS.cause}</Text>
            <ChipPicker
              options={CAUSE_FACTOR_CODES.map((code: CauseFactor) => ({
                value: code,
                label: `${CAUSE_FACTORS[code].label}·${CAUSE_FACTORS[code].name}`,
              }))}
              value={values.causeFactor}
              onChange={(causeFactor) => set({ causeFactor, causeSub: '' })}
            />
            {factor && (
              <ChipPicker
                options={Object.entries(factor.subs as Record<string, string>).map(([sub, name]) => ({
                  value: sub,
                  label: name,
                }))}
                value={values.causeSub}
                onChange={(causeSub) => set({ causeSub })}
              />
            )}
          </View>
        )}

        {has('noVisitReason') && (
          <View className="action-form__field">
            <Text className="action-form__label">{REQUIREMENT_LABELS.noVisitReason}</Text>
            <ChipPicker
              options={chipOptions(NO_VISIT_REASONS, NO_VISIT_REASON_LABELS)}
              value={values.noVisitReason}
              onChange={(noVisitReason) => set({ noVisitReason })}
            />
          </View>
        )}

        {has('satisfied') && (
          <View className="action-form__field action-form__row action-form__switch">
            <Text>{TEXT.satisfied}</Text>
            <Switch
              checked={values.satisfied}
              color={THEME.primary}
              onChange={(e) => set({ satisfied: e.detail.value })}
            />
          </View>
        )}

        {has('reason') && (
          <View className="action-form__field">
            <Text className="action-form__label">{REQUIREMENT_LABELS.reason}</Text>
            <Textarea
              className="textarea action-form__reason"
              value={values.reason}
              placeholder={TEXT.reasonPlaceholder}
              maxlength={500}
              onInput={(e) => set({ reason: e.detail.value })}
            />
          </View>
        )}

        {has('note') && (
          <View className="action-form__field">
            <Text className="action-form__label">
              {required('content') ? REQUIREMENT_LABELS.content : REQUIREMENT_LABELS.note}
            </Text>
            {spec.publicReply && (
              <View className="action-form__templates">
                {templates === null ? (
                  <LoadState inline loadingText={TEXT.templatesLoading} />
                ) : (
                  <Text className="hint">{TEXT.templates}</Text>
                )}
                <View className="chips">
                  {(templates ?? []).map((t) => (
                    <View key={t.id} className="chip action-form__template" onClick={() => insertTemplate(t)}>
                      {t.title}
                    </View>
                  ))}
                </View>
              </View>
            )}
            <Textarea
              className="textarea action-form__note"
              value={values.note}
              placeholder={spec.publicReply ? TEXT.replyPlaceholder : TEXT.notePlaceholder}
              maxlength={2000}
              onInput={(e) => {
                set({ note: e.detail.value });
                setHits(null);
              }}
            />
          </View>
        )}

        {missing.length > 0 && (
          <View className="placeholder-fill" data-testid="placeholder-fill">
            <Text className="placeholder-fill__title">{TEXT.fillTitle}</Text>
            {missing.map((name) => (
              <View key={name} className="action-form__row placeholder-fill__row">
                <Text className="placeholder-fill__name">{`{${name}}`}</Text>
                <Input
                  className="input placeholder-fill__input"
                  data-testid={`placeholder-${name}`}
                  value={fills[name] ?? ''}
                  maxlength={100}
                  onInput={(e) => setFills((f) => ({ ...f, [name]: e.detail.value }))}
                />
              </View>
            ))}
            <View
              className="chip placeholder-fill__apply"
              onClick={() => {
                set({ note: fillPlaceholders(values.note, fills) });
                setError(null);
              }}
            >
              {TEXT.fillApply}
            </View>
          </View>
        )}

        {hits && (
          <View className="reply-warning" data-testid="reply-warning">
            <Text className="reply-warning__title">{TEXT.warnTitle}</Text>
            {hits.map((h) => (
              <View key={`${h.id}-${h.index}`} className="reply-warning__hit">
                <Text className="reply-warning__line">
                  {TEXT.warnSaid}：「{h.matched ?? h.phrase}」
                </Text>
                <Text className="reply-warning__line reply-warning__better">
                  {TEXT.warnBetter}：{h.better}
                </Text>
                {!!h.why && (
                  <Text className="reply-warning__why">
                    {TEXT.warnWhy}：{h.why}
                  </Text>
                )}
                <View className="reply-warning__replace" onClick={() => replace(h)}>
                  {TEXT.replace}
                </View>
              </View>
            ))}
          </View>
        )}

        {has('photos') && (
          <View className="action-form__field">
            <Text className="action-form__label">
              {REQUIREMENT_LABELS.photos}
              {!required('photos') && <Text className="hint action-form__inline">{TEXT.photosOptional}</Text>}
            </Text>
            <PhotoPicker
              onChange={(ids, busy) => {
                setValues((v) => ({ ...v, photoIds: ids }));
                setUploading(busy);
              }}
            />
          </View>
        )}

        {error && <Text className="error-text">{error}</Text>}

        <View className="action-form__buttons">
          <Button className="action-form__cancel" onClick={onClose}>
            {TEXT.cancel}
          </Button>
          <Button
            className="primary-button action-form__submit"
            disabled={sending || undefined}
            onClick={() => send()}
            data-testid="action-submit"
          >
            {sending ? TEXT.sending : TEXT.submit}
          </Button>
        </View>
      </View>
    </View>
  );
}

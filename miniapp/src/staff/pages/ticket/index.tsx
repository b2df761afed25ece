import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { CHANNEL_LABELS, TICKET_KIND_LABELS } from '../../../shared';
import {
  CATEGORY_NAMES,
  ESCALATION_TARGET_LABELS,
  TICKET_ACTION_LABELS,
  causeLabel,
  isValidCause,
  type TicketAction,
} from '../../shared';
import { PhotoStrip, Timeline } from '../../../components/Timeline';
import { LoadState } from '../../../components/LoadState';
import { ChipPicker } from '../../../components/ChipPicker';
import { ActionForm } from '../../components/ActionForm';
import { QuoteForm } from '../../components/QuoteForm';
import { RefundForm } from '../../components/RefundForm';
import { EmergencyContacts } from '../../components/EmergencyContacts';
import { Charges } from '../../../components/Charges';
import { api, resolveUrl } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { getUser, requireLogin } from '../../../services/session';
import type { StaffTicketDetail } from '../../../services/types';
import { formatBeijingTime } from '../../../utils/time';
import '../../components/QueueCard.css';
import './index.css';

const TEXT = {
  missingId: '缺少工单编号',
  content: '反馈内容',
  place: '位置',
  publicArea: (p: string) => `公共区域：${p}`,
  noPlace: '未填写位置',
  profile: '业户档案 ›',
  contact: '联系人',
  emergencyContacts: '紧急情况：业户的紧急联系人',
  anonymous: '匿名反馈，不显示联系方式',
  callbackShow: '查看业主留下的回电号码（查看会被记录）',
  callbackSeen: (p: string) => `回电号码 ${p}（本次查看已记录）`,
  noContact: '未留联系方式',
  noPhone: '（未留电话）',
  call: '拨打',
  channel: '来源',
  createdAt: '登记时间',
  handling: '处理情况',
  department: '责任部门',
  assignee: '当前处理人',
  firstReceiver: '首问负责人',
  escalation: '服务上移',
  cause: '原因分类',
  reopenCount: '重新处理次数',
  none: '—',
  unassigned: '待领取',
  deadlines: '时限',
  replyDue: '答复时限',
  handleDue: '处理时限',
  nextDue: '最近时限',
  overdue: '已超时',
  calendarUncertain: '日历未覆盖',
  uncoveredHint: (years: number[]) =>
    `${years.join('、')}年的法定节假日安排尚未导入，时限暂按普通周末计算，请以集团导入后的时限为准。`,
  repairClass: '维修分级',
  deferredUntil: '预计完成',
  handledAt: '处理完毕',
  closedAt: '办结时间',
  classification: '投诉分类',
  unclassified: '未分类',
  confidence: (c: number) => `置信度 ${Math.round(c * 100)}%`,
  explanation: '判断依据',
  readsAs: (label: string) => `文本读起来更像「${label}」，可按实际类型处理`,
  emergencyWords: '紧急线索',
  triage: '待人工确认',
  reasons: '判断依据',
  rule: '规则',
  feature: '特征',
  correct: '更正分类',
  correctHint: '点选正确的分类',
  cancelCorrect: '取消',
  corrected: '分类已更正',
  flags: '提示',
  emergency: '紧急',
  agitated: '情绪激动',
  compensation: (y: number) => `索赔金额 ${y} 元`,
  major: '重大投诉',
  keyCustomer: '重点客户',
  history: '处理记录',
  noActions: '当前没有您可执行的操作',
  left: '工单已转交，您已无权查看',
  sendQuote: '发送报价',
  sendSupplementary: '发送补充报价',
} as const;

/** 工单详情 for staff: everything about the ticket, and exactly the actions the server allows. */
export default function StaffTicketPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [ticket, setTicket] = useState<StaffTicketDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<TicketAction | null>(null);
  const [correcting, setCorrecting] = useState(false);
  /** The call-back number once the lead asked for it (the server logged the look). */
  const [callback, setCallback] = useState<string | null>(null);
  const [quoting, setQuoting] = useState(false);
  const role = getUser()?.role ?? '';

  const load = useCallback(async () => {
    if (!id) {
      setError(TEXT.missingId);
      return;
    }
    setError(null);
    try {
      setTicket(await api.get<StaffTicketDetail>(`/api/tickets/${encodeURIComponent(id)}`));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      Taro.stopPullDownRefresh();
    }
  }, [id]);

  useDidShow(() => {
    if (requireLogin()) load();
  });
  usePullDownRefresh(() => {
    load();
  });

  if (!ticket) return <LoadState error={error} onRetry={load} />;

  const correct = async (category: string) => {
    try {
      setTicket(
        await api.post<StaffTicketDetail>(`/api/tickets/${encodeURIComponent(ticket.id)}/category`, {
          category,
        }),
      );
      setCorrecting(false);
      Taro.showToast({ title: TEXT.corrected, icon: 'success' });
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  const photoUrls = ticket.photos.map((p) => resolveUrl(p.url));
  const place =
    ticket.household?.label ?? (ticket.location ? TEXT.publicArea(ticket.location) : TEXT.noPlace);
  const flags = ticket.flags;
  const flagTexts = [
    flags?.emergency ? TEXT.emergency : null,
    flags?.agitated ? TEXT.agitated : null,
    flags?.compensationYuan ? TEXT.compensation(flags.compensationYuan) : null,
    flags?.majorComplaint ? TEXT.major : null,
  ].filter((x): x is string => !!x);
  const cause = ticket.cause && isValidCause(ticket.cause) ? causeLabel(ticket.cause) : null;
  const classification = ticket.classification;
  const phone = ticket.contact?.phone ?? null;
  const showCallback = () => {
    api
      .get<{ phone: string }>(`/api/tickets/${encodeURIComponent(ticket.id)}/callback-phone`)
      .then((r) => setCallback(r.phone))
      .catch((e) => Taro.showToast({ title: errorMessage(e), icon: 'none' }));
  };
  const callable = !!phone && !phone.includes('*');

  const rows = (items: Array<[string, string | null | undefined, string?]>) =>
    items
      .filter(([, v]) => v)
      .map(([label, value, cls]) => (
        <View key={label} className="staff-ticket__row">
          <Text className="staff-ticket__label">{label}</Text>
          <Text className={`staff-ticket__value ${cls ?? ''}`}>{value}</Text>
        </View>
      ));

  return (
    <View className="staff-ticket">
      <View className="section">
        <View className="staff-ticket__head">
          <Text className="staff-ticket__number" data-testid="ticket-number">
            {ticket.number}
          </Text>
          <Text className="staff-ticket__status" data-testid="ticket-status">
            {ticket.statusLabel}
          </Text>
        </View>
        <View className="queue-card__tags">
          <Text className="tag tag--info">{TICKET_KIND_LABELS[ticket.kind] ?? ticket.kind}</Text>
          {flagTexts.map((f) => (
            <Text key={f} className="tag tag--danger">
              {f}
            </Text>
          ))}
          {ticket.priorityReason && <Text className="tag tag--warn">{TEXT.keyCustomer}</Text>}
          {ticket.overdue && <Text className="tag tag--danger">{TEXT.overdue}</Text>}
          {ticket.calendarUncertain && <Text className="tag tag--warn">{TEXT.calendarUncertain}</Text>}
        </View>
        {ticket.priorityReason && <Text className="queue-card__priority">{ticket.priorityReason}</Text>}

        <Text className="staff-ticket__subtitle">{TEXT.content}</Text>
        <Text className="staff-ticket__content">{ticket.content}</Text>
        <PhotoStrip urls={photoUrls} />
        {rows([
          [TEXT.channel, CHANNEL_LABELS[ticket.channel] ?? ticket.channel],
          [TEXT.createdAt, formatBeijingTime(ticket.createdAt)],
        ])}
        <View className="staff-ticket__row">
          <Text className="staff-ticket__label">{TEXT.place}</Text>
          <Text className="staff-ticket__value">{place}</Text>
          {ticket.household && (
            <Text
              className="link staff-ticket__profile"
              onClick={() =>
                Taro.navigateTo({
                  url: `/staff/pages/household/index?id=${encodeURIComponent(ticket.household!.id)}`,
                })
              }
            >
              {TEXT.profile}
            </Text>
          )}
        </View>
        <View className="staff-ticket__row">
          <Text className="staff-ticket__label">{TEXT.contact}</Text>
          {ticket.anonymous || !ticket.contact ? (
            <View className="staff-ticket__value">
              <Text className="hint">{ticket.anonymous ? TEXT.anonymous : TEXT.noContact}</Text>
              {/* The lead alone may see the number an anonymous resident left; each look is logged. */}
              {ticket.hasCallbackPhone && !callback && (
                <Text className="link staff-ticket__callback" onClick={showCallback}>
                  {' '}
                  {TEXT.callbackShow}
                </Text>
              )}
              {callback && (
                <Text
                  className="staff-ticket__callback"
                  onClick={() => Taro.makePhoneCall({ phoneNumber: callback })}
                >
                  {' '}
                  {TEXT.callbackSeen(callback)}
                </Text>
              )}
            </View>
          ) : (
            <Text className="staff-ticket__value">
              {ticket.contact.name ?? ''}
              {phone ? ` ${phone}` : TEXT.noPhone}
              {callable && (
                <Text className="link" onClick={() => Taro.makePhoneCall({ phoneNumber: phone! })}>
                  {' '}
                  {TEXT.call}
                </Text>
              )}
            </Text>
          )}
        </View>
        {ticket.emergencyContacts && ticket.emergencyContacts.length > 0 && (
          <View className="staff-ticket__emergency-contacts">
            <EmergencyContacts contacts={ticket.emergencyContacts} title={TEXT.emergencyContacts} />
          </View>
        )}
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.handling}</Text>
        {rows([
          [TEXT.department, ticket.department?.name ?? TEXT.none],
          [TEXT.assignee, ticket.assignee?.name ?? TEXT.unassigned],
          [TEXT.firstReceiver, ticket.firstReceiver?.name],
          [
            TEXT.escalation,
            ticket.escalationLevel
              ? ((ESCALATION_TARGET_LABELS as Record<string, string>)[ticket.escalationLevel] ??
                ticket.escalationLevel)
              : null,
          ],
          [TEXT.cause, cause],
          [TEXT.reopenCount, ticket.reopenCount ? String(ticket.reopenCount) : null],
        ])}
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.deadlines}</Text>
        {rows([
          [
            TEXT.nextDue,
            ticket.dueAt
              ? `${formatBeijingTime(ticket.dueAt)}${ticket.overdue ? `（${TEXT.overdue}）` : ''}`
              : TEXT.none,
            ticket.overdue ? 'staff-ticket__value--overdue' : '',
          ],
          [TEXT.replyDue, formatBeijingTime(ticket.replyDueAt)],
          [TEXT.handleDue, formatBeijingTime(ticket.handleDueAt)],
          [TEXT.repairClass, ticket.repairClassLabel ?? null],
          [TEXT.deferredUntil, formatBeijingTime(ticket.deferredUntil)],
          [TEXT.handledAt, formatBeijingTime(ticket.handledAt)],
          [TEXT.closedAt, formatBeijingTime(ticket.closedAt)],
        ])}
        {ticket.calendarUncertain && ticket.uncoveredYears?.length ? (
          <Text className="hint">{TEXT.uncoveredHint(ticket.uncoveredYears)}</Text>
        ) : null}
      </View>

      {ticket.kind === 'complaint' && (
        <View className="section" data-testid="classification">
          <Text className="section__title">{TEXT.classification}</Text>
          <View className="staff-ticket__head">
            <Text className="staff-ticket__category">{ticket.category ?? TEXT.unclassified}</Text>
            {classification?.confidence != null && (
              <Text className="hint">{TEXT.confidence(classification.confidence)}</Text>
            )}
            {classification?.triage && <Text className="tag tag--info">{TEXT.triage}</Text>}
          </View>
          {classification?.explanation && (
            <Text className="staff-ticket__reason" data-testid="classification-explanation">
              {TEXT.explanation}：{classification.explanation}
            </Text>
          )}
          {classification?.kindSuggestion && (
            <Text className="hint">{TEXT.readsAs(classification.kindSuggestion.label)}</Text>
          )}
          {(classification?.flags?.emergencyWords ?? []).length > 0 && (
            <Text className="staff-ticket__reason">
              {TEXT.emergencyWords}：{classification!.flags!.emergencyWords!.join('、')}
            </Text>
          )}
          {(classification?.reasons ?? []).length > 0 && (
            <View className="staff-ticket__reasons">
              <Text className="hint">{TEXT.reasons}</Text>
              {classification!.reasons!.map((r, i) => (
                <Text key={i} className="staff-ticket__reason">
                  {r.type === 'rule' ? `${TEXT.rule}：${r.text}` : `${TEXT.feature}：${r.feature}`}
                </Text>
              ))}
            </View>
          )}
          {correcting ? (
            <View>
              <Text className="hint">{TEXT.correctHint}</Text>
              <ChipPicker
                options={(ticket.categoryChoices ?? CATEGORY_NAMES).map((c) => ({ value: c, label: c }))}
                value={ticket.category}
                onChange={correct}
              >
                <View className="chip" onClick={() => setCorrecting(false)}>
                  {TEXT.cancelCorrect}
                </View>
              </ChipPicker>
            </View>
          ) : (
            <Text className="link staff-ticket__correct" onClick={() => setCorrecting(true)}>
              {TEXT.correct}
            </Text>
          )}
        </View>
      )}

      <Charges
        ticketId={ticket.id}
        reloadKey={ticket.version}
        onChanged={load}
        footer={(charges, reload) => (
          <>
            <RefundForm
              ticketId={ticket.id}
              charges={charges}
              onDone={() => {
                reload();
                load();
              }}
            />
            {charges.canQuote && (
              <View className="staff-ticket__quote">
                <View
                  className="staff-ticket__action"
                  data-testid="open-quote"
                  onClick={() => setQuoting(true)}
                >
                  {charges.quotes.some((q) => q.status === 'paid') ? TEXT.sendSupplementary : TEXT.sendQuote}
                </View>
                {quoting && (
                  <QuoteForm
                    ticketId={ticket.id}
                    onClose={() => setQuoting(false)}
                    onSent={() => {
                      setQuoting(false);
                      reload();
                      load();
                    }}
                  />
                )}
              </View>
            )}
          </>
        )}
      />

      <View className="section">
        <Text className="section__title">{TEXT.history}</Text>
        <Timeline events={ticket.events} />
      </View>

      <View className="staff-ticket__actions" data-testid="actions">
        {ticket.allowedActions.length === 0 && <Text className="hint">{TEXT.noActions}</Text>}
        {ticket.allowedActions.map((a) => (
          <View
            key={a}
            className={`staff-ticket__action ${a === 'internal_note' || a === 'progress_note' ? 'staff-ticket__action--plain' : ''}`}
            onClick={() => setAction(a as TicketAction)}
          >
            {TICKET_ACTION_LABELS[a as TicketAction] ?? a}
          </View>
        ))}
      </View>

      {action && (
        <ActionForm
          key={`${action}-${ticket.version}`}
          action={action}
          ticket={ticket}
          role={role}
          onClose={() => setAction(null)}
          onDone={(next) => {
            setAction(null);
            if (next) setTicket(next);
            else {
              Taro.showToast({ title: TEXT.left, icon: 'none' });
              Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/staff/pages/index/index' }));
            }
          }}
          onConflict={(current) => {
            setAction(null);
            if (current) setTicket(current);
            else load();
          }}
        />
      )}
    </View>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { CHANNEL_LABELS, OPEN_STATUSES, TICKET_KIND_LABELS, TICKET_STATUS_LABELS } from '../../shared';
import { PhotoStrip, Timeline } from '../../components/Timeline';
import { LoadState } from '../../components/LoadState';
import { PhotoPicker } from '../../components/PhotoPicker';
import { Charges } from '../../components/Charges';
import { api, ApiError, resolveUrl } from '../../services/api';
import { errorMessage } from '../../services/errors';
import { requireLogin } from '../../services/session';
import type { RatingState, TicketDetail } from '../../services/types';
import { createPoller } from '../../logic/polling';
import {
  needsConfirm,
  needsReason,
  proposedSolution,
  residentActionBody,
  residentActions,
  validateResidentAction,
  type ResidentAction,
} from '../../logic/residentActions';
import { formatBeijingTime } from '../../utils/time';
import './index.css';

const TEXT = {
  number: '工单编号',
  kind: '类型',
  status: '当前状态',
  channel: '来源',
  createdAt: '提交时间',
  location: '位置',
  department: '处理部门',
  anonymous: '匿名',
  anonymousYes: '是（工作人员看不到您的姓名、电话和房号）',
  anonymousNo: '否',
  content: '反馈内容',
  photos: '图片',
  timeline: '处理进度',
  missingId: '缺少工单编号',
  backToList: '查看我的全部反馈',
  rateTitle: '处理完毕，请您评价',
  rateHint: '您的评价就是我们的回访：满意即办结，不满意我们会重新处理。',
  rate: '去评价',
  solutionTitle: '方案待您确认',
  solutionHint: '物业提出了以下处理方案，请确认是否同意：',
  actions: {
    accept_solution: '同意方案',
    reject_solution: '不同意方案',
    add_info: '补充信息',
    reopen: '问题未解决，重新处理',
    cancel: '撤销反馈',
  } as Record<ResidentAction, string>,
  reasonTitle: {
    reject_solution: '请说明不同意的原因，我们会继续与您协商',
    reopen: '请说明哪里还没有解决',
    cancel: '请说明撤销的原因',
  } as Partial<Record<ResidentAction, string>>,
  reasonPlaceholder: '请填写原因',
  infoPlaceholder: '补充说明（可只上传照片）',
  cancelConfirmTitle: '撤销反馈',
  cancelConfirm: '撤销后物业将不再处理这条反馈，确定撤销吗？',
  send: '提交',
  sending: '提交中…',
  close: '取消',
  done: '已提交',
  stale: '工单已更新',
  uploading: '照片还在上传，请稍候',
} as const;

const POLL_MS = 10_000;
const RATED_KINDS: readonly string[] = ['complaint', 'repair'];
const RATED_STATUSES: readonly string[] = ['handled', 'awaiting_visit'];

export default function TicketDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState<ResidentAction | null>(null);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const [sending, setSending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [canRate, setCanRate] = useState(false);

  const load = useCallback(async (): Promise<boolean> => {
    if (!id) {
      setError(TEXT.missingId);
      return false;
    }
    try {
      const t = await api.get<TicketDetail>(`/api/tickets/${encodeURIComponent(id)}`);
      setTicket(t);
      setError(null);
      // A handled complaint or repair waits for the resident's rating (the online return visit).
      const rated = RATED_KINDS.includes(t.kind) && RATED_STATUSES.includes(t.status);
      setCanRate(
        rated &&
          (await api
            .get<RatingState>(`/api/tickets/${encodeURIComponent(id)}/rating`)
            .then((r) => r.canRate)
            .catch(() => false)),
      );
      return OPEN_STATUSES.includes(t.status);
    } catch (e) {
      setError(errorMessage(e));
      return true;
    }
  }, [id]);

  // Refresh every 10 s while the page is shown and the ticket is still open.
  const latestLoad = useRef(load);
  latestLoad.current = load;
  const poller = useRef(createPoller({ intervalMs: POLL_MS, tick: () => latestLoad.current() }));
  useEffect(() => {
    const p = poller.current;
    return () => p.stop();
  }, []);

  useDidShow(() => {
    if (!requireLogin()) return;
    load().then((open) => {
      if (open) poller.current.start();
    });
  });
  useDidHide(() => poller.current.stop());
  useUnload(() => poller.current.stop());

  if (!ticket) return <LoadState error={error} onRetry={load} rows={2} />;

  const openForm = (action: ResidentAction) => {
    setForm(action);
    setReason('');
    setNote('');
    setPhotoIds([]);
    setFormError(null);
    if (action === 'accept_solution') send(action);
  };

  async function send(action: ResidentAction) {
    if (sending || !ticket) return;
    if (uploading) {
      setFormError(TEXT.uploading);
      return;
    }
    const input = { reason, note, photoIds };
    const problem = validateResidentAction(action, input);
    if (problem) {
      setFormError(problem);
      return;
    }
    if (needsConfirm(action)) {
      const { confirm } = await Taro.showModal({
        title: TEXT.cancelConfirmTitle,
        content: TEXT.cancelConfirm,
      });
      if (!confirm) return;
    }
    setSending(true);
    setFormError(null);
    try {
      const next = await api.post<TicketDetail>(
        `/api/tickets/${encodeURIComponent(ticket.id)}/actions`,
        residentActionBody(action, ticket.version, input),
      );
      setTicket(next);
      setForm(null);
      Taro.showToast({ title: TEXT.done, icon: 'success' });
      if (OPEN_STATUSES.includes(next.status)) poller.current.start();
    } catch (e) {
      if (e instanceof ApiError && e.statusCode === 409) {
        const current = (e.body as { current?: TicketDetail } | undefined)?.current;
        if (current) setTicket(current);
        else load();
        setForm(null);
        Taro.showToast({ title: TEXT.stale, icon: 'none' });
        return;
      }
      setFormError(errorMessage(e));
      if (action === 'accept_solution') Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setSending(false);
    }
  }

  const photoUrls = ticket.photos.map((p) => resolveUrl(p.url));
  const location = ticket.household?.label ?? (ticket.location ? `公共区域：${ticket.location}` : '—');
  const rows: Array<[string, string]> = [
    [TEXT.kind, TICKET_KIND_LABELS[ticket.kind] ?? ticket.kind],
    [TEXT.status, TICKET_STATUS_LABELS[ticket.status] ?? ticket.status],
    [TEXT.location, location],
    // Who handles it, in words (never a code or a confidence number).
    ...(ticket.department?.name ? [[TEXT.department, ticket.department.name] as [string, string]] : []),
    [TEXT.anonymous, ticket.anonymous ? TEXT.anonymousYes : TEXT.anonymousNo],
    [TEXT.channel, CHANNEL_LABELS[ticket.channel] ?? ticket.channel],
    [TEXT.createdAt, formatBeijingTime(ticket.createdAt)],
  ];
  const actions = residentActions(ticket.allowedActions);
  const solution = ticket.status === 'solution_proposed' ? proposedSolution(ticket.events) : null;

  return (
    <View className="detail-page">
      {canRate && (
        <View className="section rate-invite" data-testid="rate-invite">
          <Text className="rate-invite__title">{TEXT.rateTitle}</Text>
          <Text className="hint">{TEXT.rateHint}</Text>
          <Button
            className="primary-button rate-invite__button"
            onClick={() =>
              Taro.navigateTo({ url: `/visit/pages/rate/index?id=${encodeURIComponent(ticket.id)}` })
            }
          >
            {TEXT.rate}
          </Button>
        </View>
      )}

      {ticket.status === 'solution_proposed' && (
        <View className="section solution" data-testid="solution">
          <Text className="solution__title">{TEXT.solutionTitle}</Text>
          <Text className="hint">{TEXT.solutionHint}</Text>
          {solution && <Text className="solution__note">{solution}</Text>}
        </View>
      )}

      <View className="section">
        <Text className="hint">{TEXT.number}</Text>
        <Text className="detail-page__number" data-testid="ticket-number">
          {ticket.number}
        </Text>
        {rows.map(([label, value]) => (
          <View key={label} className="detail-page__row">
            <Text className="detail-page__label">{label}</Text>
            <Text className="detail-page__value">{value}</Text>
          </View>
        ))}
      </View>

      {actions.length > 0 && (
        <View className="section resident-actions" data-testid="resident-actions">
          <View className="resident-actions__buttons">
            {actions.map((a) => (
              <View
                key={a}
                className={`resident-actions__button ${a === 'accept_solution' ? 'resident-actions__button--primary' : ''} ${form === a ? 'resident-actions__button--active' : ''}`}
                onClick={() => openForm(a)}
              >
                {a === 'accept_solution' && sending ? TEXT.sending : TEXT.actions[a]}
              </View>
            ))}
          </View>
          {form && form !== 'accept_solution' && (
            <View className="resident-actions__form">
              {needsReason(form) && (
                <View>
                  <Text className="hint">{TEXT.reasonTitle[form]}</Text>
                  <Textarea
                    className="textarea"
                    value={reason}
                    placeholder={TEXT.reasonPlaceholder}
                    maxlength={500}
                    onInput={(e) => setReason(e.detail.value)}
                  />
                </View>
              )}
              {form === 'add_info' && (
                <View>
                  <Textarea
                    className="textarea"
                    value={note}
                    placeholder={TEXT.infoPlaceholder}
                    maxlength={2000}
                    onInput={(e) => setNote(e.detail.value)}
                  />
                  <PhotoPicker
                    onChange={(ids, busy) => {
                      setPhotoIds(ids);
                      setUploading(busy);
                    }}
                  />
                </View>
              )}
              {formError && <Text className="error-text">{formError}</Text>}
              <View className="resident-actions__form-buttons">
                <Button size="mini" onClick={() => setForm(null)}>
                  {TEXT.close}
                </Button>
                <Button
                  size="mini"
                  className="primary-button resident-actions__send"
                  disabled={sending || undefined}
                  onClick={() => send(form)}
                >
                  {sending ? TEXT.sending : TEXT.send}
                </Button>
              </View>
            </View>
          )}
          {form === 'accept_solution' && formError && <Text className="error-text">{formError}</Text>}
        </View>
      )}

      <View className="section">
        <Text className="section__title">{TEXT.content}</Text>
        <Text className="detail-page__content">{ticket.content}</Text>
        <PhotoStrip urls={photoUrls} />
      </View>

      <Charges ticketId={ticket.id} reloadKey={ticket.version} onChanged={load} />

      <View className="section">
        <Text className="section__title">{TEXT.timeline}</Text>
        <Timeline events={ticket.events} />
      </View>

      <View className="detail-page__actions">
        <Button className="detail-page__back" onClick={() => Taro.switchTab({ url: '/pages/tickets/index' })}>
          {TEXT.backToList}
        </Button>
      </View>
    </View>
  );
}

import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { ChipPicker } from '../../../components/ChipPicker';
import { LoadState } from '../../../components/LoadState';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { getUser, requireLogin } from '../../../services/session';
import {
  canEditIncident,
  canPlanVisits,
  incidentCounts,
  moveSummary,
  numberProblem,
  replyProblem,
  VISIT_LEVEL_OPTIONS,
  type IncidentMoveAnswer,
} from '../../../logic/incidentWork';
import { formatBeijingTime } from '../../../utils/time';
import './index.css';

const TEXT = {
  hot: '热点投诉',
  hotHint: '同一事件一个月内已有 3 位以上业主投诉：须一周内上报，办结后一周内提交案例报告',
  complaints: '本事件的投诉',
  open: '查看',
  unlink: '移出',
  unlinkConfirm: '确定把这条投诉移出本事件吗？移出后单独统计。',
  link: '并入投诉',
  linkHint: '同一事件但未自动归并的投诉（如网上跟帖），填写投诉编号并入；内容不同的新投诉请勿并入',
  linkPlaceholder: '投诉编号，如 TS20261105-0001',
  linkButton: '并入本事件',
  reply: '统一答复',
  replyHint: '答复会作为公开进展发给本事件每一位未办结投诉的业主，并记入各自的工单',
  replyPlaceholder: '例：电梯主板已向厂家订购，预计周五前修复，修复后第一时间通知您',
  replyButton: '发给全部投诉人',
  note: '统一内部记录',
  notePlaceholder: '仅员工可见，记入每条投诉',
  noteButton: '记入全部投诉',
  sending: '提交中…',
  plan: '统一回访安排',
  planHint: '按投诉等级确定回访人，适用于本事件每一条未办结的投诉',
  planButton: '设为本事件的回访安排',
  planned: '设定回访安排',
  replied: '答复',
  noted: '记录',
  linked: '已并入',
  unlinked: '已移出',
} as const;

interface IncidentDetail {
  id: string;
  title: string;
  category: string;
  ticketCount: number;
  complainantCount: number;
  hot: boolean;
  hotAt: string | null;
  firstAt: string;
  lastAt: string;
  tickets: {
    id: string;
    number: string;
    summary: string;
    status: string;
    statusLabel?: string;
    createdAt: string;
  }[];
}

/**
 * 事件处理: staff work an event 同一事件 as one — one reply to every complainant, one internal record — and link a
 * complaint the matching missed or take one out (POST /api/incidents/:id/actions, /link, /unlink).
 */
export default function IncidentPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [data, setData] = useState<IncidentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reply, setReply] = useState('');
  const [note, setNote] = useState('');
  const [number, setNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [level, setLevel] = useState<number | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const editor = canEditIncident(getUser()?.role);
  const planner = canPlanVisits(getUser()?.role);

  const load = useCallback(async () => {
    setError(null);
    try {
      setData(await api.get<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}`));
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

  const run = async (work: () => Promise<string>) => {
    if (busy) return;
    setBusy(true);
    setSaid(null);
    try {
      // Said once the event is read again: the page is ready for the next tap when the message shows.
      const message = await work();
      await load();
      setSaid(message);
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const sendToAll = (action: 'progress_note' | 'internal_note', text: string, what: string) =>
    run(async () => {
      const a = await api.post<IncidentMoveAnswer>(`/api/incidents/${encodeURIComponent(id)}/actions`, {
        action,
        note: text.trim(),
      });
      if (action === 'progress_note') setReply('');
      else setNote('');
      return moveSummary(a, what);
    });

  if (!data) return <LoadState error={error} onRetry={load} />;

  const replyBad = replyProblem(reply);
  const numberBad = numberProblem(number);

  return (
    <View className="incident">
      <View className="section">
        <View className="incident__head">
          {data.hot && <Text className="incident__badge">{TEXT.hot}</Text>}
          <Text className="incident__title">{data.title}</Text>
        </View>
        <Text className="hint">
          {data.category} · {incidentCounts(data)} · {formatBeijingTime(data.firstAt)} 至{' '}
          {formatBeijingTime(data.lastAt)}
        </Text>
        {data.hot && <Text className="hint incident__hot-hint">{TEXT.hotHint}</Text>}
      </View>

      {said && (
        <View className="section incident__said" data-testid="incident-said">
          <Text>{said}</Text>
        </View>
      )}

      <View className="section">
        <Text className="section__title">{TEXT.reply}</Text>
        <Text className="hint">{TEXT.replyHint}</Text>
        <Textarea
          className="incident__textarea"
          value={reply}
          maxlength={2000}
          placeholder={TEXT.replyPlaceholder}
          onInput={(e) => setReply(e.detail.value)}
        />
        {reply.length > 0 && replyBad && <Text className="hint incident__problem">{replyBad}</Text>}
        <Button
          className="incident__button"
          type="primary"
          disabled={busy || !!replyBad}
          onClick={() => sendToAll('progress_note', reply, TEXT.replied)}
        >
          {busy ? TEXT.sending : TEXT.replyButton}
        </Button>
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.note}</Text>
        <Textarea
          className="incident__textarea"
          value={note}
          maxlength={2000}
          placeholder={TEXT.notePlaceholder}
          onInput={(e) => setNote(e.detail.value)}
        />
        <Button
          className="incident__button"
          disabled={busy || note.trim().length < 2}
          onClick={() => sendToAll('internal_note', note, TEXT.noted)}
        >
          {TEXT.noteButton}
        </Button>
      </View>

      {planner && (
        <View className="section" data-testid="incident-plan">
          <Text className="section__title">{TEXT.plan}</Text>
          <Text className="hint">{TEXT.planHint}</Text>
          <ChipPicker
            options={VISIT_LEVEL_OPTIONS.map((o) => ({ value: o.value as number, label: o.label }))}
            value={level}
            clearable
            onChange={setLevel}
          />
          <Button
            className="incident__button"
            disabled={busy || level === null}
            onClick={() =>
              run(async () => {
                const a = await api.put<IncidentMoveAnswer>(
                  `/api/incidents/${encodeURIComponent(id)}/visit-settings`,
                  { complaintLevel: level },
                );
                return moveSummary(a, TEXT.planned);
              })
            }
          >
            {TEXT.planButton}
          </Button>
        </View>
      )}

      <View className="section">
        <Text className="section__title">{TEXT.complaints}</Text>
        {data.tickets.map((t) => (
          <View key={t.id} className="incident__ticket" data-testid="incident-ticket">
            <View
              className="incident__ticket-body"
              onClick={() =>
                Taro.navigateTo({ url: `/staff/pages/ticket/index?id=${encodeURIComponent(t.id)}` })
              }
            >
              <Text className="incident__ticket-number">
                {t.number} · {t.statusLabel ?? t.status}
              </Text>
              <Text className="hint">{t.summary}</Text>
              <Text className="hint">{formatBeijingTime(t.createdAt)}</Text>
            </View>
            {editor && (
              <Text
                className="incident__unlink"
                onClick={() =>
                  Taro.showModal({ title: TEXT.unlink, content: TEXT.unlinkConfirm }).then((r) => {
                    if (!r.confirm) return;
                    run(async () => {
                      await api.post(`/api/incidents/${encodeURIComponent(id)}/unlink`, { ticketId: t.id });
                      return `${TEXT.unlinked} ${t.number}`;
                    });
                  })
                }
              >
                {TEXT.unlink}
              </Text>
            )}
          </View>
        ))}
      </View>

      {editor && (
        <View className="section">
          <Text className="section__title">{TEXT.link}</Text>
          <Text className="hint">{TEXT.linkHint}</Text>
          <Input
            className="incident__input"
            value={number}
            placeholder={TEXT.linkPlaceholder}
            onInput={(e) => setNumber(e.detail.value)}
          />
          <Button
            className="incident__button"
            disabled={busy || !!numberBad}
            onClick={() =>
              run(async () => {
                await api.post(`/api/incidents/${encodeURIComponent(id)}/link`, { number: number.trim() });
                const n = number.trim();
                setNumber('');
                return `${TEXT.linked} ${n}`;
              })
            }
          >
            {TEXT.linkButton}
          </Button>
        </View>
      )}
    </View>
  );
}

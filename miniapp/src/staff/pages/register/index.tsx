import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components';
import { CHANNEL_LABELS, TICKET_CONTENT_MAX, TICKET_KINDS, TICKET_KIND_LABELS } from '../../../shared';
import { api } from '../../../services/api';
import { errorMessage, isNetworkError, NETWORK_MESSAGE } from '../../../services/errors';
import { getUser, refreshMe, requireLogin } from '../../../services/session';
import { STORAGE_KEYS, readJson, remove, writeJson } from '../../../services/storage';
import type { OrgTree, StaffTicketDetail, User } from '../../../services/types';
import { contentLength } from '../../../logic/draft';
import {
  REGISTER_CHANNELS,
  buildRegisterBody,
  editRegisterDraft,
  emptyRegisterDraft,
  flattenHouseholds,
  restoreRegisterDraft,
  validateRegister,
  type RegisterDraft,
} from '../../../logic/registerDraft';
import { createSubmitQueue } from '../../../logic/submitQueue';
import { ChipPicker, chipOptions } from '../../../components/ChipPicker';
import { LoadState } from '../../../components/LoadState';
import { uuidV4 } from '../../../utils/uuid';
import { THEME } from '../../../theme';
import './index.css';

const TEXT = {
  intro: '为来电、来访或来信的业主登记反馈，您将作为首问负责人跟进。',
  channel: '来源渠道',
  kind: '反馈类型',
  content: '反馈内容',
  contentPlaceholder: '请记录业主反映的时间、地点、经过和诉求',
  caller: '联系人',
  callerName: '业主称呼，如：王先生',
  callerPhone: '联系电话',
  location: '发生位置',
  household: '业主房屋',
  publicArea: '公共区域',
  pickHousehold: '请选择房屋',
  loadingHouseholds: '正在加载房屋…',
  householdsPart: '房屋列表',
  placePlaceholder: '请填写具体位置，如：3栋电梯厅',
  anonymous: '匿名登记',
  anonymousHint: '业主不愿留下姓名电话时打开；匿名工单无法回访。',
  submit: '登记',
  sending: '提交中…',
  retry: '网络不佳，点此重试',
  success: '登记成功',
} as const;

/** 代客登记: staff register a phone call, visit, letter or e-mail on a resident's behalf. */
export default function RegisterPage() {
  const [user, setUser] = useState<User | null>(() => getUser());
  const [draft, setDraft] = useState<RegisterDraft>(
    () => restoreRegisterDraft(readJson(STORAGE_KEYS.registerDraft)) ?? emptyRegisterDraft(),
  );
  const [households, setHouseholds] = useState<Array<{ id: string; label: string }> | null>(null);
  const [treeError, setTreeError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [networkFailed, setNetworkFailed] = useState(false);
  const queue = useRef(
    createSubmitQueue((body: Record<string, unknown>) =>
      api.post<StaffTicketDetail>('/api/tickets', body, {
        header: { 'Idempotency-Key': String(body.idempotencyKey) },
      }),
    ),
  );

  const loadTree = async (projectId: string | null | undefined) => {
    if (!projectId) return;
    setTreeError(null);
    try {
      setHouseholds(
        flattenHouseholds(await api.get<OrgTree>(`/api/org/projects/${encodeURIComponent(projectId)}/tree`)),
      );
    } catch (e) {
      setTreeError(errorMessage(e));
    }
  };

  useDidShow(() => {
    if (!requireLogin()) return;
    refreshMe()
      .then((me) => {
        setUser(me);
        if (!households) loadTree(me.projectId);
      })
      .catch(() => loadTree(getUser()?.projectId));
  });

  // Kept in storage like the resident's draft, so a crash loses neither the text nor the key.
  useEffect(() => {
    if (!draft.idempotencyKey) return;
    const timer = setTimeout(() => writeJson(STORAGE_KEYS.registerDraft, draft), 300);
    return () => clearTimeout(timer);
  }, [draft]);

  const update = (patch: Partial<RegisterDraft>) => {
    setDraft((d) => editRegisterDraft(d, patch, uuidV4));
    setError(null);
  };

  const submit = async () => {
    if (sending || queue.current.busy) return;
    const problem = validateRegister(draft);
    if (problem) {
      setError(problem);
      Taro.showToast({ title: problem, icon: 'none' });
      return;
    }
    const ready = draft.idempotencyKey ? draft : editRegisterDraft(draft, {}, uuidV4);
    writeJson(STORAGE_KEYS.registerDraft, ready);
    if (ready !== draft) setDraft(ready);
    setSending(true);
    setError(null);
    try {
      const ticket = await queue.current.submit(buildRegisterBody(ready));
      remove(STORAGE_KEYS.registerDraft);
      setDraft(emptyRegisterDraft());
      setNetworkFailed(false);
      Taro.showToast({ title: TEXT.success, icon: 'success' });
      Taro.redirectTo({ url: `/staff/pages/ticket/index?id=${encodeURIComponent(ticket.id)}` });
    } catch (e) {
      const network = isNetworkError(e);
      setNetworkFailed(network);
      setError(network ? NETWORK_MESSAGE : errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  const list = households ?? [];
  const index = list.findIndex((h) => h.id === draft.householdId);
  const labels = list.map((h) => h.label);

  return (
    <View className="register">
      <Text className="register__intro">{TEXT.intro}</Text>
      {user?.projectName && <Text className="hint register__project">{user.projectName}</Text>}

      <View className="section">
        <Text className="section__title">{TEXT.channel}</Text>
        <ChipPicker
          options={chipOptions(REGISTER_CHANNELS, CHANNEL_LABELS)}
          value={draft.channel}
          onChange={(channel) => update({ channel })}
        />
        <Text className="section__title register__gap">{TEXT.kind}</Text>
        <ChipPicker
          options={chipOptions(TICKET_KINDS, TICKET_KIND_LABELS)}
          value={draft.kind}
          onChange={(kind) => update({ kind })}
        />
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.content}</Text>
        <Textarea
          className="textarea register__content"
          value={draft.content}
          placeholder={TEXT.contentPlaceholder}
          maxlength={TICKET_CONTENT_MAX}
          onInput={(e) => update({ content: e.detail.value })}
        />
        <Text className="hint register__count">
          {contentLength(draft.content)}/{TICKET_CONTENT_MAX}
        </Text>
      </View>

      <View className="section">
        <View className="register__switch-row">
          <Text className="section__title register__switch-title">{TEXT.anonymous}</Text>
          <Switch
            checked={draft.anonymous}
            color={THEME.primary}
            onChange={(e) => update({ anonymous: e.detail.value })}
          />
        </View>
        <Text className="hint">{TEXT.anonymousHint}</Text>
        {!draft.anonymous && (
          <View>
            <Text className="section__title register__gap">{TEXT.caller}</Text>
            <Input
              className="input"
              value={draft.contactName}
              placeholder={TEXT.callerName}
              maxlength={50}
              onInput={(e) => update({ contactName: e.detail.value })}
            />
            <Input
              className="input"
              type="number"
              value={draft.contactPhone}
              placeholder={TEXT.callerPhone}
              maxlength={20}
              onInput={(e) => update({ contactPhone: e.detail.value })}
            />
          </View>
        )}
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.location}</Text>
        <ChipPicker
          options={[
            { value: 'household' as const, label: TEXT.household },
            { value: 'public' as const, label: TEXT.publicArea },
          ]}
          value={draft.locationMode}
          onChange={(locationMode) => update({ locationMode })}
        />
        {draft.locationMode === 'household' && (households === null || treeError) && (
          <LoadState
            inline
            loadingText={TEXT.loadingHouseholds}
            error={treeError}
            what={TEXT.householdsPart}
            onRetry={() => loadTree(user?.projectId)}
          />
        )}
        {draft.locationMode === 'household' && households !== null && (
          <Picker
            key={labels.join('|')}
            mode="selector"
            range={labels}
            value={Math.max(index, 0)}
            onChange={(e) => update({ householdId: list[Number(e.detail.value)]?.id ?? null })}
          >
            <View className={`input ${index < 0 ? 'register__picker--empty' : ''}`}>
              {index >= 0 ? labels[index] : TEXT.pickHousehold} ▾
            </View>
          </Picker>
        )}
        {draft.locationMode === 'public' && (
          <Input
            className="input"
            value={draft.place}
            placeholder={TEXT.placePlaceholder}
            maxlength={100}
            onInput={(e) => update({ place: e.detail.value })}
          />
        )}
      </View>

      {error && <Text className="error-text register__error">{error}</Text>}
      <View className="register__submit">
        <Button className="primary-button" disabled={sending || undefined} onClick={submit}>
          {sending ? TEXT.sending : networkFailed ? TEXT.retry : TEXT.submit}
        </Button>
      </View>
    </View>
  );
}

import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { CHANNEL_LABELS } from '../../../shared';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { getUser, refreshMe, requireLogin } from '../../../services/session';
import { STORAGE_KEYS, readJson } from '../../../services/storage';
import type { OrgTree, StaffTicketDetail, User } from '../../../services/types';
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
import { useTicketDraft } from '../../../logic/useTicketDraft';
import { ChipPicker, chipOptions } from '../../../components/ChipPicker';
import { LoadState } from '../../../components/LoadState';
import {
  ContentField,
  KindPicker,
  LocationField,
  SubmitBar,
  SwitchField,
} from '../../../components/TicketForm';
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
  loadingHouseholds: '正在加载房屋…',
  householdsPart: '房屋列表',
  placePlaceholder: '请填写具体位置，如：3栋电梯厅',
  anonymous: '匿名登记',
  anonymousHint: '业主不愿留下姓名电话时打开；匿名工单无法回访。',
  submit: '登记',
  success: '登记成功',
} as const;

/**
 * 代客登记: staff register a phone call, visit, letter or e-mail on a resident's behalf. The form and its flow are
 * shared with the resident's 我要反馈 (components/TicketForm, logic/useTicketDraft); the channel, the caller and
 * the project's households are this page's own.
 */
export default function RegisterPage() {
  const [user, setUser] = useState<User | null>(() => getUser());
  const form = useTicketDraft<RegisterDraft, StaffTicketDetail>({
    storageKey: STORAGE_KEYS.registerDraft,
    initial: () => restoreRegisterDraft(readJson(STORAGE_KEYS.registerDraft)) ?? emptyRegisterDraft(),
    empty: emptyRegisterDraft,
    edit: editRegisterDraft,
    validate: validateRegister,
    body: buildRegisterBody,
    onSent: (ticket) => {
      Taro.showToast({ title: TEXT.success, icon: 'success' });
      Taro.redirectTo({ url: `/staff/pages/ticket/index?id=${encodeURIComponent(ticket.id)}` });
    },
  });
  const { draft, update, attempted } = form;
  const [households, setHouseholds] = useState<Array<{ id: string; label: string }> | null>(null);
  const [treeError, setTreeError] = useState<string | null>(null);

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
        <KindPicker value={draft.kind} attempted={attempted} onChange={(kind) => update({ kind })} />
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.content}</Text>
        <ContentField
          className="register__content"
          value={draft.content}
          placeholder={TEXT.contentPlaceholder}
          attempted={attempted}
          onChange={(content) => update({ content })}
        />
      </View>

      <View className="section">
        <SwitchField
          title={TEXT.anonymous}
          hint={TEXT.anonymousHint}
          checked={draft.anonymous}
          onChange={(anonymous) => update({ anonymous })}
        />
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
        <LocationField
          value={draft}
          households={households}
          householdText={TEXT.household}
          offerHousehold
          placePlaceholder={TEXT.placePlaceholder}
          onChange={update}
          householdsState={
            (households === null || treeError) && (
              <LoadState
                inline
                loadingText={TEXT.loadingHouseholds}
                error={treeError}
                what={TEXT.householdsPart}
                onRetry={() => loadTree(user?.projectId)}
              />
            )
          }
        />
      </View>

      <SubmitBar
        label={TEXT.submit}
        onSubmit={form.submit}
        sending={form.sending}
        networkFailed={form.networkFailed}
        error={form.error}
      />
    </View>
  );
}

import { useCallback, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Picker, Text, Textarea, View } from '@tarojs/components';
import { KEY_CUSTOMER_REASONS, KEY_CUSTOMER_REASON_LABELS } from '../../shared';
import { LoadState } from '../../../components/LoadState';
import { ChipPicker } from '../../../components/ChipPicker';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { requireLogin } from '../../../services/session';
import type { HouseholdProfile } from '../../../services/types';
import { beijingDateKey } from '../../../utils/time';
import '../../components/QueueCard.css';
import './index.css';

const TEXT = {
  missingId: '缺少房屋编号',
  tenure: '入住时长',
  moveIn: '入住日期',
  pickDate: '请选择入住日期',
  unknown: '未登记',
  residents: '住户',
  noResidents: '暂无绑定的住户',
  relation: { owner: '业主', tenant: '租户', family: '家属' } as Record<string, string>,
  status: { pending: '待审核', approved: '已绑定', rejected: '未通过' } as Record<string, string>,
  keyCustomer: '重点客户',
  keyCustomerHint: '可多选；重点客户的工单会优先处理',
  ordinary: '普通客户',
  specialNeeds: '特殊服务需求',
  specialNeedsPlaceholder: '如：家中有长期卧床老人，停水停电须提前电话告知',
  save: '保存档案',
  saving: '保存中…',
  saved: '已保存',
} as const;

/** 业户档案: key-customer reasons 重点客户, special needs and tenure of one household. */
export default function HouseholdPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [profile, setProfile] = useState<HouseholdProfile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [specialNeeds, setSpecialNeeds] = useState('');
  const [moveInDate, setMoveInDate] = useState('');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const apply = (p: HouseholdProfile) => {
    setProfile(p);
    setReasons(p.keyCustomerReasons.map((r) => r.code));
    setSpecialNeeds(p.specialNeeds ?? '');
    setMoveInDate(p.moveInDate ?? '');
  };

  const load = useCallback(async () => {
    if (!id) {
      setError(TEXT.missingId);
      return;
    }
    setError(null);
    try {
      apply(await api.get<HouseholdProfile>(`/api/households/${encodeURIComponent(id)}/profile`));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [id]);

  useDidShow(() => {
    if (requireLogin()) load();
  });

  if (!profile) return <LoadState error={error} onRetry={load} rows={2} />;

  const save = async () => {
    if (saving) return;
    setSaving(true);
    setSaveError(null);
    try {
      const body: Record<string, unknown> = {
        keyCustomerReasons: reasons,
        specialNeeds: specialNeeds.trim(),
      };
      if (moveInDate) body.moveInDate = moveInDate;
      apply(await api.put<HouseholdProfile>(`/api/households/${encodeURIComponent(id)}/profile`, body));
      Taro.showToast({ title: TEXT.saved, icon: 'success' });
    } catch (e) {
      setSaveError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="household">
      <View className="section">
        <Text className="household__label">{profile.household.label}</Text>
        <Text className={`tag ${profile.keyCustomer ? 'tag--warn' : 'tag--info'} household__badge`}>
          {profile.keyCustomer ? TEXT.keyCustomer : TEXT.ordinary}
        </Text>
        {profile.priorityReason && <Text className="household__priority">{profile.priorityReason}</Text>}
        <View className="household__row">
          <Text className="household__key">{TEXT.tenure}</Text>
          <Text>{profile.tenureLabel ?? TEXT.unknown}</Text>
        </View>
        <View className="household__row">
          <Text className="household__key">{TEXT.moveIn}</Text>
          <Picker
            mode="date"
            value={moveInDate || beijingDateKey()}
            end={beijingDateKey()}
            onChange={(e) => setMoveInDate(e.detail.value)}
          >
            <Text className="link">{moveInDate || TEXT.pickDate} ▾</Text>
          </Picker>
        </View>
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.residents}</Text>
        {profile.residents.length === 0 && <LoadState inline empty={TEXT.noResidents} />}
        {profile.residents.map((r, i) => (
          <View key={i} className="household__row">
            <Text className="household__key">{r.name}</Text>
            <Text>
              {TEXT.relation[r.relation] ?? r.relation} · {TEXT.status[r.status] ?? r.status}
            </Text>
          </View>
        ))}
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.keyCustomer}</Text>
        <Text className="hint">{TEXT.keyCustomerHint}</Text>
        <ChipPicker
          className="household__reasons"
          chip="household__reason"
          multiple
          options={KEY_CUSTOMER_REASONS.map((code) => ({
            value: code,
            label: `${reasons.includes(code) ? '☑' : '☐'} ${KEY_CUSTOMER_REASON_LABELS[code]}`,
          }))}
          value={reasons}
          onChange={setReasons}
        />
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.specialNeeds}</Text>
        <Textarea
          className="textarea"
          value={specialNeeds}
          placeholder={TEXT.specialNeedsPlaceholder}
          maxlength={500}
          onInput={(e) => setSpecialNeeds(e.detail.value)}
        />
      </View>

      {saveError && <Text className="error-text household__error">{saveError}</Text>}
      <View className="household__save">
        <Button className="primary-button" disabled={saving || undefined} onClick={save}>
          {saving ? TEXT.saving : TEXT.save}
        </Button>
      </View>
    </View>
  );
}

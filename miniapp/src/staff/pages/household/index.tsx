import { useCallback, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { KEY_CUSTOMER_REASONS, KEY_CUSTOMER_REASON_LABELS } from '../../shared';
import { LoadState } from '../../../components/LoadState';
import { ChipPicker } from '../../../components/ChipPicker';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { requireLogin } from '../../../services/session';
import type { EmergencyContact, HouseholdProfile } from '../../../services/types';
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
  contacts: '紧急联系人',
  contactsHint: '最多 3 位；业户报告紧急情况时，工单页可一键拨打',
  contactName: '姓名',
  contactPhone: '电话',
  contactRelation: '关系，如：儿子',
  addContact: '＋ 添加紧急联系人',
  removeContact: '删除',
} as const;

const MAX_CONTACTS = 3;

/** 业户档案: key-customer reasons 重点客户, special needs and tenure of one household. */
export default function HouseholdPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [profile, setProfile] = useState<HouseholdProfile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [specialNeeds, setSpecialNeeds] = useState('');
  const [moveInDate, setMoveInDate] = useState('');
  const [contacts, setContacts] = useState<EmergencyContact[]>([]);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const apply = (p: HouseholdProfile) => {
    setProfile(p);
    setReasons(p.keyCustomerReasons.map((r) => r.code));
    setSpecialNeeds(p.specialNeeds ?? '');
    setMoveInDate(p.moveInDate ?? '');
    setContacts(p.emergencyContacts ?? []);
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
        emergencyContacts: contacts
          .filter((c) => c.name.trim() || c.phone.trim())
          .map((c) => ({
            name: c.name.trim(),
            phone: c.phone.trim(),
            ...(c.relation?.trim() ? { relation: c.relation.trim() } : {}),
          })),
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

      <View className="section household__contacts">
        <Text className="section__title">{TEXT.contacts}</Text>
        <Text className="hint">{TEXT.contactsHint}</Text>
        {contacts.map((c, i) => {
          const edit = (patch: Partial<EmergencyContact>) =>
            setContacts((cs) => cs.map((x, j) => (j === i ? { ...x, ...patch } : x)));
          return (
            <View key={i} className="household__contact">
              <Input
                className="input household__contact-name"
                value={c.name}
                placeholder={TEXT.contactName}
                maxlength={20}
                onInput={(e) => edit({ name: e.detail.value })}
              />
              <Input
                className="input household__contact-phone"
                type="number"
                value={c.phone}
                placeholder={TEXT.contactPhone}
                maxlength={20}
                onInput={(e) => edit({ phone: e.detail.value })}
              />
              <Input
                className="input household__contact-relation"
                value={c.relation ?? ''}
                placeholder={TEXT.contactRelation}
                maxlength={10}
                onInput={(e) => edit({ relation: e.detail.value })}
              />
              <Text className="link" onClick={() => setContacts((cs) => cs.filter((_, j) => j !== i))}>
                {TEXT.removeContact}
              </Text>
            </View>
          );
        })}
        {contacts.length < MAX_CONTACTS && (
          <Text
            className="link household__add-contact"
            onClick={() => setContacts((cs) => [...cs, { name: '', phone: '', relation: '' }])}
          >
            {TEXT.addContact}
          </Text>
        )}
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

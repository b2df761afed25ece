import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { KEY_CUSTOMER_REASONS, KEY_CUSTOMER_REASON_LABELS } from '../../shared';
import { EmergencyContacts } from '../../components/EmergencyContacts';
import { ChipPicker } from '../../../components/ChipPicker';
import { LoadState } from '../../../components/LoadState';
import { api, resolveUrl } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { requireLogin } from '../../../services/session';
import type { LedgerItem } from '../../../services/types';
import { ledgerPath, type LedgerFilters } from '../../../logic/ledger';
import '../../components/QueueCard.css';
import './index.css';

const TEXT = {
  all: '全部',
  specialNeeds: '有特殊需求',
  placeholder: '房号或特殊需求关键词',
  total: (n: number) => `共 ${n} 户`,
  empty: '没有符合条件的住户',
  needs: '特殊需求：',
  contacts: '紧急联系人',
  noContacts: '未登记紧急联系人',
  residents: '住户：',
  profile: '业户档案 ›',
  export: '导出 Excel',
  exporting: '正在生成…',
  again: (name: string) => `如未自动下载，请点此下载：${name}`,
} as const;
const RELATIONS: Record<string, string> = { owner: '业主', tenant: '租户', family: '家属' };

/**
 * 重点客户 / 特殊需求台账 (staff sub-package, service centre): households by key-customer reason, special needs,
 * emergency contacts one tap from a call, and the whole ledger as Excel.
 */
export default function LedgerPage() {
  const [filters, setFilters] = useState<LedgerFilters>({ reason: '', specialNeeds: false, q: '' });
  const [words, setWords] = useState('');
  const [data, setData] = useState<{ total: number; items: LedgerItem[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [link, setLink] = useState<{ url: string; filename: string } | null>(null);
  const path = ledgerPath(filters);

  const load = useCallback(async () => {
    setError(null);
    try {
      setData(await api.get<{ total: number; items: LedgerItem[] }>(path));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [path]);
  const [shown, setShown] = useState(false);
  useDidShow(() => {
    if (requireLogin()) setShown(true);
  });
  useEffect(() => {
    if (shown) load();
  }, [shown, load]);
  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh());
  });

  const exportExcel = async () => {
    if (exporting) return;
    setExporting(true);
    try {
      const l = await api.post<{ url: string; filename: string }>('/api/reports/exports', {
        report: 'ledger',
      });
      const url = resolveUrl(l.url);
      if (process.env.TARO_ENV === 'h5') {
        setLink({ url, filename: l.filename });
        window.location.assign(url);
      } else {
        const res = await Taro.downloadFile({ url });
        if (res.statusCode !== 200) throw new Error('下载失败，请重试');
        await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
      }
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setExporting(false);
    }
  };

  return (
    <View className="ledger">
      <View className="section ledger__filters">
        <ChipPicker
          options={[
            { value: '', label: TEXT.all },
            ...KEY_CUSTOMER_REASONS.map((code) => ({
              value: code as string,
              label: KEY_CUSTOMER_REASON_LABELS[code],
            })),
          ]}
          value={filters.reason}
          onChange={(reason) => setFilters((f) => ({ ...f, reason }))}
        />
        <ChipPicker
          multiple
          options={[{ value: 'needs', label: TEXT.specialNeeds }]}
          value={filters.specialNeeds ? ['needs'] : []}
          onChange={(v) => setFilters((f) => ({ ...f, specialNeeds: v.includes('needs') }))}
        />
        <Input
          className="input"
          value={words}
          placeholder={TEXT.placeholder}
          confirmType="search"
          maxlength={50}
          onInput={(e) => setWords(e.detail.value)}
          onConfirm={() => setFilters((f) => ({ ...f, q: words }))}
          onBlur={() => setFilters((f) => ({ ...f, q: words }))}
        />
        <View className="ledger__bar">
          <Text className="hint">{data ? TEXT.total(data.total) : ''}</Text>
          <Text className="ledger__export" onClick={exportExcel}>
            {exporting ? TEXT.exporting : TEXT.export}
          </Text>
        </View>
        {link && process.env.TARO_ENV === 'h5' && (
          <Text className="link" onClick={() => window.location.assign(link.url)}>
            {TEXT.again(link.filename)}
          </Text>
        )}
      </View>

      {(!data || data.items.length === 0) && (
        <LoadState error={error} onRetry={load} empty={data ? TEXT.empty : undefined} />
      )}
      {(data?.items ?? []).map((h) => (
        <View key={h.household.id} className="section ledger__item">
          <View className="ledger__head">
            <Text className="ledger__label">{h.household.label}</Text>
            <Text
              className="link"
              onClick={() =>
                Taro.navigateTo({
                  url: `/staff/pages/household/index?id=${encodeURIComponent(h.household.id)}`,
                })
              }
            >
              {TEXT.profile}
            </Text>
          </View>
          {h.keyCustomerReasons.length > 0 && (
            <View className="ledger__tags">
              {h.keyCustomerReasons.map((r) => (
                <Text key={r.code} className="tag tag--warn">
                  {r.label}
                </Text>
              ))}
            </View>
          )}
          {h.specialNeeds && (
            <Text className="ledger__needs">
              {TEXT.needs}
              {h.specialNeeds}
            </Text>
          )}
          {h.residents.length > 0 && (
            <Text className="hint">
              {TEXT.residents}
              {h.residents.map((p) => `${p.name}（${RELATIONS[p.relation] ?? p.relation}）`).join('、')}
            </Text>
          )}
          {h.emergencyContacts.length > 0 ? (
            <EmergencyContacts contacts={h.emergencyContacts} title={TEXT.contacts} />
          ) : (
            <Text className="hint">{TEXT.noContacts}</Text>
          )}
        </View>
      ))}
    </View>
  );
}

import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Picker, Text, Textarea, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { getUser, refreshMe, requireLogin } from '../../../services/session';
import type { HouseholdCode, OrgTree, PendingBinding, User } from '../../../services/types';
import { applicantLine, decisionError, reviewsBindings } from '../../../logic/bindingReview';
import { flattenHouseholds } from '../../../logic/registerDraft';
import { formatBeijingTime } from '../../../utils/time';
import './index.css';

const TEXT = {
  notCentre: '住户绑定由客服中心（前台、客服主管、项目经理）办理',
  pending: '待审核的绑定申请',
  empty: '暂无待审核的申请',
  appliedAt: (t: string) => `申请于 ${t}`,
  approve: '通过',
  reject: '驳回',
  approveTitle: '通过申请',
  rejectTitle: '驳回申请',
  notePlaceholder: { approve: '备注（选填），如：已核对房产证', reject: '驳回原因（必填），住户会看到' },
  confirm: '确定',
  cancel: '取消',
  approved: '已通过，已通知住户',
  rejected: '已驳回，已通知住户',
  codeTitle: '发放登记码',
  codeIntro:
    '住户到前台核实身份后，把登记码告诉住户，住户在“绑定房屋”中输入即可直接绑定，7 天内有效，只能用一次。',
  pickHousehold: '请选择房屋',
  issue: '生成登记码',
  issuing: '生成中…',
  codeFor: (label: string) => `${label} 的登记码`,
  validUntil: (t: string) => `有效期至 ${t}，只能使用一次`,
  copy: '复制',
  copied: '已复制',
  treeFailed: '房屋列表',
} as const;

type Decision = { id: string; approve: boolean };

/** 住户绑定 (staff sub-package): approve or refuse applications with a reason, and issue a flat's one-time 登记码. */
export default function BindingsPage() {
  const [user, setUser] = useState<User | null>(() => getUser());
  const [items, setItems] = useState<PendingBinding[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [note, setNote] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [shownPhone, setShownPhone] = useState<string | null>(null);
  const [households, setHouseholds] = useState<Array<{ id: string; label: string }> | null>(null);
  const [treeError, setTreeError] = useState<string | null>(null);
  const [picked, setPicked] = useState(-1);
  const [code, setCode] = useState<HouseholdCode | null>(null);
  const [issuing, setIssuing] = useState(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      setItems(await api.get<PendingBinding[]>('/api/bindings/pending'));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
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
        if (!reviewsBindings(me.role)) return;
        load();
        if (!households) loadTree(me.projectId);
      })
      .catch((e) => setError(errorMessage(e)));
  });
  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh());
  });

  if (user && !reviewsBindings(user.role)) return <LoadState empty={TEXT.notCentre} />;

  const open = (d: Decision) => {
    setDeciding(d);
    setNote('');
    setFormError(null);
  };
  const decide = async () => {
    if (!deciding || busy) return;
    const problem = decisionError(deciding.approve, note);
    if (problem) return setFormError(problem);
    setBusy(true);
    try {
      await api.post(
        `/api/bindings/${encodeURIComponent(deciding.id)}/${deciding.approve ? 'approve' : 'reject'}`,
        {
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      );
      Taro.showToast({ title: deciding.approve ? TEXT.approved : TEXT.rejected, icon: 'none' });
      setItems((list) => (list ?? []).filter((b) => b.id !== deciding.id));
      setDeciding(null);
    } catch (e) {
      setFormError(errorMessage(e));
      load();
    } finally {
      setBusy(false);
    }
  };
  const issue = async () => {
    const h = households?.[picked];
    if (!h) return Taro.showToast({ title: TEXT.pickHousehold, icon: 'none' });
    if (issuing) return;
    setIssuing(true);
    try {
      setCode(await api.post<HouseholdCode>(`/api/households/${encodeURIComponent(h.id)}/codes`));
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setIssuing(false);
    }
  };
  const labels = (households ?? []).map((h) => h.label);

  return (
    <View className="bindings">
      <View className="section">
        <Text className="section__title">
          {TEXT.pending}
          {items && items.length > 0 ? `（${items.length}）` : ''}
        </Text>
        {(!items || items.length === 0) && (
          <LoadState inline error={error} onRetry={load} empty={items ? TEXT.empty : undefined} />
        )}
        {(items ?? []).map((b) => (
          <View key={b.id} className="bindings__item" data-testid="binding">
            <Text className="bindings__household">{b.household.label}</Text>
            <Text className="bindings__who" onClick={() => setShownPhone(shownPhone === b.id ? null : b.id)}>
              {applicantLine(b, shownPhone === b.id)}
            </Text>
            <Text className="hint">{TEXT.appliedAt(formatBeijingTime(b.createdAt))}</Text>
            {deciding?.id === b.id ? (
              <View className="bindings__decision">
                <Text className="bindings__decision-title">
                  {deciding.approve ? TEXT.approveTitle : TEXT.rejectTitle}
                </Text>
                <Textarea
                  className="textarea bindings__note"
                  value={note}
                  maxlength={200}
                  placeholder={deciding.approve ? TEXT.notePlaceholder.approve : TEXT.notePlaceholder.reject}
                  onInput={(e) => setNote(e.detail.value)}
                />
                {formError && <Text className="error-text">{formError}</Text>}
                <View className="dialog-buttons">
                  <View className="dialog-buttons__button" onClick={() => setDeciding(null)}>
                    {TEXT.cancel}
                  </View>
                  <View
                    className={`dialog-buttons__button dialog-buttons__button--primary bindings__confirm ${deciding.approve ? '' : 'dialog-buttons__button--danger'}`}
                    data-testid="binding-confirm"
                    onClick={decide}
                  >
                    {TEXT.confirm}
                  </View>
                </View>
              </View>
            ) : (
              <View className="dialog-buttons">
                <View
                  className="dialog-buttons__button dialog-buttons__button--danger-plain"
                  onClick={() => open({ id: b.id, approve: false })}
                >
                  {TEXT.reject}
                </View>
                <View
                  className="dialog-buttons__button dialog-buttons__button--primary"
                  onClick={() => open({ id: b.id, approve: true })}
                >
                  {TEXT.approve}
                </View>
              </View>
            )}
          </View>
        ))}
      </View>

      <View className="section bindings__issue-section" data-testid="issue-code">
        <Text className="section__title">{TEXT.codeTitle}</Text>
        <Text className="hint">{TEXT.codeIntro}</Text>
        {(households === null || treeError) && (
          <LoadState
            inline
            error={treeError}
            what={TEXT.treeFailed}
            onRetry={() => loadTree(user?.projectId)}
          />
        )}
        {households && (
          // Keyed by its range: on H5, patching a Picker whose range changes fails (README, pitfalls).
          <Picker
            key={labels.join('|')}
            mode="selector"
            range={labels}
            value={Math.max(picked, 0)}
            onChange={(e) => {
              setPicked(Number(e.detail.value));
              setCode(null);
            }}
          >
            <View className={`input bindings__picker ${picked < 0 ? 'bindings__picker--empty' : ''}`}>
              {picked >= 0 ? labels[picked] : TEXT.pickHousehold} ▾
            </View>
          </Picker>
        )}
        <Button className="primary-button bindings__issue" disabled={issuing || undefined} onClick={issue}>
          {issuing ? TEXT.issuing : TEXT.issue}
        </Button>
        {code && (
          <View className="bindings__code" data-testid="household-code">
            <Text className="hint">{TEXT.codeFor(code.household.label)}</Text>
            <Text className="bindings__code-text" userSelect>
              {code.code}
            </Text>
            <Text className="hint">{TEXT.validUntil(formatBeijingTime(code.expiresAt))}</Text>
            <Text
              className="link"
              onClick={() =>
                Taro.setClipboardData({ data: code.code }).then(
                  () => Taro.showToast({ title: TEXT.copied, icon: 'none' }),
                  () => undefined,
                )
              }
            >
              {TEXT.copy}
            </Text>
          </View>
        )}
      </View>
    </View>
  );
}

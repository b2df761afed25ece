import { useCallback, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { LoadState } from '../../components/LoadState';
import { ChipPicker, chipOptions } from '../../components/ChipPicker';
import { api } from '../../services/api';
import { errorMessage } from '../../services/errors';
import { getUser, refreshMe, requireLogin } from '../../services/session';
import type { Binding, OrgTree, ProjectRef, User } from '../../services/types';
import {
  BINDING_STATUS_LABELS,
  RELATIONS,
  RELATION_LABELS,
  normalizeCode,
  validateApplication,
  type BindingApplication,
} from '../../logic/binding';
import './index.css';

const TEXT = {
  mine: '我的绑定',
  noBindings: '还没有绑定记录',
  codeTitle: '使用登记码绑定',
  codeHint: '向物业前台索取一次性登记码，输入后立即绑定。',
  codePlaceholder: '请输入登记码',
  codeSubmit: '立即绑定',
  codeEmpty: '请输入登记码',
  applyTitle: '申请绑定',
  applyHint: '选择您的房屋并提交申请，物业核实后即可绑定。',
  building: '楼栋',
  unit: '单元',
  household: '房号',
  choose: '请选择',
  relation: '您是',
  name: '姓名',
  namePlaceholder: '请填写真实姓名',
  phone: '手机号',
  phonePlaceholder: '用于物业核实身份',
  applySubmit: '提交申请',
  sending: '提交中…',
  bound: '绑定成功',
  applied: '已提交，等待物业审核',
  noProject: '暂时无法在线选择房屋，请使用登记码绑定。',
  project: '小区',
  goFile: '去反馈问题',
} as const;

const emptyApplication = (user: User | null): BindingApplication => ({
  householdId: null,
  relation: null,
  name: user?.name ?? '',
  phone: '',
});

export default function BindPage() {
  const [user, setUser] = useState<User | null>(() => getUser());
  const [bindings, setBindings] = useState<Binding[] | null>(null);
  const [bindingsError, setBindingsError] = useState<string | null>(null);
  /** The compound 小区 whose buildings are listed: the user's own, or one they pick. */
  const [projectId, setProjectId] = useState<string | null>(null);
  const [projects, setProjects] = useState<ProjectRef[] | null>(null);
  const [tree, setTree] = useState<OrgTree | null>(null);
  const [treeError, setTreeError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [app, setApp] = useState<BindingApplication>(() => emptyApplication(getUser()));
  const [appError, setAppError] = useState<string | null>(null);
  const [pick, setPick] = useState({ building: -1, unit: -1, household: -1 });
  const [sending, setSending] = useState<'code' | 'apply' | null>(null);

  const loadBindings = useCallback(() => {
    setBindingsError(null);
    api
      .get<Binding[]>('/api/bindings/mine')
      .then(setBindings)
      .catch((e) => setBindingsError(errorMessage(e)));
  }, []);

  const loadTree = useCallback((id: string) => {
    setTreeError(null);
    setTree(null);
    setProjectId(id);
    setPick({ building: -1, unit: -1, household: -1 });
    setApp((a) => ({ ...a, householdId: null }));
    api
      .get<OrgTree>(`/api/org/projects/${encodeURIComponent(id)}/tree`)
      .then(setTree)
      .catch((e) => setTreeError(errorMessage(e)));
  }, []);

  /** A resident not yet in any compound first picks one (GET /api/org/projects); one is picked for them. */
  const loadProjects = useCallback(() => {
    setTreeError(null);
    api
      .get<ProjectRef[]>('/api/org/projects')
      .then((list) => {
        setProjects(list);
        if (list.length === 1) loadTree(list[0].id);
      })
      .catch((e) => setTreeError(errorMessage(e)));
  }, [loadTree]);

  const startPicking = (me: User | null) => {
    if (tree || projects) return;
    if (me?.projectId) loadTree(me.projectId);
    else loadProjects();
  };

  useDidShow(() => {
    if (!requireLogin()) return;
    loadBindings();
    refreshMe()
      .then((me) => {
        setUser(me);
        startPicking(me);
      })
      .catch(() => startPicking(user));
  });

  const afterBound = (message: string) => {
    // WeChat cuts a toast with an icon to 7 characters; longer messages go without one.
    Taro.showToast({ title: message, icon: message.length <= 7 ? 'success' : 'none' });
    loadBindings();
    refreshMe().then(setUser, () => undefined);
  };

  const submitCode = async () => {
    const c = normalizeCode(code);
    if (!c) return setCodeError(TEXT.codeEmpty);
    setSending('code');
    setCodeError(null);
    try {
      const b = await api.post<Binding>('/api/bindings', { code: c });
      setCode('');
      afterBound(b.status === 'approved' ? TEXT.bound : TEXT.applied);
    } catch (e) {
      setCodeError(errorMessage(e));
    } finally {
      setSending(null);
    }
  };

  const submitApplication = async () => {
    const problem = validateApplication(app);
    if (problem) return setAppError(problem);
    setSending('apply');
    setAppError(null);
    try {
      const b = await api.post<Binding>('/api/bindings', {
        householdId: app.householdId,
        relation: app.relation,
        name: app.name.trim(),
        phone: app.phone.trim(),
      });
      setApp(emptyApplication(user));
      setPick({ building: -1, unit: -1, household: -1 });
      afterBound(b.status === 'approved' ? TEXT.bound : TEXT.applied);
    } catch (e) {
      setAppError(errorMessage(e));
    } finally {
      setSending(null);
    }
  };

  const buildings = tree?.buildings ?? [];
  const units = pick.building >= 0 ? (buildings[pick.building]?.units ?? []) : [];
  const households = pick.unit >= 0 ? (units[pick.unit]?.households ?? []) : [];

  const picker = (label: string, range: string[], index: number, onPick: (i: number) => void) => (
    <View className="bind-page__field">
      <Text className="bind-page__label">{label}</Text>
      <View className="bind-page__grow">
        {/* A new range makes a new Picker: patching the H5 picker's columns in place fails in Stencil. */}
        <Picker
          key={range.join('|')}
          mode="selector"
          range={range}
          value={Math.max(index, 0)}
          disabled={range.length === 0 || undefined}
          onChange={(e) => onPick(Number(e.detail.value))}
        >
          <View className={`input ${index < 0 ? 'bind-page__picker--empty' : ''}`}>
            {`${index >= 0 ? range[index] : TEXT.choose} ▾`}
          </View>
        </Picker>
      </View>
    </View>
  );

  return (
    <View className="bind-page">
      <View className="section">
        <Text className="section__title">{TEXT.mine}</Text>
        {(bindings === null || bindingsError) && (
          <LoadState error={bindingsError} onRetry={loadBindings} rows={1} />
        )}
        {bindings && bindings.length === 0 && <LoadState inline empty={TEXT.noBindings} />}
        {bindings?.map((b) => (
          <View key={b.id} className="bind-page__binding">
            <Text>{b.household.label}</Text>
            <Text className={`bind-page__status bind-page__status--${b.status}`}>
              {BINDING_STATUS_LABELS[b.status]}
            </Text>
          </View>
        ))}
        {user?.households?.length ? (
          <Text className="link bind-page__go" onClick={() => Taro.switchTab({ url: '/pages/file/index' })}>
            {TEXT.goFile} ›
          </Text>
        ) : null}
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.codeTitle}</Text>
        <Text className="hint">{TEXT.codeHint}</Text>
        <Input
          className="input"
          value={code}
          placeholder={TEXT.codePlaceholder}
          maxlength={32}
          onInput={(e) => setCode(e.detail.value)}
        />
        {codeError && <Text className="error-text">{codeError}</Text>}
        <Button className="primary-button" disabled={sending !== null || undefined} onClick={submitCode}>
          {sending === 'code' ? TEXT.sending : TEXT.codeSubmit}
        </Button>
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.applyTitle}</Text>
        <Text className="hint">{TEXT.applyHint}</Text>
        {projects && projects.length === 0 && <Text className="hint">{TEXT.noProject}</Text>}
        {projects &&
          projects.length > 1 &&
          picker(
            TEXT.project,
            projects.map((p) => p.name),
            projects.findIndex((p) => p.id === projectId),
            (i) => loadTree(projects[i].id),
          )}
        {((projectId && !tree) || treeError) && (
          <LoadState
            error={treeError}
            onRetry={() => (projectId ? loadTree(projectId) : loadProjects())}
            rows={1}
          />
        )}
        {tree && (
          <View>
            {picker(
              TEXT.building,
              buildings.map((b) => b.name),
              pick.building,
              (i) => {
                setPick({ building: i, unit: -1, household: -1 });
                setApp((a) => ({ ...a, householdId: null }));
              },
            )}
            {picker(
              TEXT.unit,
              units.map((u) => u.name),
              pick.unit,
              (i) => {
                setPick((p) => ({ ...p, unit: i, household: -1 }));
                setApp((a) => ({ ...a, householdId: null }));
              },
            )}
            {picker(
              TEXT.household,
              households.map((h) => h.room || h.label),
              pick.household,
              (i) => {
                setPick((p) => ({ ...p, household: i }));
                setApp((a) => ({ ...a, householdId: households[i]?.id ?? null }));
              },
            )}
            <View className="bind-page__field">
              <Text className="bind-page__label">{TEXT.relation}</Text>
              <ChipPicker
                className="bind-page__relations"
                chip="bind-page__chip"
                options={chipOptions(RELATIONS, RELATION_LABELS)}
                value={app.relation}
                onChange={(relation) => setApp((a) => ({ ...a, relation }))}
              />
            </View>
            <View className="bind-page__field">
              <Text className="bind-page__label">{TEXT.name}</Text>
              <Input
                className="input bind-page__input"
                value={app.name}
                placeholder={TEXT.namePlaceholder}
                maxlength={20}
                onInput={(e) => setApp((a) => ({ ...a, name: e.detail.value }))}
              />
            </View>
            <View className="bind-page__field">
              <Text className="bind-page__label">{TEXT.phone}</Text>
              <Input
                className="input bind-page__input"
                type="number"
                value={app.phone}
                placeholder={TEXT.phonePlaceholder}
                maxlength={11}
                onInput={(e) => setApp((a) => ({ ...a, phone: e.detail.value }))}
              />
            </View>
            {appError && <Text className="error-text">{appError}</Text>}
            <Button
              className="primary-button"
              disabled={sending !== null || undefined}
              onClick={submitApplication}
            >
              {sending === 'apply' ? TEXT.sending : TEXT.applySubmit}
            </Button>
          </View>
        )}
      </View>
    </View>
  );
}

import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { getUser } from '../../../services/session';
import { canSetDutyPhone, dutyPhoneProblem } from '../../../logic/phraseList';
import '../../components/report.css';

const TEXT = {
  title: '24小时值班电话',
  hint: '业主描述的情况像紧急情况（电梯困人、燃气泄漏……）时，反馈页会显示这个号码，可一键拨打。',
  current: (p: string | null) => (p ? `当前号码：${p}` : '当前未设置值班电话'),
  placeholder: '例如 021-58880110',
  save: '保存',
  saved: '值班电话已保存',
  cleared: '值班电话已清除',
  pmOnly: '值班电话由本项目的项目经理设置',
  noProject: '值班电话按项目设置，请由该项目的项目经理在此设置',
} as const;

interface DutyPhone {
  projectId: string;
  dutyPhone: string | null;
}

/** 24小时值班电话 (manager sub-package): the project manager sets the number the emergency path offers. */
export default function DutyPhonePage() {
  const user = getUser();
  const [data, setData] = useState<DutyPhone | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  // Group HQ belongs to no project: GET /api/duty-phone reads the caller's own project.
  const hasProject = !!user?.projectId;
  const load = () => {
    if (!hasProject) return;
    setError(null);
    api
      .get<DutyPhone>('/api/duty-phone')
      .then((d) => {
        setData(d);
        setValue(d.dutyPhone ?? '');
      })
      .catch((e) => setError(errorMessage(e)));
  };
  useEffect(load, []);

  const problem = dutyPhoneProblem(value);
  const save = async () => {
    if (!data || busy || problem) return; // a disabled button can still be tapped on some clients
    setBusy(true);
    setMessage(null);
    try {
      const saved = await api.put<DutyPhone>(`/api/projects/${data.projectId}/duty-phone`, {
        dutyPhone: value.trim() || null,
      });
      setData(saved);
      setValue(saved.dutyPhone ?? '');
      const done = saved.dutyPhone ? TEXT.saved : TEXT.cleared;
      Taro.showToast({ title: done, icon: 'success' });
      setMessage(done);
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (!hasProject) return <LoadState empty={TEXT.noProject} />;
  if (!data) return <LoadState error={error} onRetry={load} />;
  return (
    <View className="report-page duty-phone-page">
      <View className="section">
        <Text className="section__title">{TEXT.title}</Text>
        <Text className="hint">{TEXT.hint}</Text>
        <Text className="report-item__line duty-phone-page__current">{TEXT.current(data.dutyPhone)}</Text>
        {canSetDutyPhone(user?.role) ? (
          <>
            <Input
              className="input duty-phone-page__input"
              type="text"
              maxlength={20}
              placeholder={TEXT.placeholder}
              value={value}
              onInput={(e) => setValue(e.detail.value)}
            />
            {problem && <Text className="hint duty-phone-page__problem">{problem}</Text>}
            <Button
              className="primary-button duty-phone-page__save"
              disabled={busy || !!problem || undefined}
              onClick={save}
            >
              {TEXT.save}
            </Button>
            {message && <Text className="hint duty-phone-page__message">{message}</Text>}
          </>
        ) : (
          <Text className="hint">{TEXT.pmOnly}</Text>
        )}
      </View>
    </View>
  );
}

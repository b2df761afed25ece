import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { LoadState } from '../../components/LoadState';
import { api } from '../../services/api';
import { errorMessage } from '../../services/errors';
import { getUser, logout, refreshMe, requireLogin } from '../../services/session';
import type { User } from '../../services/types';
import type { PendingSurvey, SurveyAccess } from '../../services/surveyTypes';
import { answerUrl, responseStatusText, sortPending } from '../../logic/surveyEntry';
import './index.css';

const TEXT = {
  households: '我的房屋',
  noHouseholds: '还没有绑定房屋',
  bind: '绑定房屋',
  bindings: '绑定记录与申请进度',
  staffDesk: '员工工作台',
  logout: '退出登录',
  logoutConfirm: '确定退出登录吗？',
  project: '所属小区',
  notices: '消息通知',
  surveys: '满意度调查',
  surveysLoading: '正在查看是否有待填写的问卷…',
  surveysPart: '问卷',
  surveyAdmin: '满意度调查',
} as const;

export default function MePage() {
  const [user, setUser] = useState<User | null>(() => getUser());
  const [error, setError] = useState<string | null>(null);
  const [unread, setUnread] = useState(0);
  // Surveys of the resident's sampled households (null while loading); staff: may they open surveys?
  const [surveys, setSurveys] = useState<PendingSurvey[] | null>(null);
  const [surveysError, setSurveysError] = useState<string | null>(null);
  const [surveyAccess, setSurveyAccess] = useState<SurveyAccess>(null);

  const loadSurveys = (me: User) => {
    setSurveysError(null);
    if (me.kind === 'resident') {
      if (!(me.households ?? []).length) return setSurveys([]);
      api
        .get<PendingSurvey[]>('/api/surveys/mine')
        .then((list) => setSurveys(sortPending(list)))
        .catch((e) => setSurveysError(errorMessage(e)));
    } else {
      api
        .get<{ access: SurveyAccess }>('/api/surveys/access')
        .then((r) => setSurveyAccess(r.access))
        .catch(() => setSurveyAccess(null));
    }
  };

  const load = () => {
    setError(null);
    refreshMe()
      .then((me) => {
        setUser(me);
        loadSurveys(me);
      })
      .catch((e) => setError(errorMessage(e)));
  };

  useDidShow(() => {
    if (!requireLogin()) return;
    load();
    api
      .get<{ unread: number }>('/api/notifications/unread-count')
      .then((r) => setUnread(r.unread))
      .catch(() => undefined);
  });

  const confirmLogout = async () => {
    const { confirm } = await Taro.showModal({ title: TEXT.logout, content: TEXT.logoutConfirm });
    if (confirm) logout();
  };

  if (!user) {
    return <LoadState error={error} onRetry={load} rows={0} />;
  }

  const households = user.households ?? [];
  return (
    <View className="me-page">
      <View className="me-page__card">
        <Text className="me-page__name">{user.name}</Text>
        <Text className="me-page__role">
          {user.roleLabel}
          {user.departmentName ? ` · ${user.departmentName}` : ''}
        </Text>
        {user.projectName && (
          <Text className="me-page__project">
            {TEXT.project}：{user.projectName}
          </Text>
        )}
      </View>
      {error && <Text className="error-text me-page__error">{error}</Text>}

      <View
        className="section me-page__entry"
        onClick={() => Taro.navigateTo({ url: '/pages/notifications/index' })}
        data-testid="notices-entry"
      >
        <Text>{TEXT.notices}</Text>
        <View className="me-page__entry-end">
          {unread > 0 && <Text className="badge">{unread > 99 ? '99+' : unread}</Text>}
          <Text className="me-page__arrow">›</Text>
        </View>
      </View>

      {user.kind === 'staff' && (
        <View
          className="section me-page__entry"
          onClick={() => Taro.navigateTo({ url: '/staff/pages/index/index' })}
        >
          <Text>{TEXT.staffDesk}</Text>
          <Text className="me-page__arrow">›</Text>
        </View>
      )}

      {user.kind === 'staff' && surveyAccess && (
        <View
          className="section me-page__entry"
          onClick={() => Taro.navigateTo({ url: '/survey-admin/pages/index/index' })}
        >
          <Text>{TEXT.surveyAdmin}</Text>
          <Text className="me-page__arrow">›</Text>
        </View>
      )}

      {user.kind === 'resident' && (surveysError || surveys === null || surveys.length > 0) && (
        <View className="section me-page__surveys">
          <Text className="section__title">{TEXT.surveys}</Text>
          {(surveys === null || surveysError) && (
            <LoadState
              inline
              loadingText={TEXT.surveysLoading}
              error={surveysError}
              what={TEXT.surveysPart}
              onRetry={() => loadSurveys(user)}
            />
          )}
          {(surveys ?? []).map((s) => (
            <View
              key={`${s.campaignId}.${s.householdId}`}
              className="me-page__entry me-page__survey"
              onClick={() => Taro.navigateTo({ url: answerUrl(s) })}
            >
              <View className="me-page__survey-text">
                <Text className="me-page__survey-title">{s.title}</Text>
                <Text className="hint">
                  {s.householdLabel} · {responseStatusText(s)}
                </Text>
              </View>
              <Text className="me-page__arrow">›</Text>
            </View>
          ))}
        </View>
      )}

      {user.kind === 'resident' && (
        <View className="section">
          <Text className="section__title">{TEXT.households}</Text>
          {households.length === 0 && <LoadState inline empty={TEXT.noHouseholds} />}
          {households.map((h) => (
            <Text key={h.id} className="me-page__household">
              {h.label}
            </Text>
          ))}
          <View
            className="me-page__entry me-page__entry--inline"
            onClick={() => Taro.navigateTo({ url: '/pages/bind/index' })}
          >
            <Text className="link">{households.length ? TEXT.bindings : TEXT.bind}</Text>
            <Text className="me-page__arrow">›</Text>
          </View>
        </View>
      )}

      <View className="me-page__logout">
        <Button onClick={confirmLogout}>{TEXT.logout}</Button>
      </View>
    </View>
  );
}

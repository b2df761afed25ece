import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { ErrorState } from '../../components/StateView';
import { api } from '../../services/api';
import { errorMessage } from '../../services/errors';
import { getUser, logout, refreshMe, requireLogin } from '../../services/session';
import type { User } from '../../services/types';
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
} as const;

export default function MePage() {
  const [user, setUser] = useState<User | null>(() => getUser());
  const [error, setError] = useState<string | null>(null);
  const [unread, setUnread] = useState(0);

  const load = () => {
    setError(null);
    refreshMe()
      .then(setUser)
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
    return error ? <ErrorState message={error} onRetry={load} /> : <View className="me-page" />;
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

      {user.kind === 'resident' && (
        <View className="section">
          <Text className="section__title">{TEXT.households}</Text>
          {households.length === 0 && <Text className="hint">{TEXT.noHouseholds}</Text>}
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

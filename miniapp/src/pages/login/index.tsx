import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { LoadState } from '../../components/LoadState';
import { errorMessage } from '../../services/errors';
import { devLogin, fetchDevAccounts, wechatLogin } from '../../services/session';
import type { DevAccount, User } from '../../services/types';
import './index.css';

const TEXT = {
  title: '物业通',
  subtitle: '小区住户反馈与物业服务',
  devTitle: '选择演示账号登录',
  devHint: '开发/演示环境：点击任一账号直接登录',
  residents: '住户',
  staff: '员工',
  wechat: '微信一键登录',
  loggingIn: '登录中…',
  h5NoDevLogin: '网页版仅用于演示，当前服务器未开启演示登录。请在微信中打开小程序。',
  noAccounts: '暂无演示账号',
} as const;

/** After login: staff land on their workbench, residents on 我要反馈. */
function goHome(user: User) {
  if (user.kind === 'staff') Taro.reLaunch({ url: '/staff/pages/index/index' });
  else Taro.switchTab({ url: '/pages/file/index' });
}

export default function LoginPage() {
  const [accounts, setAccounts] = useState<DevAccount[] | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const isWeapp = process.env.TARO_ENV === 'weapp';

  const load = () => {
    setLoadError(null);
    setAccounts(undefined);
    fetchDevAccounts()
      .then(setAccounts)
      .catch((e) => setLoadError(errorMessage(e)));
  };
  useEffect(load, []);

  const loginAs = async (account: DevAccount) => {
    if (busyId) return;
    setBusyId(account.id);
    setError(null);
    try {
      goHome(await devLogin(account.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusyId(null);
    }
  };

  const loginWithWechat = async () => {
    if (busyId) return;
    setBusyId('wechat');
    setError(null);
    try {
      goHome(await wechatLogin());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusyId(null);
    }
  };

  const group = (title: string, list: DevAccount[]) =>
    list.length > 0 && (
      <View className="section">
        <Text className="section__title">{title}</Text>
        {list.map((a) => (
          <View key={a.id} className="account" onClick={() => loginAs(a)} data-testid="dev-account">
            <View className="account__main">
              <Text className="account__name">{a.name}</Text>
              <Text className="account__role">{a.roleLabel}</Text>
            </View>
            <Text className="account__detail">
              {busyId === a.id
                ? TEXT.loggingIn
                : ((a.kind === 'staff' ? a.departmentName : a.householdLabel) ?? '')}
            </Text>
          </View>
        ))}
      </View>
    );

  return (
    <View className="login-page">
      <View className="login-page__brand">
        <Text className="login-page__title">{TEXT.title}</Text>
        <Text className="login-page__subtitle">{TEXT.subtitle}</Text>
      </View>

      {error && <Text className="error-text login-page__error">{error}</Text>}

      {(accounts === undefined || loadError) && <LoadState error={loadError} onRetry={load} rows={2} />}

      {accounts && (
        <View>
          <Text className="hint login-page__hint">{TEXT.devHint}</Text>
          {accounts.length === 0 && <Text className="hint login-page__hint">{TEXT.noAccounts}</Text>}
          {group(
            TEXT.residents,
            accounts.filter((a) => a.kind === 'resident'),
          )}
          {group(
            TEXT.staff,
            accounts.filter((a) => a.kind === 'staff'),
          )}
        </View>
      )}

      {accounts === null && !isWeapp && <Text className="hint login-page__hint">{TEXT.h5NoDevLogin}</Text>}

      {isWeapp && accounts !== undefined && (
        <View className="login-page__wechat">
          <Button
            className="primary-button"
            disabled={busyId === 'wechat' || undefined}
            onClick={loginWithWechat}
          >
            {busyId === 'wechat' ? TEXT.loggingIn : TEXT.wechat}
          </Button>
        </View>
      )}
    </View>
  );
}

import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { api } from '../services/api';
import { errorMessage } from '../services/errors';
import type { ChargeSummary, PayParams, QuoteAction } from '../services/types';
import {
  CHARGE_TEXT,
  createStepGuard,
  paymentFailure,
  payMode,
  quoteCards,
  requestPaymentOptions,
  showCharges,
  type QuoteCardView,
} from '../logic/charges';
import { LoadState } from './LoadState';
import './Charges.css';

const TEXT = {
  title: '维修费用',
  summary: '费用合计',
  by: (name: string) => `报价人：${name}`,
  declineConfirm: '确定不接受这份报价吗？工作人员会与您联系。',
  actions: {
    pay: CHARGE_TEXT.pay,
    decline: CHARGE_TEXT.decline,
    offline_payment: '登记线下收款',
    withdraw: '撤回报价',
    start_work: '开工',
  } as Record<QuoteAction, string>,
  offlineMethods: ['现金', '银行转账', '刷卡', '其他方式'],
  offlineCodes: ['cash', 'transfer', 'pos', 'other'],
  withdrawConfirm: '撤回后业主将不能再支付这份报价，确定撤回吗？',
  startConfirm: '确认业主已付款并开始施工？开工后撤销将不再全额退款。',
  done: '已更新',
} as const;

/**
 * 维修费用 of a paid repair: quote cards with their lines and totals, payment and refund status, and the
 * buttons the server allows this person (resident: 接受并支付 / 不接受; staff: 线下收款 / 撤回 / 开工).
 * Loads GET /api/tickets/:id/charges; renders nothing for a free repair. `footer` lets the staff page
 * add its quote form below.
 */
export function Charges({
  ticketId,
  reloadKey,
  onChanged,
  footer,
}: {
  ticketId: string;
  /** Reload when it changes (e.g. the ticket's version). */
  reloadKey?: number;
  /** A payment step changed the ticket's timeline. */
  onChanged?: () => void;
  footer?: (charges: ChargeSummary, reload: () => Promise<void>) => ReactNode;
}) {
  const [charges, setCharges] = useState<ChargeSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const guard = useRef(createStepGuard());
  const [busy, setBusy] = useState<string | null>(null);
  const base = `/api/tickets/${encodeURIComponent(ticketId)}`;

  const load = useCallback(async () => {
    try {
      setCharges(await api.get<ChargeSummary>(`${base}/charges`));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [base]);
  useEffect(() => {
    load();
  }, [load, reloadKey]);

  if (error && !charges)
    return (
      <View className="section">
        <Text className="section__title">{TEXT.title}</Text>
        <LoadState error={error} onRetry={load} />
      </View>
    );
  if (!charges) return null;
  if (!showCharges(charges)) return footer ? <>{footer(charges, load)}</> : null;

  const after = async (next: ChargeSummary) => {
    setCharges(next);
    onChanged?.();
  };

  const pay = async (card: QuoteCardView) => {
    const mode = payMode(process.env.TARO_ENV, charges.payEnabled);
    if (mode === 'disabled')
      return Taro.showModal({
        title: CHARGE_TEXT.pay,
        content: charges.payMessage ?? CHARGE_TEXT.disabled,
        showCancel: false,
      });
    if (mode === 'h5')
      return Taro.showModal({ title: CHARGE_TEXT.pay, content: CHARGE_TEXT.h5, showCancel: false });
    const { payParams } = await api.post<{ payParams: PayParams }>(`${base}/quotes/${card.id}/pay`);
    try {
      await Taro.requestPayment(requestPaymentOptions(payParams) as Taro.requestPayment.Option);
    } catch (e) {
      Taro.showToast({
        title: paymentFailure(e) === 'cancelled' ? CHARGE_TEXT.cancelled : CHARGE_TEXT.failed,
        icon: 'none',
      });
      return;
    }
    // Paid: ask the server to look now rather than wait for WeChat's notification.
    await after(await api.post<ChargeSummary>(`${base}/quotes/${card.id}/refresh`));
    Taro.showToast({ title: CHARGE_TEXT.success, icon: 'success' });
  };

  const confirm = async (content: string) => (await Taro.showModal({ title: TEXT.title, content })).confirm;

  const act = async (card: QuoteCardView, action: QuoteAction) => {
    // The guard, not `busy`: a double tap on 去支付 arrives before the re-render that would show `busy`.
    if (!guard.current.start(`${card.id}:${action}`)) return;
    setBusy(`${card.id}:${action}`);
    try {
      if (action === 'pay') return await pay(card);
      let body: object | null = {};
      if (action === 'decline') body = (await confirm(TEXT.declineConfirm)) ? {} : null;
      if (action === 'withdraw') body = (await confirm(TEXT.withdrawConfirm)) ? {} : null;
      if (action === 'start_work') body = (await confirm(TEXT.startConfirm)) ? {} : null;
      if (action === 'offline_payment') {
        const pick = await Taro.showActionSheet({ itemList: [...TEXT.offlineMethods] }).catch(() => null);
        body = pick ? { method: TEXT.offlineCodes[pick.tapIndex] } : null;
      }
      if (!body) return;
      const path = {
        decline: 'decline',
        withdraw: 'withdraw',
        start_work: 'start-work',
        offline_payment: 'offline-payment',
      }[action];
      await after(await api.post<ChargeSummary>(`${base}/quotes/${card.id}/${path}`, body));
      Taro.showToast({ title: TEXT.done, icon: 'success' });
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' });
      load();
    } finally {
      guard.current.end();
      setBusy(null);
    }
  };

  return (
    <View className="section charges" data-testid="charges">
      <Text className="section__title">{TEXT.title}</Text>
      {quoteCards(charges).map((card) => (
        <View
          key={card.id}
          className={`quote-card ${card.waiting ? 'quote-card--waiting' : ''}`}
          data-testid="quote-card"
        >
          <View className="quote-card__head">
            <Text className="quote-card__title">{card.title}</Text>
            <Text className="quote-card__status">{card.statusText}</Text>
          </View>
          {card.lines.map((l, i) => (
            <View key={i} className="quote-card__line">
              <Text className="quote-card__name">{l.name}</Text>
              <Text className="quote-card__detail">{l.detail}</Text>
              <Text className="quote-card__amount">{l.amount}</Text>
            </View>
          ))}
          <View className="quote-card__total">
            <Text>{CHARGE_TEXT.total}</Text>
            <Text className="quote-card__total-amount" data-testid="quote-total">
              {card.totalText}
            </Text>
          </View>
          {card.note && <Text className="hint">{card.note}</Text>}
          <Text className="hint">{TEXT.by(card.by)}</Text>
          {card.paymentText && <Text className="quote-card__paid">{card.paymentText}</Text>}
          {card.refundTexts.map((r) => (
            <Text key={r} className="quote-card__refund">
              {r}
            </Text>
          ))}
          {card.actions.length > 0 && (
            <View className="quote-card__actions">
              {card.actions.map((a) => (
                <View
                  key={a}
                  className={`quote-card__button ${a === 'pay' ? 'quote-card__button--primary' : ''} ${
                    busy ? 'quote-card__button--disabled' : ''
                  }`}
                  aria-disabled={busy ? 'true' : undefined}
                  data-testid={`quote-action-${a}`}
                  onClick={() => act(card, a)}
                >
                  {busy === `${card.id}:${a}` && a === 'pay' ? CHARGE_TEXT.paying : TEXT.actions[a]}
                </View>
              ))}
            </View>
          )}
        </View>
      ))}
      {charges.quotes.length > 0 && (
        <View className="charges__summary">
          <Text>{TEXT.summary}</Text>
          <Text data-testid="charges-summary">{charges.summary}</Text>
        </View>
      )}
      {footer?.(charges, load)}
    </View>
  );
}

import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { ChipPicker } from '../../components/ChipPicker';
import { api } from '../../services/api';
import { errorMessage } from '../../services/errors';
import type { ChargeSummary } from '../../services/types';
import { refundablePayments, refundRequest } from '../../logic/refundForm';
import './ActionForm.css';
import './RefundForm.css';

const TEXT = {
  open: '办理退款',
  title: '办理退款',
  intro: '开工后仍可退款：全额或部分，微信支付原路退回，退款结果会告知住户，并进入每日对账。',
  payment: '退哪一笔',
  whole: '全额退款',
  part: '部分退款',
  amount: '退款金额（元）',
  reason: '退款原因',
  reasonPlaceholder: '如：上门超时，退还上门费（住户会看到）',
  cancel: '取消',
  submit: '确认退款',
  sending: '提交中…',
  done: '退款已提交',
} as const;

/**
 * 办理退款 (project manager): a paid repair's payment back to the resident, whole or in part, also after work
 * started, with a reason — POST /api/tickets/:id/refunds. Shown only when the charges say he may (canRefund).
 */
export function RefundForm({
  ticketId,
  charges,
  onDone,
}: {
  ticketId: string;
  charges: ChargeSummary;
  onDone: (next: ChargeSummary) => void;
}) {
  const payments = refundablePayments(charges);
  const [open, setOpen] = useState(false);
  const [orderId, setOrderId] = useState<string | null>(payments[0]?.orderId ?? null);
  const [whole, setWhole] = useState(true);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  if (!payments.length) return null;
  const payment = payments.find((p) => p.orderId === orderId) ?? payments[0];

  if (!open)
    return (
      <View
        className="staff-ticket__action refund-form__open"
        data-testid="open-refund"
        onClick={() => setOpen(true)}
      >
        {TEXT.open}
      </View>
    );

  const submit = async () => {
    if (sending) return;
    const req = refundRequest(payment, whole, amount, reason);
    if (!req.ok) return setError(req.message);
    setError(null);
    const { confirm } = await Taro.showModal({ title: TEXT.title, content: req.confirm });
    if (!confirm) return;
    setSending(true);
    try {
      const next = await api.post<ChargeSummary>(
        `/api/tickets/${encodeURIComponent(ticketId)}/refunds`,
        req.body,
      );
      Taro.showToast({ title: TEXT.done, icon: 'success' });
      setOpen(false);
      onDone(next);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <View className="action-form refund-form" data-testid="refund-form">
      <Text className="action-form__title">{TEXT.title}</Text>
      <Text className="hint">{TEXT.intro}</Text>
      {payments.length > 1 && (
        <>
          <Text className="action-form__label">{TEXT.payment}</Text>
          <ChipPicker
            options={payments.map((p) => ({ value: p.orderId, label: p.label }))}
            value={payment.orderId}
            onChange={setOrderId}
          />
        </>
      )}
      {payments.length === 1 && <Text className="refund-form__payment">{payment.label}</Text>}
      <ChipPicker
        testId="refund-whole"
        options={[
          { value: true, label: TEXT.whole },
          { value: false, label: TEXT.part },
        ]}
        value={whole}
        onChange={setWhole}
      />
      {!whole && (
        <>
          <Text className="action-form__label">{TEXT.amount}</Text>
          <Input
            className="input"
            type="digit"
            value={amount}
            placeholder={`不超过 ${payment.label.split(' ').pop()}`}
            onInput={(e) => setAmount(e.detail.value)}
          />
        </>
      )}
      <Text className="action-form__label">{TEXT.reason}</Text>
      <Textarea
        className="textarea refund-form__reason"
        value={reason}
        maxlength={60}
        placeholder={TEXT.reasonPlaceholder}
        onInput={(e) => setReason(e.detail.value)}
      />
      {error && <Text className="error-text">{error}</Text>}
      <View className="dialog-buttons">
        <View className="dialog-buttons__button" onClick={() => setOpen(false)}>
          {TEXT.cancel}
        </View>
        <View
          className="dialog-buttons__button dialog-buttons__button--primary"
          data-testid="refund-submit"
          onClick={submit}
        >
          {sending ? TEXT.sending : TEXT.submit}
        </View>
      </View>
    </View>
  );
}

import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { api } from '../../services/api';
import { errorMessage } from '../../services/errors';
import type { ChargeSummary, PriceItemView } from '../../services/types';
import { LoadState } from '../../components/LoadState';
import { uuidV4 } from '../../utils/uuid';
import {
  addMaterial,
  addPriceItem,
  previewQuote,
  QUOTE_FORM_TEXT as TEXT,
  quoteRequest,
  setQuantity,
  type DraftLine,
} from '../../logic/quoteForm';
import './ActionForm.css';
import './QuoteForm.css';

/**
 * 发送报价: the staff member picks items from the project's price list (and materials at cost), sees
 * the total the resident will see, and sends it (POST /api/tickets/:id/quotes, one Idempotency-Key per form).
 */
export function QuoteForm({
  ticketId,
  onClose,
  onSent,
}: {
  ticketId: string;
  onClose: () => void;
  onSent: (charges: ChargeSummary) => void;
}) {
  const [list, setList] = useState<PriceItemView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [material, setMaterial] = useState({ name: '', cost: '', unit: '' });
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [key] = useState(() => uuidV4());

  const load = () => {
    setLoadError(null);
    api
      .get<{ items: PriceItemView[] }>('/api/pay/price-items')
      .then((r) => setList(r.items))
      .catch((e) => setLoadError(errorMessage(e)));
  };
  useEffect(load, []);

  const preview = list ? previewQuote(lines, list) : null;
  const nameOf = (l: DraftLine) =>
    'priceItemId' in l ? (list?.find((p) => p.id === l.priceItemId)?.name ?? '') : l.name;

  const send = async () => {
    if (!preview?.ok || sending) {
      setError(preview?.message ?? null);
      return;
    }
    setSending(true);
    setError(null);
    try {
      const next = await api.post<ChargeSummary>(
        `/api/tickets/${encodeURIComponent(ticketId)}/quotes`,
        quoteRequest(lines, note),
        { header: { 'Idempotency-Key': key } },
      );
      Taro.showToast({ title: TEXT.sent, icon: 'success' });
      onSent(next);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <View className="action-form__mask" onClick={onClose}>
      <View className="action-form quote-form" data-testid="quote-form" onClick={(e) => e.stopPropagation()}>
        <Text className="action-form__title">{TEXT.title}</Text>
        {(!list || loadError) && <LoadState error={loadError} onRetry={load} rows={1} />}
        {list && list.length === 0 && <LoadState inline empty={TEXT.empty} />}
        {list && list.length > 0 && (
          <View>
            <Text className="hint">{TEXT.fromList}</Text>
            <View className="chips">
              {list.map((p) => (
                <View key={p.id} className="chip" onClick={() => setLines(addPriceItem(lines, p))}>
                  {p.name}
                </View>
              ))}
            </View>
          </View>
        )}
        <Text className="hint">{TEXT.material}</Text>
        <View className="quote-form__material">
          <Input
            className="input"
            placeholder={TEXT.materialName}
            value={material.name}
            onInput={(e) => setMaterial({ ...material, name: e.detail.value })}
          />
          <Input
            className="input"
            type="digit"
            placeholder={TEXT.materialCost}
            value={material.cost}
            onInput={(e) => setMaterial({ ...material, cost: e.detail.value })}
          />
          <Input
            className="input"
            placeholder={TEXT.materialUnit}
            value={material.unit}
            onInput={(e) => setMaterial({ ...material, unit: e.detail.value })}
          />
          <View
            className="chip"
            onClick={() => {
              if (!material.name.trim()) return;
              setLines(addMaterial(lines, material.name, material.cost, material.unit));
              setMaterial({ name: '', cost: '', unit: '' });
            }}
          >
            ＋
          </View>
        </View>
        {lines.map((l, i) => (
          <View key={i} className="quote-form__line" data-testid="quote-line">
            <Text className="quote-form__name">{nameOf(l)}</Text>
            <View className="quote-form__qty">
              <Text className="chip" onClick={() => setLines(setQuantity(lines, i, l.quantity - 1))}>
                －
              </Text>
              <Text>{l.quantity}</Text>
              <Text className="chip" onClick={() => setLines(setQuantity(lines, i, l.quantity + 1))}>
                ＋
              </Text>
            </View>
            <Text className="quote-form__amount">{preview?.ok ? preview.rows[i]?.amount : ''}</Text>
          </View>
        ))}
        <Textarea
          className="textarea"
          value={note}
          placeholder={TEXT.note}
          maxlength={200}
          onInput={(e) => setNote(e.detail.value)}
        />
        <View className="quote-form__total">
          <Text>{TEXT.total}</Text>
          <Text data-testid="quote-form-total">{preview?.totalText ?? ''}</Text>
        </View>
        {(error || (lines.length > 0 && preview && !preview.ok)) && (
          <Text className="error-text">{error ?? preview?.message}</Text>
        )}
        <Button
          className="primary-button"
          disabled={sending || !preview?.ok || undefined}
          onClick={send}
          data-testid="quote-send"
        >
          {sending ? TEXT.sending : TEXT.send}
        </Button>
      </View>
    </View>
  );
}

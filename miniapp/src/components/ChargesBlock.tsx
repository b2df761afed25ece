import { Text, View } from '@tarojs/components';
import { formatFen } from '../logic/ratingForm';
import { LoadState } from './LoadState';
import type { ChargesResult } from '../services/charges';
import './ChargesBlock.css';

const TEXT = {
  title: '收费情况',
  loading: '正在查询收费记录…',
  none: '本次服务未产生费用',
  total: '实际收取',
} as const;

/** 收费情况 on the return visit (the return-visit handbook: 核对收费情况): what was charged, so the resident can confirm it. */
export function ChargesBlock({ result }: { result: ChargesResult | null }) {
  return (
    <View className="charges" data-testid="charges">
      <Text className="section__title">{TEXT.title}</Text>
      {!result && <LoadState inline loadingText={TEXT.loading} />}
      {result?.state === 'error' && <LoadState inline error={result.message} />}
      {result?.state === 'loaded' && !result.charges.hasCharges && (
        <Text className="charges__none">{result.charges.summary ?? TEXT.none}</Text>
      )}
      {result?.state === 'loaded' && result.charges.hasCharges && (
        <View>
          {result.charges.lines.map((l, i) => (
            <View key={i} className="charges__line">
              <Text className="charges__label">
                {l.label}
                {l.status ? `（${l.status}）` : ''}
              </Text>
              <Text className="charges__amount">{formatFen(l.amountFen)}</Text>
            </View>
          ))}
          <View className="charges__line charges__line--total">
            <Text className="charges__label">{TEXT.total}</Text>
            <Text className="charges__amount">{formatFen(result.charges.totalFen)}</Text>
          </View>
          {result.charges.summary && <Text className="hint">{result.charges.summary}</Text>}
        </View>
      )}
    </View>
  );
}

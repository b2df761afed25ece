import { ScrollView, Text, View } from '@tarojs/components';
import type { Bar } from '../../logic/reports';
import './report.css';

/** Horizontal bars drawn with plain Views: no chart library in the package. */
export function BarChart({ bars }: { bars: Bar[] }) {
  return (
    <View className="bar-chart">
      {bars.map((b) => (
        <View key={b.label} className="bar-chart__row">
          <Text className="bar-chart__label">{b.label}</Text>
          <View className="bar-chart__track">
            <View className="bar-chart__bar" style={{ width: `${b.percent}%` }} />
          </View>
          <Text className="bar-chart__value">{b.text}</Text>
        </View>
      ))}
    </View>
  );
}

/** A month-by-month column chart (the newest month darker). */
export function ColumnChart({ bars }: { bars: Bar[] }) {
  return (
    <View className="column-chart">
      {bars.map((b, i) => (
        <View key={`${b.label}-${i}`} className="column-chart__col">
          <Text className="column-chart__value">{b.value > 0 ? b.text : ''}</Text>
          <View
            className={`column-chart__bar ${i === bars.length - 1 ? 'column-chart__bar--last' : ''}`}
            style={{ height: `${b.percent}%` }}
          />
          <Text className="column-chart__label">{b.label}</Text>
        </View>
      ))}
    </View>
  );
}

/** A wide table that scrolls sideways on a phone; the first column names the row. */
export function DataTable(props: { head: string[]; rows: (string | number)[][]; totalLast?: boolean }) {
  const last = props.rows.length - 1;
  return (
    <ScrollView scrollX className="data-table">
      <View className="data-table__row data-table__row--head">
        {props.head.map((h, i) => (
          <Text key={h} className={`data-table__cell ${i === 0 ? 'data-table__cell--first' : ''}`}>
            {h}
          </Text>
        ))}
      </View>
      {props.rows.map((r, n) => (
        <View
          key={`${String(r[0])}-${n}`}
          className={`data-table__row ${props.totalLast && n === last ? 'data-table__row--total' : ''}`}
        >
          {r.map((c, i) => (
            <Text key={i} className={`data-table__cell ${i === 0 ? 'data-table__cell--first' : ''}`}>
              {String(c)}
            </Text>
          ))}
        </View>
      ))}
    </ScrollView>
  );
}

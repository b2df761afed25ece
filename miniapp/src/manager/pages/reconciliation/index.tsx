import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { getUser } from '../../../services/session';
import { canSeeReports } from '../../../logic/reportRoles';
import {
  canOpenTickets,
  dayLabel,
  defaultReconcileDay,
  latestReconcileDay,
  orderRows,
  reconcileFigures,
  reconcileVerdict,
  reconciliationPath,
  refundRows,
  RECONCILE_TEXT as TEXT,
  type ReconcileRow,
} from '../../../logic/reconciliation';
import { ReportHeader } from '../../components/ReportHeader';
import { useReport, useReportParams } from '../../report';
import type { ReconciliationReport } from '../../types';
import '../../components/report.css';
import './index.css';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 微信支付对账: one project's Beijing day (yesterday unless picked, or the day a mismatch notice names) — what was
 * paid and refunded, and every order or refund whose record differs from WeChat Pay's, highlighted.
 */
export default function ReconciliationPage() {
  const user = getUser();
  const allowed = canSeeReports(user?.role);
  const hq = user?.role === 'hq';
  const { params: query } = useRouter();
  const [params, setParams] = useReportParams();
  const [day, setDay] = useState(() =>
    query.day && DAY.test(query.day) && query.day <= latestReconcileDay() ? query.day : defaultReconcileDay(),
  );
  const projectId = hq ? params.projectId : null;
  const path = allowed && (!hq || projectId) ? reconciliationPath(day, projectId) : null;
  const { data, error, reload } = useReport<ReconciliationReport>(path);
  if (!allowed) return <LoadState empty={TEXT.notAllowed} />;

  // The last answer may be another day's or project's while the new one loads.
  const fresh = data && data.day === day && (!projectId || data.projectId === projectId) ? data : null;
  const openTicket = canOpenTickets(user?.role)
    ? (id: string) => Taro.navigateTo({ url: `/staff/pages/ticket/index?id=${encodeURIComponent(id)}` })
    : null;
  const verdict = fresh && reconcileVerdict(fresh);

  return (
    <View className="report-page">
      <ReportHeader
        title={TEXT.title}
        params={params}
        onChange={setParams}
        period="none"
        scopeLabel={hq ? undefined : (user?.projectName ?? undefined)}
        projectRequired
      >
        <Picker
          mode="date"
          value={day}
          end={latestReconcileDay()}
          onChange={(e) => setDay(String(e.detail.value))}
        >
          <View className="report-header__picker" data-testid="recon-day">
            {dayLabel(day)} ▾
          </View>
        </Picker>
      </ReportHeader>
      {!path && <LoadState empty={TEXT.pickProject} />}
      {path && !fresh && <LoadState error={error} onRetry={reload} />}
      {path && fresh && verdict && (
        <>
          {error && <Text className="error-text recon__stale">{error}</Text>}
          <View
            className={`section recon-verdict recon-verdict--${verdict.tone}`}
            data-testid="recon-verdict"
          >
            <Text className="recon-verdict__text">{verdict.text}</Text>
            {verdict.detail && <Text className="hint">{verdict.detail}</Text>}
          </View>
          <View className="section">
            <View className="kpi-cards">
              {reconcileFigures(fresh).map((f) => (
                <View
                  key={f.key}
                  className={`kpi-card recon-figure--${f.key}`}
                  data-testid={`recon-${f.key}`}
                >
                  <Text className={`kpi-card__value ${f.negative ? 'kpi-card__value--bad' : ''}`}>
                    {f.text}
                  </Text>
                  <Text className="kpi-card__label">
                    {f.label}
                    {f.count ? ` · ${f.count}` : ''}
                  </Text>
                </View>
              ))}
            </View>
          </View>
          {fresh.mismatches.length > 0 && (
            <View className="section recon-mismatches" data-testid="recon-mismatches">
              <Text className="section__title">
                {TEXT.mismatches}（{fresh.mismatches.length}）
              </Text>
              {fresh.mismatches.map((m, n) => (
                <View key={`${m.ref}-${m.kind}-${n}`} className="report-item recon-mismatch">
                  <Text className="tag tag--danger">{m.label}</Text>
                  <Text className="report-item__line">{m.message}</Text>
                  <Text className="report-item__line recon__ref">{m.ref}</Text>
                </View>
              ))}
            </View>
          )}
          <Rows title={TEXT.orders} empty={TEXT.noOrders} rows={orderRows(fresh)} onOpen={openTicket} />
          <Rows title={TEXT.refunds} empty={TEXT.noRefunds} rows={refundRows(fresh)} onOpen={openTicket} />
          <Text className="hint recon__daily">{TEXT.daily}</Text>
        </>
      )}
    </View>
  );
}

function Rows(props: {
  title: string;
  empty: string;
  rows: ReconcileRow[];
  onOpen: ((ticketId: string) => void) | null;
}) {
  const { onOpen } = props;
  return (
    <View className="section">
      <Text className="section__title">{props.title}</Text>
      {props.rows.length === 0 && <LoadState inline empty={props.empty} />}
      {props.rows.map((r) => (
        <View
          key={r.ref}
          className={`report-item recon-row ${r.problems.length ? 'recon-row--bad' : ''}`}
          data-testid={r.problems.length ? 'recon-row-bad' : 'recon-row'}
          onClick={() => onOpen?.(r.ticketId)}
        >
          <View className="report-row">
            <Text className="recon-row__title">{r.title}</Text>
            <Text className="recon-row__amount">{r.amount}</Text>
          </View>
          <Text className="report-item__line">
            <Text className="tag">{r.channel}</Text>
            <Text className="tag">{r.status}</Text>
            {r.problems.map((p) => (
              <Text key={p} className="tag tag--danger">
                {p}
              </Text>
            ))}
          </Text>
          <Text className="report-item__line">
            {r.time}
            {onOpen ? `  ${TEXT.openTicket}` : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}

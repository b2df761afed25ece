import type { ReactNode } from 'react';
import { Button, Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components';
import { TICKET_CONTENT_MAX, TICKET_KINDS, TICKET_KIND_LABELS, type TicketKind } from '../shared';
import { contentLength, contentProblem, type LocationMode } from '../logic/draft';
import { THEME } from '../theme';
import { ChipPicker, chipOptions } from './ChipPicker';
import './TicketForm.css';

/*
 * The parts of a ticket form that the resident's 我要反馈 (pages/file) and the front desk's 代客登记
 * (staff/pages/register) share; the flow behind them is logic/useTicketDraft.ts. Each page keeps its own sections,
 * titles and what only it has (photos and the department preview; the channel and the caller).
 */

const TEXT = {
  kindMissing: '请选择反馈类型',
  publicArea: '公共区域',
  pickHousehold: '请选择房屋',
  placePlaceholder: '请填写具体位置，如：3栋电梯厅、地下车库B区',
  sending: '提交中…',
  retry: '网络不佳，点此重试',
} as const;

const KIND_OPTIONS = chipOptions(TICKET_KINDS, TICKET_KIND_LABELS);

/** The resident's bigger chips (`kind-picker`); the staff forms use the plain `chip`. */
const LARGE = { className: 'kind-picker', chip: 'kind-picker__item' } as const;

/** 反馈类型: the five kinds; after a send was tried without one, says so. */
export function KindPicker(props: {
  value: TicketKind | null;
  onChange: (kind: TicketKind) => void;
  attempted?: boolean;
  large?: boolean;
}) {
  return (
    <View>
      <ChipPicker
        {...(props.large ? LARGE : {})}
        testId="kind-picker"
        options={KIND_OPTIONS}
        value={props.value}
        onChange={props.onChange}
      />
      {props.attempted && !props.value && <Text className="error-text">{TEXT.kindMissing}</Text>}
    </View>
  );
}

/** 反馈内容: the text with its live count n/2000, and what is missing or over. */
export function ContentField(props: {
  value: string;
  onChange: (content: string) => void;
  placeholder: string;
  attempted: boolean;
  /** The page's own height of the box. */
  className?: string;
}) {
  const length = contentLength(props.value);
  const problem = contentProblem(props.value, props.attempted);
  return (
    <View>
      <Textarea
        className={`textarea ticket-form__textarea ${props.className ?? ''}`}
        value={props.value}
        placeholder={props.placeholder}
        maxlength={TICKET_CONTENT_MAX}
        autoHeight={false}
        onInput={(e) => props.onChange(e.detail.value)}
      />
      <View className="ticket-form__count-row">
        {problem ? <Text className="error-text">{problem}</Text> : <Text />}
        <Text
          className={`ticket-form__count ${length > TICKET_CONTENT_MAX ? 'ticket-form__count--over' : ''}`}
        >
          {length}/{TICKET_CONTENT_MAX}
        </Text>
      </View>
    </View>
  );
}

export interface LocationValue {
  locationMode: LocationMode;
  householdId: string | null;
  place: string;
}

/**
 * 发生位置: a household or a public area. The household is shown as text when it is the only one and chosen, else
 * picked from the list; a public area is described in words.
 */
export function LocationField(props: {
  value: LocationValue;
  onChange: (patch: Partial<LocationValue>) => void;
  /** null while they load. */
  households: Array<{ id: string; label: string }> | null;
  /** The household chip: 我的房屋 / 业主房屋. */
  householdText: string;
  /** Offer the household chip (the resident: only with a bound household). */
  offerHousehold: boolean;
  placePlaceholder?: string;
  large?: boolean;
  /** Under the household chip while the households load or failed to (LoadState inline). */
  householdsState?: ReactNode;
  /** Below everything, e.g. how to bind a household. */
  children?: ReactNode;
}) {
  const { value, onChange } = props;
  const list = props.households ?? [];
  const index = list.findIndex((h) => h.id === value.householdId);
  const labels = list.map((h) => h.label);
  return (
    <View>
      <ChipPicker
        {...(props.large ? LARGE : {})}
        options={[
          ...(props.offerHousehold ? [{ value: 'household' as const, label: props.householdText }] : []),
          { value: 'public' as const, label: TEXT.publicArea },
        ]}
        value={value.locationMode}
        onChange={(locationMode) => onChange({ locationMode })}
      />
      {value.locationMode === 'household' && props.householdsState}
      {value.locationMode === 'household' && list.length === 1 && index === 0 && (
        <Text className="ticket-form__household">{labels[0]}</Text>
      )}
      {value.locationMode === 'household' &&
        props.households !== null &&
        !(list.length === 1 && index === 0) && (
          // Keyed by its range: on H5, patching a Picker whose range changes fails (README, pitfalls).
          <Picker
            key={labels.join('|')}
            mode="selector"
            range={labels}
            value={Math.max(index, 0)}
            onChange={(e) => onChange({ householdId: list[Number(e.detail.value)]?.id ?? null })}
          >
            <View className={`input ticket-form__picker ${index < 0 ? 'ticket-form__picker--empty' : ''}`}>
              {index >= 0 ? labels[index] : TEXT.pickHousehold} ▾
            </View>
          </Picker>
        )}
      {value.locationMode === 'public' && (
        <Input
          className="input"
          value={value.place}
          placeholder={props.placePlaceholder ?? TEXT.placePlaceholder}
          maxlength={100}
          onInput={(e) => onChange({ place: e.detail.value })}
        />
      )}
      {props.children}
    </View>
  );
}

/** A title with a switch (匿名反馈, 匿名登记) and what it means. */
export function SwitchField(props: {
  title: string;
  hint: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <View>
      <View className="ticket-form__switch-row">
        <Text className="section__title ticket-form__switch-title">{props.title}</Text>
        <Switch
          checked={props.checked}
          color={THEME.primary}
          onChange={(e) => props.onChange(e.detail.value)}
        />
      </View>
      <Text className="hint">{props.hint}</Text>
    </View>
  );
}

/** The last error and the send button: 提交中… while sending, 网络不佳，点此重试 after a dropped connection. */
export function SubmitBar(props: {
  label: string;
  onSubmit: () => void;
  sending: boolean;
  networkFailed: boolean;
  error: string | null;
  testId?: string;
}) {
  return (
    <View>
      {props.error && <Text className="error-text ticket-form__error">{props.error}</Text>}
      <View className="ticket-form__submit">
        {/* No `loading` prop: on H5 its spinner breaks Stencil's patching of the button's children. */}
        <Button
          className="primary-button"
          disabled={props.sending || undefined}
          onClick={props.onSubmit}
          data-testid={props.testId}
        >
          {props.sending ? TEXT.sending : props.networkFailed ? TEXT.retry : props.label}
        </Button>
      </View>
    </View>
  );
}

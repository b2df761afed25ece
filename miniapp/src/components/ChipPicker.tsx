import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { isChosen, tapChip, toggleChip } from '../logic/chips';

export interface ChipOption<T> {
  value: T;
  label: ReactNode;
  /** data-testid of this chip. */
  testId?: string;
}

interface Shared<T> {
  options: readonly ChipOption<T>[];
  /** Class of the row: `chips` of app.css unless given. */
  className?: string;
  /** BEM block of each chip: `chip` of app.css unless a page draws its own; the chosen ones add `<block>--active`. */
  chip?: string;
  /** Taps change nothing (e.g. a questionnaire already in use). */
  disabled?: boolean;
  testId?: string;
  /** In the row, before the chips: e.g. a hint. */
  before?: ReactNode;
  /** In the row, after the chips: e.g. a chip that acts rather than chooses, such as 取消. */
  children?: ReactNode;
}

/** One is chosen; tapping it again keeps it. */
interface One<T> extends Shared<T> {
  multiple?: false;
  clearable?: false;
  value: T | null | undefined;
  onChange: (value: T) => void;
}

/** At most one is chosen (an optional field): tapping the chosen chip again clears the choice (null). */
interface OneOrNone<T> extends Shared<T> {
  multiple?: false;
  clearable: true;
  value: T | null | undefined;
  onChange: (value: T | null) => void;
}

/** Any number are chosen: a tap adds or takes away. */
interface Several<T> extends Shared<T> {
  multiple: true;
  value: readonly T[];
  onChange: (value: T[]) => void;
}

export type ChipPickerProps<T> = One<T> | OneOrNone<T> | Several<T>;

/** Options from a list of values and their labels, e.g. TICKET_KINDS and TICKET_KIND_LABELS. */
export function chipOptions<T extends string>(
  values: readonly T[],
  labels: Record<T, string>,
): ChipOption<T>[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

/** A row of tappable chips where one (or several, `multiple`) are chosen. */
export function ChipPicker<T>(props: Several<T>): JSX.Element;
export function ChipPicker<T>(props: OneOrNone<T>): JSX.Element;
export function ChipPicker<T>(props: One<T>): JSX.Element;
export function ChipPicker<T>(props: ChipPickerProps<T>) {
  const block = props.chip ?? 'chip';
  const tap = (option: T) => {
    if (props.disabled) return;
    if (props.multiple) props.onChange(toggleChip(props.value, option));
    else if (props.clearable) props.onChange(tapChip(props.value, option, true));
    else props.onChange(option);
  };
  return (
    <View className={props.className ?? 'chips'} data-testid={props.testId}>
      {props.before}
      {props.options.map((o) => (
        <View
          key={String(o.value)}
          className={
            isChosen(props.value, o.value, props.multiple === true) ? `${block} ${block}--active` : block
          }
          data-testid={o.testId}
          onClick={() => tap(o.value)}
        >
          {o.label}
        </View>
      ))}
      {props.children}
    </View>
  );
}

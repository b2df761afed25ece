/**
 * The rules of a chip picker (components/ChipPicker.tsx): which chips are on, and the value after a tap. Pure.
 */

/** Is `option` chosen: one of `value` when several may be chosen, else equal to it. */
export function isChosen<T>(
  value: T | null | undefined | readonly T[],
  option: T,
  multiple: boolean,
): boolean {
  return multiple ? (value as readonly T[]).includes(option) : value === option;
}

/** Several may be chosen: a tap adds the chip, or takes it away (the others keep their order). */
export function toggleChip<T>(value: readonly T[], option: T): T[] {
  return value.includes(option) ? value.filter((v) => v !== option) : [...value, option];
}

/**
 * One is chosen: a tap chooses the chip. Tapping the chosen one again keeps it, or clears the choice (null) when
 * the picker is `clearable` (an optional field).
 */
export function tapChip<T>(value: T | null | undefined, option: T, clearable: boolean): T | null {
  return clearable && value === option ? null : option;
}

/**
 * The message of an error thrown while checking settings, when it is ours to show: the rule checks in shared/
 * throw `Error`s or `RangeError`s whose Chinese message names the field. An engine error — a TypeError from input
 * of an unexpected shape ("Cannot read properties of null (reading 'type')"), a ReferenceError — or a message
 * without Chinese is a flaw in the check, not words for a person: the caller gets `fallback` instead.
 */
export function ruleMessage(e: unknown, fallback: string): string {
  if (
    !(e instanceof Error) ||
    e instanceof TypeError ||
    e instanceof ReferenceError ||
    e instanceof SyntaxError
  )
    return fallback;
  return /[\u4e00-\u9fa5]/.test(e.message) ? e.message : fallback;
}

/** A JavaScript engine error text inside a message meant for a person (the filter's last check). */
export const ENGINE_ERROR =
  /Cannot (?:read|set) propert(?:y|ies) of (?:null|undefined)|is not (?:a function|iterable|an object|defined)|Maximum call stack|Unexpected token|Invalid (?:array length|time value)/;

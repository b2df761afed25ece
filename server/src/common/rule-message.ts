/**
 * The message of an error thrown while checking settings, when it is ours to show: the rule checks in shared/
 * throw plain `Error`s with a Chinese message naming the field. Anything else — a TypeError from input of an
 * unexpected shape ("Cannot read properties of null (reading 'type')"), a RangeError — is a flaw in the check,
 * not words for a person: the caller gets `fallback` instead (and the error is not lost: callers log it).
 */
export function ruleMessage(e: unknown, fallback: string): string {
  if (!(e instanceof Error) || e.constructor !== Error) return fallback;
  return /[\u4e00-\u9fa5]/.test(e.message) ? e.message : fallback;
}

/** A JavaScript engine error text inside a message meant for a person (the filter's last check). */
export const ENGINE_ERROR =
  /Cannot (?:read|set) propert(?:y|ies) of (?:null|undefined)|is not (?:a function|iterable|an object|defined)|Maximum call stack|Unexpected token|Invalid (?:array length|time value)/;

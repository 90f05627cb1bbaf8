import type { BindingRef } from '../runtime/types';

/**
 * A built-in input provider or output handler that can check a binding's settings when the app
 * loads, so a misconfigured function is reported (and only that function fails) before it runs.
 */
export interface ValidatingHandler {
  validate(ref: BindingRef): void;
}

export function canValidate(handler: object): handler is ValidatingHandler {
  return typeof (handler as Partial<ValidatingHandler>).validate === 'function';
}

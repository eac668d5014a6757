/**
 * Referral values in the one configured currency (GET /api/settings): "€5,660", never "5660"; cents
 * when the amount has them ("€123,456,789.50"), as the CLI and the server's words show them
 * (graph/support/words.ts).
 */
import { money as inCurrency } from '../../graph/support/words.js';

let currency = 'EUR';

export function useCurrency(code: string): void {
  currency = code;
}

export function money(value: number): string {
  return inCurrency(value, currency);
}

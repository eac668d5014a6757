/** Referral values in the one configured currency (GET /api/settings): "€5,660", never "5660". */
let formatter = new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

export function useCurrency(currency: string): void {
  formatter = new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 });
}

export function money(value: number): string {
  return formatter.format(value);
}

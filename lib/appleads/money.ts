// Apple Ads money (INTEGRATIONS.md §4): `{ amount: "0.95", currency }` with the amount a decimal
// string. Amounts are read exactly, as integer millionths of the currency unit (enough for any
// per-tap price Apple prints), summed as bigints and rounded to cents once, at the end: adding
// 1000 × "0.10" gives "100.00", never 99.99999999999.
export interface Money {
  amount: string;
  currency: string;
}

const DECIMALS = 6;
const UNIT = 10n ** BigInt(DECIMALS);

/** The amount in millionths; throws for anything that is not a plain decimal number. */
export function parseAmount(amount: string | number): bigint {
  const text = String(amount).trim();
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`Apple Ads sent an amount that is not a decimal number: ${JSON.stringify(amount)}`);
  const [, sign, whole, fraction = ""] = match;
  if (fraction.length > DECIMALS && /[1-9]/.test(fraction.slice(DECIMALS))) throw new Error(`Apple Ads sent an amount with more than ${DECIMALS} decimals: ${text}`);
  const units = BigInt(whole!) * UNIT + BigInt(fraction.slice(0, DECIMALS).padEnd(DECIMALS, "0"));
  return sign ? -units : units;
}

/** Millionths rounded to cents, half away from zero. */
export function toCents(micros: bigint): bigint {
  const perCent = UNIT / 100n;
  const magnitude = micros < 0n ? -micros : micros;
  const cents = (magnitude + perCent / 2n) / perCent;
  return micros < 0n ? -cents : cents;
}

/** Cents as the decimal string a NUMERIC(14,2) column takes, e.g. 12345n → "123.45". */
export function formatCents(cents: bigint): string {
  const magnitude = cents < 0n ? -cents : cents;
  return `${cents < 0n ? "-" : ""}${magnitude / 100n}.${String(magnitude % 100n).padStart(2, "0")}`;
}

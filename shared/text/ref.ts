import { foldVi } from './vietnamese';

const DASHES = /[\u2010-\u2015\u2212]/g;
const SLASHES = /[\u2215\uFF0F]/g;

/**
 * A comparison key for a typed number/symbol: "571 - CV/TU", "571-cv/tu" and "571–CV/TU" agree;
 * "02-CĐ/TU" and "02-CD/TU" agree because Đ is folded (offices type both).
 */
export function refKey(ref: string): string {
  return foldVi(ref.replace(DASHES, '-').replace(SLASHES, '/'))
    .replace(/\s+/g, '')
    .replace(/^so:?/, '')
    .replace(/^0+(?=\d)/, '')
    .toUpperCase();
}

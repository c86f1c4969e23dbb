/**
 * UTF-16 code units to a string. TextDecoder exists in Node and in browsers (shared/ is compiled
 * without either's typings); its native copy is ~8× faster than String.fromCharCode over chunks.
 * ignoreBOM: a leading U+FEFF is kept like any unit, so a folded string stays aligned with its
 * source. A lone surrogate becomes U+FFFD: still one unit.
 */
interface Utf16Decoder {
  decode(input: Uint16Array): string;
}

const UTF16: Utf16Decoder = new (
  globalThis as unknown as { TextDecoder: new (label: string, options: { ignoreBOM: boolean }) => Utf16Decoder }
).TextDecoder('utf-16le', { ignoreBOM: true });

export function decodeUtf16(units: Uint16Array): string {
  return UTF16.decode(units);
}

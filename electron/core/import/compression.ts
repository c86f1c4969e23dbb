/**
 * Originals are stored compressed (migration 0080): raw DEFLATE at a fast level, done by the import
 * worker. `originals.compression` says how a row's bytes are stored; 0 (or NULL, rows written
 * before 0080, trash restores, bundle imports) means raw. Every reader goes through decodeOriginal.
 */
import { deflateRawSync, inflateRawSync, constants } from 'node:zlib';

export const COMPRESSION_RAW = 0;
export const COMPRESSION_DEFLATE_RAW = 1;

/** Compresses when it pays (scans and .docx are already compressed: kept raw). */
export function encodeOriginal(bytes: Uint8Array): { bytes: Uint8Array; compression: number } {
  if (bytes.byteLength < 64) return { bytes, compression: COMPRESSION_RAW };
  const packed = deflateRawSync(bytes, { level: 6, strategy: constants.Z_DEFAULT_STRATEGY });
  if (packed.byteLength > bytes.byteLength * 0.9) return { bytes, compression: COMPRESSION_RAW };
  // A copy with its own ArrayBuffer: the worker transfers it, and zlib's output may share a pool.
  return { bytes: new Uint8Array(packed), compression: COMPRESSION_DEFLATE_RAW };
}

/** The original file's bytes as imported, whatever the row's storage. Throws on an unknown codec. */
export function decodeOriginal(stored: Buffer, compression: number | null | undefined): Buffer {
  if (!compression) return stored;
  if (compression === COMPRESSION_DEFLATE_RAW) return inflateRawSync(stored);
  throw new Error(`unknown compression ${compression} of an original`);
}

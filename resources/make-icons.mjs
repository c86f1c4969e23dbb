#!/usr/bin/env node
/**
 * Draws the Vanthu icon (an original design: a dark-red rounded tile, a white page with a folded
 * corner, a gold heading bar and grey text lines) and writes resources/icon.png (512×512) and
 * resources/icon.ico (16–256 px, PNG-compressed entries, Windows Vista and later).
 * Node only: the PNG encoder is zlib + CRC32, the drawing is analytic shapes with 4×4 supersampling.
 *
 *   node resources/make-icons.mjs
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

const TILE = [0x9e, 0x1b, 0x1b];
const TILE_EDGE = [0x7a, 0x12, 0x12];
const PAGE = [0xff, 0xff, 0xff];
const FOLD = [0xd9, 0xd4, 0xcc];
const GOLD = [0xf2, 0xb8, 0x1c];
const LINE = [0x9a, 0xa0, 0xa6];

/** Signed distance to a rounded rectangle (negative inside), in unit coordinates. */
function roundedRect(x, y, x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  const dx = Math.abs(x - cx) - hx;
  const dy = Math.abs(y - cy) - hy;
  const outside = Math.hypot(Math.max(dx, 0), Math.max(dy, 0));
  return outside + Math.min(Math.max(dx, dy), 0) - r;
}

/** Colour of the icon at a point in [0,1]², or null for transparent. */
function shade(x, y) {
  if (roundedRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.18) > 0) return null;
  let color = roundedRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.18) > -0.025 ? TILE_EDGE : TILE;
  // Page: x 0.25–0.75, y 0.16–0.84; its top-right corner is cut along a diagonal and folded.
  const px0 = 0.25,
    px1 = 0.75,
    py0 = 0.16,
    py1 = 0.84,
    fold = 0.15;
  const inPage = x >= px0 && x <= px1 && y >= py0 && y <= py1;
  const beyondFold = x - (px1 - fold) > y - py0; // above the corner's diagonal: cut away
  if (inPage && !beyondFold) {
    color = PAGE;
    // The folded flap: the part of the corner square below the diagonal.
    if (x > px1 - fold && y < py0 + fold) color = FOLD;
    // Heading bar.
    if (roundedRect(x, y, 0.32, 0.27, 0.55, 0.33, 0.02) <= 0) color = GOLD;
    // Text lines.
    const lines = [0.43, 0.52, 0.61, 0.7];
    const ends = [0.68, 0.68, 0.68, 0.54];
    lines.forEach((ly, i) => {
      if (roundedRect(x, y, 0.32, ly - 0.022, ends[i], ly + 0.022, 0.02) <= 0) color = LINE;
    });
  }
  return color;
}

function render(size) {
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = shade((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
        rgba[o + 3] = Math.round((255 * a) / (samples * samples));
      }
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size) {
  const rgba = render(size);
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function ico(sizes) {
  const images = sizes.map((size) => ({ size, data: png(size) }));
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size; // 0 means 256
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

fs.writeFileSync(path.join(here, 'icon.png'), png(512));
fs.writeFileSync(path.join(here, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256]));
console.log('wrote resources/icon.png and resources/icon.ico');

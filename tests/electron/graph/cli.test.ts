import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/tmp';
import { BG_571, CD_TW, ND_571, NO_NUMBER, YT_128, letterText } from './fixture';

let t: ReturnType<typeof tempDir>;
let archive: string;
beforeAll(() => {
  t = tempDir('vanthu-graph-cli-');
  archive = path.join(t.dir, 'kho');
  const files = path.join(t.dir, 'files');
  mkdirSync(files);
  for (const l of [BG_571, ND_571, YT_128, NO_NUMBER, CD_TW])
    writeFileSync(path.join(files, `${l.key}.txt`), letterText(l));
  const r = runCli(['import', files, '--archive', archive, '--json']);
  if (r.status !== 0) throw new Error(r.stderr + r.stdout);
});
afterAll(() => t.cleanup());

interface Out {
  nodes: {
    id: number | string;
    ref: string | null;
    type: string | null;
    issuer: string | null;
    date: string | null;
    placeholder: boolean;
  }[];
  edges: { from: number | string; to: number | string; relation: string; text: string }[];
}

test('vanthu graph <ref> --up --json: nodes and edges in the documented shape', () => {
  const r = runCli(['graph', '128-KH/HU', '--up', '--depth', '1', '--json', '--archive', archive]);
  expect(r.status).toBe(0);
  const g = JSON.parse(r.stdout) as Out;
  for (const n of g.nodes)
    expect(Object.keys(n)).toEqual(expect.arrayContaining(['id', 'ref', 'type', 'issuer', 'date', 'placeholder']));
  const start = g.nodes.find((n) => n.ref === '128-KH/HU')!;
  const bg = g.nodes.find((n) => n.ref === '571-CV/TU')!;
  expect(bg.issuer).toBe('Tỉnh ủy Bắc Giang');
  expect(g.edges).toContainEqual(
    expect.objectContaining({
      from: start.id,
      to: bg.id,
      relation: 'implements',
      text: expect.stringContaining('571-CV/TU ngày 12/3/2021'),
    }),
  );
  const missing = g.nodes.find((n) => n.ref === '02-CĐ/TU')!;
  expect(missing).toMatchObject({ placeholder: true });
  expect(typeof missing.id).toBe('string');
});

test('vanthu graph with an ambiguous ref asks for an id; --down from a province letter; --all', () => {
  const amb = runCli(['graph', '571-CV/TU', '--archive', archive]);
  expect(amb.status).not.toBe(0);
  expect(amb.stderr).toMatch(/cùng số\/ký hiệu/);
  const all = JSON.parse(runCli(['graph', '--all', '--json', '--archive', archive]).stdout) as Out;
  const bg = all.nodes.find((n) => n.ref === '571-CV/TU' && n.issuer === 'Tỉnh ủy Bắc Giang')!;
  const down = runCli(['graph', String(bg.id), '--down', '--archive', archive]);
  expect(down.status).toBe(0);
  expect(down.stdout).toMatch(/↓ thực hiện: 128-KH\/HU/);
  expect(all.edges.length).toBeGreaterThanOrEqual(4);
});

test('vanthu missing: placeholders with their citing documents; text and JSON', () => {
  const r = runCli(['missing', '--json', '--archive', archive]);
  expect(r.status).toBe(0);
  const rows = JSON.parse(r.stdout) as { ref: string | null; citing: { ref: string }[] }[];
  expect(rows.find((m) => m.ref === '02-CĐ/TU')?.citing.map((c) => c.ref)).toEqual(['128-KH/HU']);
  expect(runCli(['missing', '--archive', archive]).stdout).toMatch(/VĂN BẢN CHƯA CÓ TRONG KHO/);
});

// It listed the first 1,000 of them and said nothing of the others (10,747 at 100k documents).
test('regression: vanthu missing --limit, and the text says when the list is cut', () => {
  const all = JSON.parse(runCli(['missing', '--json', '--archive', archive]).stdout) as { id: string }[];
  expect(all.length).toBeGreaterThanOrEqual(2);
  const one = runCli(['missing', '--json', '--limit', '1', '--archive', archive]);
  expect(JSON.parse(one.stdout)).toEqual(all.slice(0, 1));
  const text = runCli(['missing', '--limit', '1', '--archive', archive]).stdout;
  expect(text).toContain(`(hiện 1 trong ${all.length} văn bản; dùng --limit để xem thêm)`);
  expect(runCli(['missing', '--archive', archive]).stdout).not.toContain('dùng --limit');
  expect(runCli(['missing', '--limit', '0', '--archive', archive]).status).not.toBe(0);
});

test('vanthu resolve rebuilds the same graph', () => {
  const before = runCli(['graph', '--all', '--json', '--archive', archive]).stdout;
  const r = runCli(['resolve', '--json', '--archive', archive]);
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ documents: 5 });
  const after = JSON.parse(runCli(['graph', '--all', '--json', '--archive', archive]).stdout) as Out;
  const norm = (g: Out): string[] =>
    g.edges.map((e) => `${e.from}>${typeof e.to === 'string' ? 'p' : e.to}:${e.relation}:${e.text}`).sort();
  expect(norm(after)).toEqual(norm(JSON.parse(before) as Out));
});

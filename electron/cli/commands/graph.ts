/**
 * Citation graph commands (issue #5, docs/graph.md):
 *   vanthu graph <id|ref> [--up|--down] [--depth N] [--json]
 *   vanthu graph --all --json
 *   vanthu missing [--json]
 *   vanthu pending [--json]
 *   vanthu resolve [--json]
 */
import { Option, type Command } from 'commander';
import { VanthuError } from '../../../shared/api/errors';
import {
  PLACEHOLDER_LABEL,
  relationWords,
  type Graph,
  type DocumentSource,
  type GraphNode,
  type NodeId,
} from '../../../shared/graph/types';
import type { Archive } from '../../core/archive';
import { archiveOption, printJson, withArchive, type ArchiveOption } from '../common';
import { intOption } from '../usage';

interface GraphOptions extends ArchiveOption {
  up?: boolean;
  down?: boolean;
  depth: number;
  json?: boolean;
  all?: boolean;
  max: number;
}

function depthArg(v: string): number {
  const n = Number.parseInt(v, 10);
  if (!Number.isInteger(n) || n < 1 || n > 10) throw new VanthuError('INVALID_INPUT', `--depth ${v}: từ 1 đến 10`);
  return n;
}

/** The documented JSON shape: nodes[{id, ref, type, issuer, date, placeholder}], edges[{from, to, relation, text}]. */
export function graphJson(g: Graph): unknown {
  return {
    nodes: g.nodes.map((n) => ({
      id: n.id,
      ref: n.ref,
      type: n.type,
      issuer: n.issuer,
      date: n.date,
      placeholder: n.placeholder,
      level: n.level,
    })),
    edges: g.edges.map((e) => ({ from: e.from, to: e.to, relation: e.relation, text: e.text, status: e.status })),
    ...(g.truncated ? { truncated: true } : {}),
  };
}

const label = (n: GraphNode): string =>
  [
    n.ref ?? (n.type ? `${n.type} (không số)` : '(không số)'),
    n.date ? n.date.split('-').reverse().join('/') : null,
    n.issuer,
    n.placeholder ? `[${PLACEHOLDER_LABEL}]` : `#${n.id}`,
  ]
    .filter(Boolean)
    .join(' · ');

/** "tệp 019-chi-thi.pdf (PDF) · nhập 2026-11-24 10:15 UTC": two imports of one directive read alike otherwise. */
const sourceText = (s: DocumentSource): string =>
  [
    s.fileName ? `tệp ${s.fileName}${s.format ? ` (${s.format.toUpperCase()})` : ''}` : s.format?.toUpperCase(),
    s.importedAt ? `nhập ${s.importedAt.slice(0, 16).replace('T', ' ')} UTC` : null,
  ]
    .filter(Boolean)
    .join(' · ');

function textTree(g: Graph, start: NodeId): string {
  const byId = new Map(g.nodes.map((n) => [String(n.id), n]));
  const lines: string[] = [label(byId.get(String(start))!)];
  const walk = (id: NodeId, dir: 'up' | 'down', prefix: string, seen: Set<string>): void => {
    const edges = g.edges.filter((e) => String(dir === 'up' ? e.from : e.to) === String(id));
    edges.forEach((e, i) => {
      const other = dir === 'up' ? e.to : e.from;
      const n = byId.get(String(other));
      if (!n) return;
      const last = i === edges.length - 1;
      lines.push(`${prefix}${last ? '└─' : '├─'}${dir === 'up' ? '↑' : '↓'} ${relationWords(e.relation)}: ${label(n)}`);
      if (!seen.has(String(other)))
        walk(other, dir, prefix + (last ? '   ' : '│  '), new Set([...seen, String(other)]));
    });
  };
  walk(start, 'up', '', new Set([String(start)]));
  walk(start, 'down', '', new Set([String(start)]));
  return lines.join('\n');
}

function findStart(archive: Archive, idOrRef: string): NodeId {
  const t = idOrRef.trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (/^p\d+$/.test(t)) return t;
  const matches = archive.findByRef(t);
  if (matches.length === 0) throw new VanthuError('NOT_FOUND', idOrRef);
  if (matches.length > 1) {
    const list = matches.map((m) => `  #${m.id} ${m.ref ?? ''} · ${m.date ?? ''} · ${m.issuer ?? ''}`).join('\n');
    throw new VanthuError(
      'INVALID_INPUT',
      `có ${matches.length} văn bản cùng số/ký hiệu "${idOrRef}"; chọn theo ID:\n${list}`,
    );
  }
  return matches[0]!.id;
}

export function registerGraphCommands(program: Command): void {
  program
    .command('graph')
    .description('sơ đồ văn bản: văn bản được thực hiện/căn cứ (lên) và văn bản thực hiện (xuống)')
    .argument('[idOrRef]', 'ID, số/ký hiệu (571-CV/TU) hoặc p<số> (văn bản chưa có trong kho)')
    .option('--up', 'chỉ chiều lên: văn bản mà văn bản này thực hiện, căn cứ')
    .option('--down', 'chỉ chiều xuống: văn bản thực hiện văn bản này')
    .addOption(new Option('--depth <n>', 'số bậc (1–10)').argParser(depthArg).default(2))
    .addOption(new Option('--max <n>', 'số nút tối đa').argParser(intOption(1)).default(5000))
    .option('--all', 'toàn bộ sơ đồ của kho')
    .option(
      '--json',
      'in dạng JSON: {nodes: [{id, ref, type, issuer, date, placeholder}], edges: [{from, to, relation, text}]}',
    )
    .addOption(archiveOption())
    .action(async (idOrRef: string | undefined, options: GraphOptions) => {
      await withArchive(options, (archive) => {
        if (options.all) {
          const g = archive.graph.all();
          if (options.json) printJson(graphJson(g));
          else
            process.stdout.write(
              `${g.nodes.length} nút (${g.nodes.filter((n) => n.placeholder).length} chưa có trong kho), ${g.edges.length} liên kết.\n`,
            );
          return;
        }
        if (!idOrRef) throw new VanthuError('INVALID_INPUT', 'cần ID hoặc số/ký hiệu, hoặc --all');
        const start = findStart(archive, idOrRef);
        const direction = options.up && !options.down ? 'up' : options.down && !options.up ? 'down' : 'both';
        const g = archive.graph.neighbourhood(start, direction, options.depth, options.max);
        if (options.json) printJson(graphJson(g));
        else {
          process.stdout.write(textTree(g, start) + '\n');
          if (g.truncated) process.stdout.write(`(đã dừng ở ${g.nodes.length} nút; dùng --max để xem thêm)\n`);
        }
      });
    });

  program
    .command('missing')
    .description('văn bản được viện dẫn nhưng chưa có trong kho, xếp theo số văn bản viện dẫn')
    .option('--json', 'in dạng JSON: [{ref, type, issuer, date, citations, citing: [{id, ref}]}]')
    .addOption(
      new Option('--limit <n>', 'số văn bản tối đa (nhiều trích dẫn trước)').argParser(intOption(1)).default(1000),
    )
    .addOption(archiveOption())
    .action(async (options: ArchiveOption & { json?: boolean; limit: number }) => {
      await withArchive(options, (archive) => {
        const { missing: rows, total } = archive.graph.missingPage(options.limit);
        if (options.json) {
          printJson(
            rows.map((r) => ({
              id: r.node.id,
              ref: r.node.ref,
              type: r.node.type,
              issuer: r.node.issuer,
              date: r.node.date,
              citations: r.citations,
              citing: r.citing.map((c) => ({ id: c.id, ref: c.ref, issuer: c.issuer, date: c.date })),
            })),
          );
          return;
        }
        if (rows.length === 0) {
          process.stdout.write('Mọi văn bản được viện dẫn đều đã có trong kho.\n');
          return;
        }
        process.stdout.write('VĂN BẢN CHƯA CÓ TRONG KHO (cần đề nghị cung cấp hoặc scan)\n');
        rows.forEach((r, i) => {
          process.stdout.write(
            `${String(i + 1).padStart(3)}. ${label(r.node)} — ${r.citing.length} văn bản viện dẫn\n`,
          );
          for (const c of r.citing.slice(0, 5)) process.stdout.write(`       ← ${label(c)}\n`);
          if (r.citing.length > 5) process.stdout.write(`       … và ${r.citing.length - 5} văn bản khác\n`);
        });
        // It stopped at 1,000 of 10,747 at 100k documents without a word.
        if (total > rows.length)
          process.stdout.write(`(hiện ${rows.length} trong ${total} văn bản; dùng --limit để xem thêm)\n`);
      });
    });

  program
    .command('pending')
    .description('trích dẫn cần văn thư xác nhận: khớp nhiều văn bản, hoặc cùng số nhưng khác ngày')
    .option(
      '--json',
      'in dạng JSON: [{edgeId, from: {id, ref}, text, reason, candidates: [{id, ref, issuer, date, fileName, format, importedAt}]}]',
    )
    .addOption(archiveOption())
    .action(async (options: ArchiveOption & { json?: boolean }) => {
      await withArchive(options, (archive) => {
        const rows = archive.graph.pending();
        if (options.json) {
          printJson(
            rows.map((p) => ({
              edgeId: p.edgeId,
              from: { id: p.from.id, ref: p.from.ref, issuer: p.from.issuer, date: p.from.date },
              text: p.text,
              reason: p.reason,
              candidates: p.candidates.map((c) => ({
                id: c.id,
                ref: c.ref,
                type: c.type,
                issuer: c.issuer,
                date: c.date,
                fileName: c.source?.fileName ?? null,
                format: c.source?.format ?? null,
                importedAt: c.source?.importedAt ?? null,
              })),
            })),
          );
          return;
        }
        if (rows.length === 0) {
          process.stdout.write('Không có trích dẫn nào cần xác nhận.\n');
          return;
        }
        process.stdout.write('TRÍCH DẪN CẦN VĂN THƯ XÁC NHẬN\n');
        rows.forEach((p, i) => {
          process.stdout.write(`${String(i + 1).padStart(3)}. ${label(p.from)} — liên kết ${p.edgeId}\n`);
          process.stdout.write(`       «${p.text}»\n`);
          process.stdout.write(
            `       ${p.reason === 'uncertain' ? 'Nhiều văn bản phù hợp:' : 'Cùng số và cơ quan ban hành nhưng khác ngày:'}\n`,
          );
          for (const c of p.candidates)
            process.stdout.write(`       → ${label(c)}${c.source ? ` · ${sourceText(c.source)}` : ''}\n`);
        });
      });
    });

  program
    .command('resolve')
    .description('liên kết lại toàn bộ trích dẫn với văn bản trong kho (giữ các quyết định của văn thư)')
    .option('--json', 'in dạng JSON')
    .addOption(archiveOption())
    .action(async (options: ArchiveOption & { json?: boolean }) => {
      await withArchive(options, (archive) => {
        const r = archive.graph.resolveAll();
        if (options.json) printJson(r);
        else
          process.stdout.write(
            `${r.citations} trích dẫn trong ${r.documents} văn bản: ${r.resolved} đã liên kết, ${r.missing} chưa có trong kho (${r.placeholders} văn bản), ` +
              `${r.uncertain} cần văn thư xác nhận, ${r.ignored} không đủ thông tin (${r.ms} ms).\n` +
              (r.written
                ? `Đã ghi: ${r.written.edgesInserted} liên kết mới, ${r.written.edgesUpdated} thay đổi, ${r.written.edgesDeleted} bỏ.\n`
                : ''),
          );
      });
    });
}

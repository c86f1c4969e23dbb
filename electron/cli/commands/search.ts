/** `vanthu search "<query>"`: the same query language as the search box (docs/search.md). */
import { Option, type Command } from 'commander';
import { VanthuError } from '../../../shared/api/errors';
import { markSnippet } from '../../../shared/search/highlight';
import { vnDate } from '../../../shared/search/export';
import type { SearchResponse } from '../../../shared/search/types';
import { archiveOption, printJson, withArchive, EXIT_FAILURES, type ArchiveOption } from '../common';
import { intOption } from '../usage';

interface SearchOptions extends ArchiveOption {
  json?: boolean;
  limit: number;
  sort: 'relevance' | 'date';
  offset: number;
}

function textReport(r: SearchResponse): string {
  const lines: string[] = [];
  for (const w of r.warnings) lines.push(`! ${w}`);
  if (r.items.length === 0 && r.total > 0 && r.offset > 0) {
    // --offset past the last result: the search did find documents.
    lines.push(`${r.totalExact ? r.total : `hơn ${r.total}`} văn bản; không còn kết quả sau vị trí ${r.offset}.`);
    return lines.join('\n');
  }
  if (r.items.length === 0) {
    lines.push('Không tìm thấy văn bản nào.' + (r.didYouMean ? ` Có phải bạn muốn tìm: ${r.didYouMean}` : ''));
    return lines.join('\n');
  }
  r.items.forEach((hit, i) => {
    const head = [hit.ref ?? '(không số)', hit.type, vnDate(hit.date), hit.issuer].filter(Boolean).join(' · ');
    lines.push(`${String(r.offset + i + 1).padStart(3)}. [${hit.id}] ${head}`);
    if (hit.subject) lines.push(`     ${hit.subject.replace(/\s+/g, ' ')}`);
    if (hit.snippet) lines.push(`     ${markSnippet({ text: hit.snippet, highlights: hit.highlights })}`);
  });
  const total = r.totalExact ? `${r.total}` : `hơn ${r.total}`;
  lines.push('', `${total} văn bản; hiện ${r.offset + 1}–${r.offset + r.items.length} (${r.tookMs.toFixed(1)} ms).`);
  return lines.join('\n');
}

export function registerSearchCommands(program: Command): void {
  program
    .command('search')
    .description('tìm văn bản: từ có/không dấu, "cụm từ", -loại trừ, OR, so: loai: coquan: nguoiky: nam: tu: den: cap:')
    .argument('<query>', 'câu tìm kiếm, ví dụ "phong chong dich" coquan:"Tỉnh ủy" nam:2021')
    .option('--json', 'in dạng JSON: [{id, ref, type, issuer, date, subject, snippet, score}]')
    .addOption(new Option('--limit <n>', 'số kết quả tối đa').argParser(intOption(1)).default(20))
    .addOption(new Option('--offset <n>', 'bỏ qua n kết quả đầu').argParser(intOption(0)).default(0))
    .addOption(new Option('--sort <order>', 'thứ tự').choices(['relevance', 'date']).default('relevance'))
    .addOption(archiveOption())
    .action(async (query: string, options: SearchOptions) => {
      // The app's empty box lists everything; here an empty query is a mistake worth saying so.
      if (query.trim() === '')
        throw new VanthuError(
          'QUERY_INVALID',
          'câu tìm kiếm trống; ví dụ: vanthu search "phong chong dich". Xem mọi văn bản: vanthu list',
        );
      await withArchive(options, (archive) => {
        const r = archive.search.search({
          query,
          sort: options.sort,
          limit: Math.min(options.limit, 500),
          offset: options.offset,
          facets: false,
        });
        if (options.json) {
          printJson(
            r.items.map((h) => ({
              id: h.id,
              ref: h.ref,
              type: h.type,
              issuer: h.issuer,
              date: h.date,
              subject: h.subject,
              snippet: h.snippet,
              score: h.score,
            })),
          );
          for (const w of r.warnings) process.stderr.write(`! ${w}\n`);
        } else process.stdout.write(textReport(r) + '\n');
        if (r.items.length === 0) process.exitCode = EXIT_FAILURES;
      });
    });
}

/**
 * Directive parser: normalize → tokenize → header → signature/recipients → issuer → citations → tasks.
 *
 * Spans are UTF-16 offsets into `normalizeText(input)`. Callers store that normalized text (the
 * import pipeline already does), so for them the offsets index their stored text directly.
 * Never throws: an internal error yields an empty result with a warning.
 */
import { emptyParseResult, type FieldEvidence, type MetaField, type ParseResult, type Span } from '../model/directive';
import { normalizeText } from '../text/vietnamese';
import { extractCitations } from './citations';
import { extractHeader, type Header } from './header';
import {
  communeFromText,
  describeIssuer,
  districtFromText,
  provinceFromText,
  qualifyIssuer,
  type PlaceContext,
} from './issuer';
import { extractSignature, type Signature } from './signature';
import { extractTasks } from './tasks';
import { clampSpan, cleanValue, makeNormalizedDoc, type Doc } from './text';
import { issuerCodeInfo, tokenize, type Tokens } from './tokenize';

export { normalizeText };
export type { ParseResult };

const PERSON_TITLE_RE = /(?:Phó Bí thư|Bí thư|Phó Chủ tịch|Chủ tịch|Giám đốc|Trưởng ban)\s+(.+)$/u;
const OF_BODY_RE =
  /(?:^|\s)(?:của|CỦA)\s+(.+?)(?=\s+(?:V\/v|v\/v|về|tại|trong|đối với|năm|nhiệm kỳ)(?![\p{L}])|[,;.(]|$)/u;
const CLOSING_ISSUER_RE =
  /(?:^|\n)[*\s]*((?:Văn phòng|Ban Thường vụ|Thường trực|Ban Chấp hành|Ban Tuyên giáo|Ủy ban nhân dân|UBND)[^\n.,;]{0,60}?)\s+thông báo(?![\p{L}])/u;
const CAPACITY_BODY_RE = /^(?:T\/M|TM\.?)\s+(.+?)(?:\s+(?:PHÓ |CHÁNH |KT\.|K\/T|CHỦ |BÍ |GIÁM |TRƯỞNG ).*)?$/u;

/** Body that issued a document without a header: title "… của X", "X thông báo", the signature. */
function inferIssuer(
  doc: Doc,
  header: Header,
  sig: Signature,
): { issuer: string; span: Span; confidence: number } | null {
  const subject = header.subject ?? '';
  const of = OF_BODY_RE.exec(subject);
  if (of && header.subjectSpan) {
    let body = of[1]!.trim();
    const person = /^đồng chí\s/iu.test(body) ? PERSON_TITLE_RE.exec(body) : null;
    if (person) body = person[1]!.trim();
    else if (/^đồng chí\s/iu.test(body)) body = '';
    if (body && describeIssuer(body).kind)
      return { issuer: body, span: header.subjectSpan, confidence: person ? 0.6 : 0.75 };
  }
  const closing = CLOSING_ISSUER_RE.exec(
    doc.text.slice(0, sig.bodyEndLine < doc.lines.length ? doc.lines[sig.bodyEndLine]!.start : doc.text.length),
  );
  const capacity = sig.capacity ? CAPACITY_BODY_RE.exec(sig.capacity) : null;
  if (capacity && sig.capacitySpan) {
    const body = capacity[1]!;
    const cased = body.toLowerCase().replace(/(^|\s)(\p{L})/gu, (_m, s: string, c: string) => s + c.toUpperCase());
    const normalized = cased
      .replace(/ Ủy$/u, ' ủy')
      .replace(/ Vụ$/u, ' vụ')
      .replace(/Nhân Dân/u, 'nhân dân');
    if (!/^Ban Thường vụ$|^Ban Chấp hành$/u.test(normalized))
      return { issuer: normalized, span: sig.capacitySpan, confidence: 0.6 };
  }
  if (closing) {
    const start = closing.index + closing[0].indexOf(closing[1]!);
    return { issuer: closing[1]!.trim(), span: { start, end: start + closing[1]!.length }, confidence: 0.5 };
  }
  return null;
}

function commonCommittee(doc: Doc): string | null {
  // "T/M BAN THƯỜNG VỤ" without a header: the committee the body names most.
  const counts: Record<string, number> = { 'Tỉnh ủy': 0, 'Huyện ủy': 0, 'Thành ủy': 0, 'Đảng ủy': 0 };
  for (const m of doc.folded.matchAll(/(?<![\p{L}])(tinh uy|huyen uy|thanh uy|dang uy)(?![\p{L}])/gu)) {
    const key = { 'tinh uy': 'Tỉnh ủy', 'huyen uy': 'Huyện ủy', 'thanh uy': 'Thành ủy', 'dang uy': 'Đảng ủy' }[m[1]!]!;
    counts[key]!++;
  }
  let best: string | null = null;
  for (const [k, n] of Object.entries(counts)) if (n > 0 && (!best || n > counts[best]!)) best = k;
  return best;
}

function placeFromIssuer(issuer: string | null, re: RegExp): string | null {
  if (!issuer) return null;
  const m = re.exec(issuer);
  return m ? m[1]!.trim() : null;
}

const DISTRICT_OF_ISSUER_RE = /(?:huyện|quận|thị xã|Huyện ủy|Quận ủy|Thị ủy)\s+(\p{Lu}[\p{L} ]*)$/u;
const COMMUNE_OF_ISSUER_RE = /(?:xã|phường|thị trấn|đặc khu)\s+(\p{Lu}[\p{L} ]*)$/u;

function run(doc: Doc): ParseResult {
  const result = emptyParseResult();
  const text = doc.text;
  const tokens: Tokens = tokenize(doc);
  const header = extractHeader(doc, tokens);
  const sig = extractSignature(doc, header.kinhGuiLine, header.bodyStartLine);
  const fields: Partial<Record<MetaField, FieldEvidence>> = {};
  const set = <K extends MetaField>(key: K, value: ParseResult[K], span: Span | null, confidence: number) => {
    if (value === null || value === undefined) return;
    (result as unknown as Record<string, unknown>)[key] = value;
    fields[key] = { span: span ? clampSpan(span.start, span.end, text.length) : null, confidence };
  };

  set('type', header.type, header.typeSpan, header.typeConfidence);
  if (header.ref) {
    set('ref', header.ref.ref, header.ref, 0.95);
    set('number', header.ref.number, header.ref, 0.95);
    set('symbol', header.ref.symbol, header.ref, 0.95);
  }

  // ---- Issuer, level, kind ----
  let issuer = header.issuer;
  let issuerSpan = header.issuerSpan;
  let issuerConfidence = 0.9;
  if (!issuer) {
    const inferred = inferIssuer(doc, header, sig);
    if (inferred) {
      issuer = inferred.issuer;
      issuerSpan = inferred.span;
      issuerConfidence = inferred.confidence;
    }
  }
  if (issuer && /^Ban Thường vụ$|^Ban Chấp hành$/u.test(issuer)) {
    const committee = commonCommittee(doc);
    if (committee) issuer = `${issuer} ${committee}`;
  }
  const codeInfo = header.ref ? issuerCodeInfo(header.ref.issuerCode) : null;
  const described = issuer ? describeIssuer(issuer) : { level: null, kind: null };
  const signedParty = sig.capacity ? /^(?:T\/M|K\/T|T\/L)/.test(sig.capacity) : false;
  const signedState = sig.capacity ? /^(?:TM\.|KT\.|TL\.|TUQ\.)/.test(sig.capacity) : false;
  const kind =
    described.kind ??
    header.headerKind ??
    codeInfo?.kind ??
    (header.ref ? header.ref.style : null) ??
    (signedParty ? 'party' : signedState ? 'state' : null);
  // An office under "UBND HUYỆN X" has the level of the body above it.
  const level =
    described.level ?? (header.superior ? describeIssuer(header.superior).level : null) ?? codeInfo?.level ?? null;

  // ---- Places ----
  // Central bodies sit in Hà Nội; that is their seat, not a province they belong to.
  let province = level === 'central' ? null : header.province;
  let provinceSpan = level === 'central' ? null : header.provinceSpan;
  if (!province && level !== 'central') {
    const p = provinceFromText(doc);
    if (p) {
      province = p.name;
      provinceSpan = { start: p.start, end: p.end };
    }
  }
  const districtFromIssuer = placeFromIssuer(issuer, DISTRICT_OF_ISSUER_RE);
  const communeFromIssuer = placeFromIssuer(issuer, COMMUNE_OF_ISSUER_RE);
  const places: PlaceContext = {
    province,
    district:
      districtFromIssuer ??
      (level === 'district' && header.place && header.place !== province ? header.place : null) ??
      districtFromText(doc),
    commune:
      communeFromIssuer ??
      (level === 'commune' && header.place && header.place !== province ? header.place : null) ??
      communeFromText(doc),
  };
  if (issuer && !header.issuer) issuer = qualifyIssuer(issuer, places);

  set('issuer', issuer, issuerSpan, issuerConfidence);
  set('issuerLevel', level, issuerSpan, level ? issuerConfidence : 0);
  set('issuerKind', kind, issuerSpan, kind ? issuerConfidence : 0);
  set('province', province, provinceSpan, header.province ? 0.9 : 0.6);
  set('date', header.date, header.dateSpan, header.dateConfidence);
  set('place', header.place, header.placeSpan, 0.9);
  set('subject', header.subject, header.subjectSpan, 0.85);
  set('signer', sig.signer, sig.signerSpan, sig.signerConfidence);
  set('signerCapacity', sig.capacity ? cleanValue(sig.capacity) : null, sig.capacitySpan, 0.9);
  result.recipients = sig.recipients.map((r) => ({ ...r, span: clampSpan(r.span.start, r.span.end, text.length) }));

  // ---- Citations ----
  const excluded: Span[] = sig.recipients.map((r) => r.span);
  if (header.ref) excluded.push({ start: header.ref.start, end: header.ref.end });
  if (header.dateSpan && header.place) excluded.push(header.dateSpan);
  result.citations = extractCitations(doc, tokens, { ownType: result.type, ownRef: header.ref, excluded, places }).map(
    (c) => {
      const span = clampSpan(c.start, c.end, text.length);
      return { ...c, start: span.start, end: span.end };
    },
  );

  // ---- Tasks ----
  result.tasks = extractTasks(doc, header.bodyStartLine, sig.bodyEndLine, result.date);
  result.fields = fields;
  if (!result.type) result.warnings.push('type not found');
  if (!result.date) result.warnings.push('no date of its own');
  return result;
}

/**
 * What a document's stored text parses to, on import and on re-parsing alike: nothing at all for a
 * text with nothing in it (a scan without a text layer), whose notes ("type not found", "no date of
 * its own") would only repeat that it is a scan.
 */
export function parseDocumentText(text: string, parse: (text: string) => ParseResult = parseDirective): ParseResult {
  return text.trim() === '' ? emptyParseResult() : parse(text);
}

/** Parses one directive. `input` should already be normalizeText()-ed; spans index that text. */
export function parseDirective(input: string): ParseResult {
  try {
    return run(makeNormalizedDoc(typeof input === 'string' ? input : String(input ?? '')));
  } catch (error) {
    const result = emptyParseResult();
    result.warnings.push(`parser error: ${error instanceof Error ? error.message : String(error)}`);
    return result;
  }
}

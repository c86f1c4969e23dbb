/**
 * Stage 5: references to other documents (docs/domain.md §6). Anchored on REF tokens (and on a
 * type noun directly followed by a date for citations without a number); reads back to the type
 * noun, forward to "ngày …" and "của <issuer>", then back again for the relation cue.
 * Short forms resolve backward only, to the nearest earlier full citation.
 */
import type { Citation, CitationRelation } from '../model/directive';
import { normalizeCitedIssuer, PROVINCE_ALTERNATION, type PlaceContext } from './issuer';
import {
  ISSUER_BODIES,
  ISSUER_MAX_SYLLABLES,
  NAMED_LEGAL_TYPES,
  PLACE_NAME_MAX_SYLLABLES,
  RELATION_LOOKBACK,
  TYPE_NOUN_GAP_MAX,
} from './tables';
import {
  blankSeparatedCount,
  foldedAlternation,
  foldPhrase,
  singleSpaced,
  startsLower,
  startsUpper,
  type Doc,
} from './text';
import { issuerCodeInfo, type DateToken, type RefToken, type Tokens, type TypeNounToken } from './tokenize';

export interface CitationContext {
  ownType: string | null;
  ownRef: RefToken | null;
  /** Offsets that belong to the document's own header or recipient lists, never citations. */
  excluded: { start: number; end: number }[];
  places: PlaceContext;
}

interface Draft extends Citation {
  /** End of number and date, before "của": a shared-type list continues from here. */
  coreEnd: number;
  group: number;
  issuerFromGroup: boolean;
}

const GAP_NOUN_TO_REF = /^\s*(?:số|so)?\s*[:.]?\s*$/u;
const LIST_SEPARATOR = /^\s*(?:[,;]|\s|và|va|&)*\s*$/u;
const DATE_LEAD = /^\s*[,(]?\s*(?:ban hành\s+|ban hanh\s+)?$/u;
const CUA_RE = /^\s*,?\s*(?:của|cua)\s+/u;
/** Words that end an issuer name: the summary ("về …"), a place of issue ("tại …"), a clause. */
const ISSUER_STOP = new Set([
  've',
  'v/v',
  'tai',
  'trong',
  'nham',
  'doi',
  'theo',
  'quy',
  'huong',
  'ban',
  'phe',
  'sua',
  'dinh',
  'thuc',
  'trien',
  'ngay',
  'so',
  'da',
  'duoc',
  'de',
  'cho',
  'la',
  'nay',
  'tren',
  'neu',
  'chi',
  'yeu',
  'ket',
  'nhu',
  've,',
  'viec',
  'va',
  'voi',
  'khi',
  'thi',
  'gui',
  'tu',
  'den',
  'dang',
  'ma',
  'con',
  'cung',
  'co',
  'tuyet',
  'trien',
  'chu',
  'thong',
]);
/** Words that may follow "ban" / "chỉ" / "thông" inside a name ("Ban Bí thư", "Thông tin"). */
const NAME_CONTINUES_AFTER_STOP = /^(?:ban|chi|thong|tu|dang|chu|quy|dinh|huong|ket|de)$/;
const SELF_WORDS = /^\s+(?:này|nay)(?![\p{L}])/u;
const BACK_WORDS = /^\s+(?:nêu trên|nói trên|trên|đã nêu|vừa nêu|nêu|dẫn trên)(?![\p{L}])/u;

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Parts of a name that the stop-word cut must not split, tried (sticky, on the folded text) at each
 * word: a body name from ISSUER_BODIES ("Ủy ban nhân dân": "ban" alone would end the name), a unit
 * word ("thị xã": "thị" alone would), and after a unit word a whole province name from the table
 * ("Sơn La", "Đà Nẵng", "Bà Rịa - Vũng Tàu": "la", "đà" are stop words).
 */
const BODY_AT = new RegExp(`(?:${foldedAlternation(ISSUER_BODIES.map((b) => b.name))})(?![\\p{L}\\d])`, 'uy');
const UNIT_AT =
  /(?:thi xa|thi tran|thanh pho|dac khu|tinh uy|huyen uy|thanh uy|quan uy|thi uy|dang uy|dang bo|tinh|huyen|quan|xa|phuong)(?![\p{L}\d])/uy;
const PROVINCE_AT = new RegExp(`(?:${PROVINCE_ALTERNATION})(?![\\p{L}\\d])`, 'uy');
/** Capitalised words after a unit word are a place name ("huyện Mường La"), except these. */
const NOT_IN_PLACE = new Set(['ve', 'v/v', 'ngay', 'so', 'tai', 'theo']);
const NAME_GAP_BREAK = /[,;.:()“”"'!?]|\n\s*\n/;

function stickyAt(re: RegExp, s: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(s);
  return m ? m[0] : null;
}

/** "của Ban Thường vụ Tỉnh ủy về …" → "Ban Thường vụ Tỉnh ủy"; line breaks count as spaces. */
function readIssuer(doc: Doc, from: number): { text: string; start: number; end: number } | null {
  const rest = doc.text.slice(from, from + 220);
  const m = CUA_RE.exec(rest);
  if (!m) return null;
  const start = from + m[0].length;
  let pos = start;
  let end = start;
  let words = 0;
  /** Syllables of the place name being read after a unit word; 0 outside one. */
  let inPlace = 0;
  const wordRe = /[^\s,;.:()“”"'!?]+/gu;
  wordRe.lastIndex = 0;
  const slice = doc.text.slice(start, start + 200);
  const folded = doc.folded.slice(start, start + 200);
  for (let w = wordRe.exec(slice); w; w = wordRe.exec(slice)) {
    // Only spaces (or one line break) may separate words of a name.
    const gap = slice.slice(pos - start, w.index);
    if (NAME_GAP_BREAK.test(gap)) break;
    const upper = startsUpper(w[0]);
    // A whole body, unit word or province name: its words are never cut.
    const whole =
      (upper ? stickyAt(BODY_AT, folded, w.index) : null) ??
      stickyAt(UNIT_AT, folded, w.index) ??
      (inPlace === 1 && upper ? stickyAt(PROVINCE_AT, folded, w.index) : null);
    if (whole && !NAME_GAP_BREAK.test(whole)) {
      const isUnit = stickyAt(UNIT_AT, folded, w.index) === whole;
      const syllables = blankSeparatedCount(whole);
      if (words + syllables > ISSUER_MAX_SYLLABLES) break;
      words += syllables;
      pos = start + w.index + whole.length;
      end = pos;
      wordRe.lastIndex = w.index + whole.length;
      // After a province name the place is complete; after a unit word one starts.
      inPlace = isUnit || /(?:uy|bo)$/.test(whole) ? 1 : 0;
      continue;
    }
    const fw = folded.slice(w.index, w.index + w[0].length);
    const placeWord = inPlace > 0 && inPlace <= PLACE_NAME_MAX_SYLLABLES && upper && !NOT_IN_PLACE.has(fw);
    if (!placeWord && words > 0 && ISSUER_STOP.has(fw) && !(upper && NAME_CONTINUES_AFTER_STOP.test(fw))) {
      // "và" continues a name only before a capitalised word ("Bộ Giáo dục và Đào tạo").
      if (fw === 'va') {
        const next = /^\s+(\S+)/u.exec(slice.slice(w.index + w[0].length));
        if (
          next &&
          startsUpper(next[1]!) &&
          !/^(?:Công|Chỉ|Nghị|Quyết|Kế|Thông|Kết|Hướng|Văn|Luật|Quy)$/u.test(next[1]!)
        ) {
          pos = w.index + w[0].length + start;
          words++;
          inPlace = 0;
          continue;
        }
      }
      break;
    }
    if (++words > ISSUER_MAX_SYLLABLES) break;
    pos = start + w.index + w[0].length;
    end = pos;
    inPlace = placeWord ? inPlace + 1 : 0;
  }
  if (end <= start) return null;
  const text = singleSpaced(doc.text.slice(start, end)).trim();
  return text ? { text, start, end } : null;
}

function dateAfter(dates: DateToken[], doc: Doc, from: number): DateToken | null {
  for (const d of dates) {
    if (d.start < from) continue;
    const gap = doc.folded.slice(from, d.start);
    return DATE_LEAD.test(gap) && gap.length <= 24 ? d : null;
  }
  return null;
}

function nounBefore(nouns: TypeNounToken[], doc: Doc, at: number): TypeNounToken | null {
  for (let k = nouns.length - 1; k >= 0; k--) {
    const n = nouns[k]!;
    if (n.end > at) continue;
    if (at - n.end > TYPE_NOUN_GAP_MAX) return null;
    return GAP_NOUN_TO_REF.test(doc.folded.slice(n.end, at).replace(/\n/g, ' ')) ? n : null;
  }
  return null;
}

const SENTENCE_BREAK_RE =
  /[.!?]["”]?\s+(?=\p{Lu})|\n\s*\n|\n(?=\s*(?:\d{1,2}[.)]|[a-zđ]\)|[-+•]\s|[IVX]+\.))|;\s*\n|:\s*\n/gu;

/** Start of the sentence containing `at`: after ". X", a blank line, or a new list item. */
function sentenceStart(doc: Doc, at: number): number {
  const from = Math.max(0, at - RELATION_LOOKBACK);
  const window = doc.text.slice(from, at);
  let best = 0;
  const re = SENTENCE_BREAK_RE;
  re.lastIndex = 0;
  for (let m = re.exec(window); m; m = re.exec(window)) best = m.index + m[0].length;
  return from + best;
}

/**
 * The last cue that starts in [from, to). A cue may run into the citation's own type noun
 * ("Xét Tờ trình số …"); a cue that starts inside it is part of its name ("Luật sửa đổi, bổ sung …").
 * "báo cáo / đánh giá kết quả (5 năm) thực hiện X" reports on X rather than carrying it out.
 */
const RESULT_OF_RE = /(?<![\p{L}])ket qua(?![\p{L}])/u;

function relationBefore(doc: Doc, tokens: Tokens, from: number, to: number): CitationRelation | null {
  let found: { start: number; end: number; relation: CitationRelation } | null = null;
  for (const c of tokens.cues) {
    if (c.start >= to) break;
    if (c.start >= from && (!found || c.end >= found.end)) found = c;
  }
  if (!found) return null;
  if (
    found.relation === 'implements' &&
    RESULT_OF_RE.test(doc.folded.slice(Math.max(from, found.start - 40), found.start))
  )
    return 'reports';
  return found.relation;
}

/** "(sau đây gọi tắt là Chỉ thị 23)": the alias being defined, not another reference. */
const ALIAS_LEAD_RE = /(?:goi tat|viet tat|goi chung|goi)\s+la\s*$/u;

/** A named law's name up to its date: "Luật sửa đổi, bổ sung …", "Luật Phòng, chống thiên tai". */
const LAW_NAME_RE =
  /^\s+(?:(?:sửa đổi,? bổ sung|sửa đổi|bổ sung)\s[^\n;.:()]{0,160}?|\p{Lu}(?:[^\n,;.:()]|,(?=\s\p{Ll})){0,80}?)(?=\s+ngày\s)/u;
/** "Chỉ thị 23", "Chỉ thị số 23": the number of a short form. */
const SHORT_FORM_NUMBER_RE = /^\s+(?:số\s+)?(\d{1,5})(?![\d/\-\p{L}])/u;

export function extractCitations(doc: Doc, tokens: Tokens, ctx: CitationContext): Citation[] {
  const drafts: Draft[] = [];
  const isExcluded = (span: { start: number; end: number }) => ctx.excluded.some((e) => overlaps(e, span));
  let group = 0;

  for (const ref of tokens.refs) {
    if (isExcluded(ref)) continue;
    if (ctx.ownRef?.number && ref.ref === ctx.ownRef.ref) continue;
    const noun = nounBefore(tokens.typeNouns, doc, ref.start);
    const prev = drafts[drafts.length - 1];
    let type: string | null;
    let start: number;
    let inGroup = false;
    if (noun) {
      type = noun.type ?? ref.typeFromCode;
      start = noun.start;
    } else if (
      prev &&
      prev.number &&
      ref.start >= prev.coreEnd &&
      LIST_SEPARATOR.test(doc.folded.slice(prev.coreEnd, ref.start)) &&
      ref.start - prev.coreEnd < 12
    ) {
      // Shared type: "Chỉ thị số 15/CT-TTg, 16/CT-TTg và 19/CT-TTg" — one noun, three numbers.
      type = prev.type;
      start = ref.start;
      inGroup = true;
    } else {
      type = ref.typeFromCode;
      start = ref.start;
    }
    const date = dateAfter(tokens.dates, doc, ref.end);
    const coreEnd = date ? date.end : ref.end;
    let issuer = readIssuer(doc, coreEnd);
    let dateToken = date;
    if (!date && issuer) {
      // "… của UBND tỉnh ngày 5/3/2021": date after the issuer.
      const late = dateAfter(tokens.dates, doc, issuer.end);
      if (late) dateToken = late;
    }
    // Lower-case continuations ("của mình", "của từng địa phương") are not issuers.
    if (issuer && startsLower(issuer.text) && !/^(?:các|những|đồng chí)\s/u.test(issuer.text)) issuer = null;
    const end = Math.max(issuer ? issuer.end : 0, dateToken ? dateToken.end : 0, ref.end);
    if (!inGroup) group++;
    drafts.push({
      text: doc.text.slice(start, end),
      start,
      end,
      type,
      ref: ref.ref,
      number: ref.number,
      symbol: ref.symbol,
      date: dateToken?.iso ?? null,
      issuer: issuer?.text ?? null,
      issuerNormalized: null,
      relation: 'mentions',
      coreEnd: issuer ? issuer.end : coreEnd,
      group,
      issuerFromGroup: false,
    });
  }

  // Citations without a number: "Công điện ngày 27 tháng 4 năm 2021 của Thường trực Ban Bí thư".
  for (const noun of tokens.typeNouns) {
    if (!noun.type || noun.abbreviation || isExcluded(noun)) continue;
    if (drafts.some((d) => overlaps(d, noun))) continue;
    const printed = doc.text.slice(noun.start, noun.end);
    let from = noun.end;
    if (NAMED_LEGAL_TYPES.includes(noun.type)) {
      // "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015": a capitalised name, then the date.
      // "Luật sửa đổi, bổ sung một số điều của Luật … ngày …" is one law's name; so is "Luật Phòng, chống thiên tai".
      const name = LAW_NAME_RE.exec(doc.text.slice(noun.end, noun.end + 200));
      if (name) from = noun.end + name[0].length;
    } else if (
      !startsUpper(printed) &&
      !/^(?:công điện|công văn|nghị quyết|chỉ thị|kết luận|thông báo|quyết định)$/u.test(printed.toLowerCase())
    ) {
      continue;
    }
    const date = dateAfter(tokens.dates, doc, from);
    if (!date || date.start - from > 6) continue;
    if (/(?:số|so)\s*$/u.test(doc.folded.slice(noun.start - 5, noun.start))) continue;
    const issuer = readIssuer(doc, date.end);
    const end = issuer ? issuer.end : date.end;
    group++;
    drafts.push({
      text: doc.text.slice(noun.start, end),
      start: noun.start,
      end,
      type: noun.type,
      ref: null,
      number: null,
      symbol: null,
      date: date.iso,
      issuer: issuer?.text ?? null,
      issuerNormalized: null,
      relation: 'mentions',
      coreEnd: end,
      group,
      issuerFromGroup: false,
    });
  }
  drafts.sort((a, b) => a.start - b.start);

  // A shared-type list names its issuer once, after the last number.
  const byGroup = new Map<number, Draft[]>();
  for (const d of drafts) byGroup.set(d.group, [...(byGroup.get(d.group) ?? []), d]);
  for (const members of byGroup.values()) {
    if (members.length < 2) continue;
    const withIssuer = [...members].reverse().find((m) => m.issuer);
    for (const m of members) {
      if (!m.issuer && withIssuer) {
        m.issuer = withIssuer.issuer;
        m.issuerFromGroup = true;
      }
      m.type ??= members[0]!.type;
    }
  }

  // Short forms: "Công văn nêu trên", "Chỉ thị này", "Chỉ thị 16".
  const shorts: Draft[] = [];
  for (const noun of tokens.typeNouns) {
    if (!noun.type || isExcluded(noun) || drafts.some((d) => overlaps(d, noun))) continue;
    const after = doc.text.slice(noun.end, noun.end + 24);
    const self = SELF_WORDS.exec(after);
    const back = BACK_WORDS.exec(after);
    const byNumber = SHORT_FORM_NUMBER_RE.exec(after);
    const m = self ?? back ?? byNumber;
    if (!m) continue;
    if (ALIAS_LEAD_RE.test(doc.folded.slice(Math.max(0, noun.start - 24), noun.start))) continue;
    const earlier = drafts.filter((d) => d.end <= noun.start && d.type === noun.type && !d.shortFormOf);
    let target: Draft | undefined;
    if (byNumber && m === byNumber)
      target = [...earlier].reverse().find((d) => d.number && Number(d.number) === Number(byNumber[1]));
    else target = earlier[earlier.length - 1];
    const ownTypeFold = ctx.ownType ? foldPhrase(ctx.ownType) : '';
    const isOwnType = ownTypeFold.startsWith(foldPhrase(noun.type));
    if (!target) {
      // "Công văn này" is the document itself; an unresolved "nêu trên" is still a reference.
      if (m !== back || isOwnType) continue;
    }
    // "Công văn này" in a công văn is the document itself, whatever was cited before.
    if (m === self && isOwnType) continue;
    const end = noun.end + m[0].length;
    shorts.push({
      text: doc.text.slice(noun.start, end),
      start: noun.start,
      end,
      type: noun.type,
      ref: target?.ref ?? null,
      number: target?.number ?? null,
      symbol: target?.symbol ?? null,
      date: target?.date ?? null,
      issuer: target?.issuer ?? null,
      issuerNormalized: null,
      relation: 'mentions',
      shortFormOf: target ? drafts.indexOf(target) : null,
      coreEnd: end,
      group: -1,
      issuerFromGroup: false,
    });
  }

  const all = [...drafts, ...shorts].sort((a, b) => a.start - b.start);
  // shortFormOf is an index into the final list.
  const finalIndex = new Map<Draft, number>(all.map((d, i) => [d, i]));
  for (const s of shorts)
    if (s.shortFormOf !== null && s.shortFormOf !== undefined)
      s.shortFormOf = finalIndex.get(drafts[s.shortFormOf]!) ?? null;

  // Relations: the nearest cue in the citing clause; list members inherit from the one before.
  let prevInSentence: Draft | null = null;
  for (const c of all) {
    const sStart = sentenceStart(doc, c.start);
    const prev = prevInSentence && prevInSentence.end > sStart && prevInSentence.end <= c.start ? prevInSentence : null;
    let from = sStart;
    if (prev) {
      const between = doc.text.slice(prev.end, c.start);
      const lastSemi = between.lastIndexOf(';');
      from = lastSemi >= 0 ? prev.end + lastSemi + 1 : prev.end;
    }
    const relation = relationBefore(doc, tokens, from, c.start);
    c.relation = relation ?? (prev ? prev.relation : 'mentions');
    if (c.group >= 0 && prev && prev.group === c.group && !relation) c.relation = prev.relation;
    prevInSentence = c;
  }

  return all.map((d) => {
    let issuerNormalized: string | null = null;
    if (d.issuer) issuerNormalized = normalizeCitedIssuer(d.issuer, ctx.places);
    else if (d.ref) {
      // No "của …": the issuer code still names central bodies and, in context, the own committee.
      const fromCode = partyOrStateIssuerCode(d);
      const info = fromCode ? issuerCodeInfo(fromCode) : null;
      if (info?.level === 'central') issuerNormalized = info.name;
      else if (info && (info.level === 'province' || info.level === 'district'))
        issuerNormalized = normalizeCitedIssuer(info.name, ctx.places);
    }
    const out: Citation = {
      text: d.text,
      start: d.start,
      end: d.end,
      type: d.type,
      ref: d.ref,
      number: d.number,
      symbol: d.symbol,
      date: d.date,
      issuer: d.issuer,
      issuerNormalized,
      relation: d.relation,
    };
    if (d.shortFormOf !== undefined) out.shortFormOf = d.shortFormOf;
    return out;
  });
}

function partyOrStateIssuerCode(d: Draft): string | null {
  if (!d.ref || !d.symbol) return null;
  if (/^\d+-/.test(d.ref)) return d.symbol.split('/')[1]?.split('-')[0] ?? null;
  const codes = d.symbol.replace(/^\d{4}\//, '').split('-');
  return codes.length > 1 ? codes[1]! : codes[0]!;
}

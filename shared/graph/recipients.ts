/**
 * What a plural recipient of «Nơi nhận» names, for implementation coverage (GraphService.coverage):
 * "Các huyện ủy, thị ủy, thành ủy" names kinds of body, "Các xã, thị trấn" levels of place, "Các
 * cơ quan, đơn vị" nobody in particular. A document implements for the group when its issuer is
 * one of those bodies or at one of those levels; only a group naming nobody in particular takes any
 * document from a lower level (the rule before, which also let a commune's plan answer for «Các sở,
 * ban, ngành tỉnh» and let no Sở answer for it, the Sở being at the issuing Tỉnh ủy's level).
 */
import { foldVi } from '../text/vietnamese';
import type { NodeLevel } from './types';

export interface RecipientGroup {
  /** Folded heads an issuer's name starts with, or contains for the party committees. */
  bodies: string[];
  levels: NodeLevel[];
  /** «Các sở, ban, ngành tỉnh»: the bodies are those of this level (empty: any). */
  bodyLevels: readonly NodeLevel[];
  /** A piece named no kind of body or place: any document from a lower level counts. */
  anyLower: boolean;
}

/** Place units, folded, and the level of a body over one of them. */
const PLACE_LEVELS: Readonly<Record<string, readonly NodeLevel[]>> = {
  xa: ['commune'],
  phuong: ['commune'],
  'thi tran': ['commune'],
  'dac khu': ['commune'],
  huyen: ['district'],
  quan: ['district'],
  'thi xa': ['district'],
  // A city is a district («thành phố Bắc Giang») or a province («thành phố Hà Nội»).
  'thanh pho': ['district', 'province'],
  tinh: ['province'],
};

/** Party committees: named anywhere in the issuer («Ban Thường vụ Huyện ủy Yên Thế»). */
const COMMITTEES = ['huyen uy', 'thanh uy', 'thi uy', 'quan uy', 'tinh uy', 'dang uy', 'chi bo', 'dang bo'];
/** State and party departments: the issuer's name starts with them («Sở Y tế», «Ban Dân vận»). */
const DEPARTMENTS = ['so', 'ban', 'nganh', 'phong', 'chi cuc', 'trung tam'];
/** «Ban Thường vụ», «Ban Chấp hành»: the committee itself, not one of its departments. */
const COMMITTEE_BOARDS = /^ban (?:thuong vu|chap hanh|chi dao)\b/;

const HEADS = [...Object.keys(PLACE_LEVELS), ...COMMITTEES, ...DEPARTMENTS].sort((a, b) => b.length - a.length);

/** The group a recipient names, or null when it is not plural ("Huyện ủy Yên Thế"). */
export function recipientGroup(recipient: string): RecipientGroup | null {
  const folded = foldVi(recipient).replace(/\s+/g, ' ').trim();
  const plural = /^cac /.exec(folded);
  if (!plural) return null;
  const scope = / (tinh|huyen|quan|thi xa|thanh pho|xa|phuong|thi tran)$/.exec(folded);
  const group: RecipientGroup = {
    bodies: [],
    levels: [],
    bodyLevels: scope ? PLACE_LEVELS[scope[1]!]! : [],
    anyLower: false,
  };
  for (const piece of folded.slice(plural[0].length).split(/\s*[,;]\s*|\s+va\s+/)) {
    const words = piece.replace(/^cac /, '');
    const head = HEADS.find((h) => words === h || words.startsWith(`${h} `));
    if (head === undefined) group.anyLower = true;
    else if (head in PLACE_LEVELS) group.levels.push(...PLACE_LEVELS[head]!);
    else group.bodies.push(head);
  }
  return group;
}

/** Whether a document issued by `issuer` at `level` is one of the group's. */
export function inRecipientGroup(group: RecipientGroup, issuer: string | null, level: NodeLevel | null): boolean {
  if (level !== null && group.levels.includes(level)) return true;
  if (!issuer || (level !== null && group.bodyLevels.length > 0 && !group.bodyLevels.includes(level))) return false;
  const name = foldVi(issuer).replace(/\s+/g, ' ').trim();
  return group.bodies.some((head) =>
    COMMITTEES.includes(head)
      ? new RegExp(`(?:^| )${head}(?: |$)`).test(name)
      : (name === head || name.startsWith(`${head} `)) && !COMMITTEE_BOARDS.test(name),
  );
}

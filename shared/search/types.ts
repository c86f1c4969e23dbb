/** Shapes of search requests and answers; they cross the API boundary (shared/api/contract.ts). */

export type SearchSort = 'relevance' | 'date';

export interface SearchHit {
  id: number;
  ref: string | null;
  type: string | null;
  issuer: string | null;
  issuerLevel: string | null;
  date: string | null;
  subject: string | null;
  snippet: string;
  /** [start, end) ranges of `snippet` to mark. */
  highlights: [number, number][];
  /** Higher is better. BM25 when the match set is small; otherwise the tier (3 own ref, 2 subject, 1 text). */
  score: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface Facets {
  type: FacetCount[];
  issuer: FacetCount[];
  year: FacetCount[];
  level: FacetCount[];
}

export interface SearchResponse {
  query: string;
  sort: SearchSort;
  offset: number;
  items: SearchHit[];
  /** Exact when `totalExact`; otherwise a lower bound (the query matched more than the counting cap). */
  total: number;
  totalExact: boolean;
  facets: Facets;
  /** False when the facets count only the most recent matches (see docs/search.md). */
  facetsExact: boolean;
  /** How a sloppy query was read, in Vietnamese. */
  warnings: string[];
  /** A corrected query when nothing was found. */
  didYouMean: string | null;
  tookMs: number;
}

/** The filters a suggestion can fill in (`coquan:huy` → `coquan:"Huyện ủy An Lão"`). */
export type SuggestFilter = 'so' | 'loai' | 'coquan' | 'nguoiky' | 'nam' | 'cap' | 'tu' | 'den';

export interface Suggestion {
  /**
   * `agency`: a body tasks are given to (lead or cooperating), or one on the office's agency list;
   * `type` and `signer` (document types, signers) are offered only for a `loai:` or `nguoiky:` being
   * typed (and a typo in such a filter's value is corrected from them). `year` (years of the
   * archive's documents), `level` (tw, tinh, huyen, xa) and `date` (dd/mm/yyyy) only for a `nam:`,
   * `cap:`, `tu:` or `den:` being typed.
   */
  kind: 'subject' | 'ref' | 'issuer' | 'agency' | 'type' | 'signer' | 'year' | 'level' | 'date';
  text: string;
  /** The document a subject or ref suggestion comes from (a ref: its newest document). */
  id: number | null;
  /** Agencies: other ways the tasks write it ("UBND huyện", "Ủy ban nhân dân huyện"), also searched for. */
  alsoWritten?: string[];
  /**
   * Set when the clerk was typing this filter (`coquan:huy`): picking the suggestion fills in its
   * value (`fillFilter`, shared/search/query.ts) instead of replacing the box.
   */
  filter?: SuggestFilter;
  /** Said after the value, in Vietnamese: «35 văn bản», «cấp tỉnh», «đầu năm nay». */
  note?: string;
}

/** Longest saved-search name: a label in the drop-down list, not a query. */
export const SAVED_SEARCH_NAME_MAX = 200;

export interface SavedSearch {
  id: number;
  name: string;
  query: string;
  sort: SearchSort;
  createdAt: string;
}

export interface HistoryEntry {
  query: string;
  results: number | null;
  searchedAt: string;
}

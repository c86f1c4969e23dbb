/** How one document relates to another it cites: the review page's citations and «Thêm liên kết». */
import type { CitationRelation } from '../../../shared/model/directive';
import { CITATION_RELATIONS } from '../../../shared/model/review';
import { RELATION_LABELS } from './labels';

export function RelationSelect({
  value,
  onChange,
}: {
  value: CitationRelation;
  onChange(relation: CitationRelation): void;
}) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as CitationRelation)}>
      {CITATION_RELATIONS.map((r) => (
        <option key={r} value={r}>
          {RELATION_LABELS[r]}
        </option>
      ))}
    </select>
  );
}

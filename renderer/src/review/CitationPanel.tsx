/** The documents this one cites: list with add, edit and remove; removed parser citations can be restored. */
import { useState } from 'react';
import type { MethodInput } from '../../../shared/api/contract';
import type { CitationRelation } from '../../../shared/model/directive';
import type { RemovedItem, ReviewedCitation } from '../../../shared/model/review';
import { formatDate } from '../format';
import { citationAnchor } from './HighlightedText';
import { DateReadBack } from '../views/TypedDate';
import { ItemActions, ItemForm, OriginFlag, RemovedList } from './ItemEditing';
import { RelationSelect } from './RelationSelect';
import { typedDateProblem, RELATION_LABELS, typedDateToIso } from './labels';

type CitationInput = MethodInput<'saveCitation'>['citation'];

interface Props {
  citations: readonly ReviewedCitation[];
  removed: readonly RemovedItem[];
  busy: boolean;
  onSave(key: string | undefined, citation: CitationInput): Promise<boolean>;
  onRemove(key: string): void;
  onRestore(key: string): void;
}

interface Draft {
  text: string;
  type: string;
  ref: string;
  date: string;
  issuer: string;
  relation: CitationRelation;
}

const EMPTY: Draft = { text: '', type: '', ref: '', date: '', issuer: '', relation: 'mentions' };

function checkCitation(d: Draft): string | null {
  if (d.text.trim() === '') return 'Cần nhập đoạn trích dẫn như trong văn bản.';
  return typedDateProblem(d.date);
}

function CitationForm(props: { initial: Draft; busy: boolean; onSubmit(d: Draft): Promise<void>; onCancel(): void }) {
  return (
    <ItemForm
      {...props}
      testId="citation-form"
      check={checkCitation}
      fields={(d, set) => (
        <>
          <label>
            Đoạn trích dẫn (như trong văn bản)
            <input type="text" value={d.text} onChange={set('text')} autoFocus maxLength={500} />
          </label>
          <div className="form-grid">
            <label>
              Loại văn bản
              <input type="text" value={d.type} onChange={set('type')} maxLength={100} />
            </label>
            <label>
              Số/ký hiệu
              <input type="text" value={d.ref} onChange={set('ref')} maxLength={100} />
            </label>
            <label>
              Ngày
              <input type="text" value={d.date} onChange={set('date')} placeholder="ngày/tháng/năm" />
              <DateReadBack typed={d.date} />
            </label>
            <label>
              Quan hệ
              <RelationSelect
                value={d.relation}
                onChange={(relation) => set('relation')({ target: { value: relation } })}
              />
            </label>
          </div>
          <label>
            Cơ quan ban hành
            <input type="text" value={d.issuer} onChange={set('issuer')} maxLength={300} />
          </label>
        </>
      )}
    />
  );
}

function toInput(d: Draft): CitationInput {
  const blank = (s: string) => (s.trim() === '' ? null : s);
  return {
    text: d.text,
    type: blank(d.type),
    ref: blank(d.ref),
    date: typedDateToIso(d.date) ?? null,
    issuer: blank(d.issuer),
    relation: d.relation,
  };
}

export function CitationPanel({ citations, removed, busy, onSave, onRemove, onRestore }: Props) {
  // null: no form; 'new': adding; otherwise the key being edited.
  const [editing, setEditing] = useState<string | null>(null);
  const save = async (key: string | undefined, d: Draft) => {
    if (await onSave(key, toInput(d))) setEditing(null);
  };
  const removedCitations = removed.filter((r) => r.kind === 'citation');

  return (
    <section className="review-panel" aria-labelledby="citations-title" data-testid="citations">
      <div className="panel-head">
        <h2 id="citations-title">Văn bản được viện dẫn ({citations.length})</h2>
        {editing !== 'new' && (
          <button type="button" className="button small" onClick={() => setEditing('new')} disabled={busy}>
            Thêm trích dẫn
          </button>
        )}
      </div>
      {editing === 'new' && (
        <CitationForm
          initial={EMPTY}
          busy={busy}
          onSubmit={(d) => save(undefined, d)}
          onCancel={() => setEditing(null)}
        />
      )}
      {citations.length === 0 && editing !== 'new' && (
        <p className="muted">Bộ phân tích không thấy văn bản nào được viện dẫn.</p>
      )}
      <ol className="item-list">
        {citations.map((c) => (
          <li key={c.key} data-testid="citation-item" data-key={c.key} className={c.origin}>
            {editing === c.key ? (
              <CitationForm
                initial={{
                  text: c.text,
                  type: c.type ?? '',
                  ref: c.ref ?? '',
                  date: formatDate(c.date),
                  issuer: c.issuer ?? '',
                  relation: c.relation,
                }}
                busy={busy}
                onSubmit={(d) => save(c.key, d)}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <>
                <div className="item-main">
                  {c.end > c.start ? (
                    <a
                      href={`#${citationAnchor(c.key)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        document.getElementById(citationAnchor(c.key))?.scrollIntoView({ block: 'center' });
                      }}
                    >
                      {c.text}
                    </a>
                  ) : (
                    <span>{c.text}</span>
                  )}
                </div>
                <div className="item-meta">
                  {[c.type, c.ref, c.date ? formatDate(c.date) : null, c.issuerNormalized ?? c.issuer]
                    .filter(Boolean)
                    .join(' · ')}
                  <span className="relation"> — {RELATION_LABELS[c.relation]}</span>
                  <OriginFlag item={c} />
                  {c.end <= c.start && <span className="flag doubtful"> không thấy trong văn bản</span>}
                </div>
                <ItemActions
                  item={c}
                  what={`trích dẫn ${c.text}`}
                  busy={busy}
                  onEdit={() => setEditing(c.key)}
                  onRemove={() => onRemove(c.key)}
                  onRestore={() => onRestore(c.key)}
                />
              </>
            )}
          </li>
        ))}
      </ol>
      <RemovedList removed={removedCitations} busy={busy} onRestore={onRestore} />
    </section>
  );
}

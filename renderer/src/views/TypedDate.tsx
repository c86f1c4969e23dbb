/**
 * Dates the clerk types (shared/text/typed-date.ts): 25/8/2021, 2021-08-25 or 22/7/21 with a
 * 2-digit year. What was understood is shown back beside the box («Đọc là 22/07/2021»), and a date
 * that cannot be is refused in words. Used by the review page and the task sheet.
 */
import { useState, type KeyboardEvent } from 'react';
import { readTypedDate } from '../../../shared/text/typed-date';
import { formatDate } from '../format';

/** «Đọc là 22/07/2021» when what was typed reads as a date written otherwise; nothing else. */
export function DateReadBack({ typed }: { typed: string }) {
  const read = readTypedDate(typed);
  if (read.kind !== 'date' || read.shown === typed.trim()) return null;
  return (
    <span className="hint date-reading" data-testid="date-reading" role="status">
      Đọc là {read.shown}
    </span>
  );
}

/**
 * A typed date box that commits on Enter or when left (not on every key: 2/7/2 is a date too), with
 * its reading and, for a date that cannot be, the reason. `problem` is the caller's own refusal.
 * `live` also commits each keystroke that reads as a date, for a draft nothing is sent from.
 */
export function TypedDateInput({
  value,
  label,
  problem,
  problemId,
  testId,
  live = false,
  onCommit,
}: {
  value: string | null;
  label: string;
  problem?: string | null;
  problemId?: string;
  testId?: string;
  live?: boolean;
  onCommit(iso: string | null): void;
}) {
  const [typed, setTyped] = useState(formatDate(value));
  const [bad, setBad] = useState<string | null>(null);
  // A new value from outside (a reload, another row's change) replaces what is shown, unless it is
  // what is typed (22/7/21 stays as typed once committed). Adjusted while rendering, as React advises.
  const [shownFor, setShownFor] = useState(value);
  if (shownFor !== value) {
    setShownFor(value);
    const read = readTypedDate(typed);
    if ((read.kind === 'date' ? read.iso : null) !== (value ?? null)) setTyped(formatDate(value));
  }
  const commit = () => {
    const read = readTypedDate(typed);
    if (read.kind === 'bad') return setBad(read.problem);
    setBad(null);
    const iso = read.kind === 'date' ? read.iso : null;
    if (iso !== (value ?? null)) onCommit(iso);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    }
  };
  const said = bad ?? problem ?? null;
  const id = problemId ?? `${label.replace(/\W+/gu, '-')}-problem`;
  return (
    <span className="typed-date">
      <input
        type="text"
        inputMode="numeric"
        size={13}
        aria-label={label}
        placeholder="ngày/tháng/năm"
        value={typed}
        aria-invalid={said ? true : undefined}
        aria-describedby={said ? id : undefined}
        data-testid={testId}
        onChange={(e) => {
          setTyped(e.target.value);
          setBad(null);
          const read = readTypedDate(e.target.value);
          if (live && read.kind === 'date' && read.iso !== value) onCommit(read.iso);
        }}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      <DateReadBack typed={typed} />
      {bad && (
        <span className="error field-problem" role="alert" id={id} data-testid="date-problem">
          {bad}
        </span>
      )}
    </span>
  );
}

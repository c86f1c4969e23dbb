/**
 * A folder or file path shown whole, in a place narrower than it: it breaks only after a separator
 * (each folder name kept on one line, unless one alone is wider than the place), so
 * «C:\Users\…\AppData\Roaming\Vanthu» does not read «AppDa» / «ta». The text is the path itself
 * (<wbr> adds none), so selecting and copying it gives the path.
 */
import { Fragment } from 'react';
import { pathSegments } from '../format';

/** A folder name longer than this may break inside, rather than run out of a narrow place. */
const LONG_SEGMENT = 40;

export function PathText({ path, className, testId }: { path: string; className?: string; testId?: string }) {
  const segments = pathSegments(path);
  return (
    <code className={'path-text' + (className ? ' ' + className : '')} data-testid={testId} title={path}>
      {segments.map((segment, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          <span className={segment.length > LONG_SEGMENT ? 'path-seg long' : 'path-seg'}>{segment}</span>
        </Fragment>
      ))}
    </code>
  );
}

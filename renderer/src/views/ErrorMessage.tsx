import type { ApiError } from '../../../shared/api/errors';
import { errorText } from '../format';

/** An API error as a Vietnamese sentence; technical detail stays folded away. */
export function ErrorMessage({ error }: { error: ApiError }) {
  return (
    <div className="error" role="alert" data-testid="error" data-code={error.code}>
      <p>{errorText(error)}</p>
      {error.detail && (
        <details>
          <summary>Chi tiết kỹ thuật</summary>
          <p className="detail">{error.detail}</p>
        </details>
      )}
    </div>
  );
}

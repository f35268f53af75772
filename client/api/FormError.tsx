import type { ApiFailure } from "./request";
import { useErrorText } from "./useErrorText";

/**
 * A failure that belongs to no single field, announced to screen readers. `special` may word some
 * failures for the form at hand; everything else gets the generic text for its code.
 */
export function FormError({
  failure,
  special,
}: {
  failure: ApiFailure | null;
  special?: (failure: ApiFailure) => string | null;
}) {
  const errorText = useErrorText();
  if (!failure) return null;
  return (
    <p className="form-error" role="alert">
      {special?.(failure) ?? errorText.failure(failure)}
    </p>
  );
}

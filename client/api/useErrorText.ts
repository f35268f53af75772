import { useTranslation } from "react-i18next";
import type { FieldErrorCode } from "../../shared/api/errors";
import type { ApiFailure } from "./request";

/** Translates an API failure or a field error code into a sentence in the active language. */
export function useErrorText(): {
  failure: (failure: ApiFailure) => string;
  field: (code: FieldErrorCode | undefined) => string | null;
} {
  const { t } = useTranslation("errors");
  return {
    failure: (failure) => t(`api.${failure.code}`),
    field: (code) => (code ? t(`field.${code}`) : null),
  };
}

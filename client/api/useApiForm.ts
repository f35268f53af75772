import { useState } from "react";
import type { FieldErrorCode } from "../../shared/api/errors";
import { type ApiFailure, asFailure } from "./request";

type FieldErrors<V> = Partial<Record<keyof V, FieldErrorCode>>;

/**
 * The state of a form that one API request saves: its values, an error per field (required ones checked
 * here, the rest from the server's validation codes), any other failure, and whether it is saving.
 */
export function useApiForm<V extends Record<string, string>>(initial: V) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors<V>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (field: keyof V, value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  /** Sends the values unless a required field is empty; once saved, the response (the form stays busy then). */
  const submit = async <R>(
    required: ReadonlyArray<keyof V>,
    send: (values: V) => Promise<R>,
  ): Promise<{ response: R } | null> => {
    setFailure(null);
    const missing: FieldErrors<V> = {};
    for (const field of required) if (!values[field]?.trim()) missing[field] = "required";
    setErrors(missing);
    if (Object.keys(missing).length > 0) return null;
    setBusy(true);
    try {
      return { response: await send(values) };
    } catch (error) {
      const problem = asFailure(error);
      setBusy(false);
      if (problem.code === "validation_failed") setErrors(problem.fields as FieldErrors<V>);
      else setFailure(problem);
      return null;
    }
  };

  return { values, set, errors, failure, busy, submit };
}

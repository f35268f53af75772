import { useCallback, useSyncExternalStore } from "react";

const STORAGE_KEY = "mutual.displayName";
const CHANGE_EVENT = "mutual:display-name";
export const MAX_NAME_LENGTH = 40;

export type NameProblem = "required" | "tooLong";

/** Why a name cannot be used, or null when it can (checked on the trimmed value). */
export function validateName(name: string): NameProblem | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return "required";
  if (Array.from(trimmed).length > MAX_NAME_LENGTH) return "tooLong";
  return null;
}

function read(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? "";
  } catch {
    return "";
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

/** The display name remembered on this device ("" when none) and a setter that remembers a new one. */
export function useDisplayName(): [string, (name: string) => void] {
  const name = useSyncExternalStore(subscribe, read);
  const save = useCallback((next: string) => {
    try {
      localStorage.setItem(STORAGE_KEY, next.trim());
    } catch {
      // Storage unavailable (private mode): nothing can be remembered; the form keeps asking.
    }
    window.dispatchEvent(new Event(CHANGE_EVENT));
  }, []);
  return [name, save];
}

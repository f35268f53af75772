import { useCallback, useEffect, useRef, useState } from "react";
import type { HistoryDirectory, VersionSummary } from "../../../shared/api/history";
import type { ApiFailure } from "../../api/request";
import { type HistoryApi, mergeDirectories } from "./historyApi";

export interface Timeline {
  versions: VersionSummary[];
  directory: HistoryDirectory;
  total: number;
  state: "loading" | "ready" | "failed";
  failure: ApiFailure | null;
  /** Older versions are on the server (paged: a document may have thousands). */
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder: () => void;
  reload: () => Promise<void>;
}

const PAGE = 50;

/** The timeline, newest first, fetched a page at a time. */
export function useHistoryTimeline(api: HistoryApi): Timeline {
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [directory, setDirectory] = useState<HistoryDirectory>({ people: {}, delegations: {} });
  const [total, setTotal] = useState(0);
  const [state, setState] = useState<Timeline["state"]>("loading");
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const page = await api.page(null, PAGE);
      if (mine !== generation.current) return;
      setVersions(page.versions);
      setDirectory({ people: page.people, delegations: page.delegations });
      setTotal(page.total);
      setNextBefore(page.nextBefore);
      setState("ready");
      setFailure(null);
    } catch (error) {
      if (mine !== generation.current) return;
      setFailure(error as ApiFailure);
      setState("failed");
    }
  }, [api]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const loadOlder = useCallback(() => {
    if (nextBefore === null || loadingOlder) return;
    setLoadingOlder(true);
    const mine = generation.current;
    api.page(nextBefore, PAGE).then(
      (page) => {
        if (mine !== generation.current) return;
        setVersions((known) => [...known, ...page.versions]);
        setDirectory((known) => mergeDirectories(known, page));
        setNextBefore(page.nextBefore);
        setLoadingOlder(false);
      },
      (error: ApiFailure) => {
        setFailure(error);
        setLoadingOlder(false);
      },
    );
  }, [api, nextBefore, loadingOlder]);

  return {
    versions,
    directory,
    total,
    state,
    failure,
    hasOlder: nextBefore !== null,
    loadingOlder,
    loadOlder,
    reload,
  };
}

import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { api } from "../../../shared/api/paths";
import type { ExchangeView } from "../../../shared/api/responses";
import type { DocumentInfo, Participant } from "../../../shared/domain";
import { canOnDocument } from "../../../shared/permissions";
import type { PresenceUser } from "../../../shared/protocol/presenceUser";
import type { RoomAddress } from "../../../shared/protocol/roomName";
import type { RunCommand } from "../../../shared/run/runState";
import {
  DocumentLayout,
  TemplateLayout,
  type TemplatePairEntry,
} from "../../../shared/schema/documentLayout";
import type { ReflectionTemplate } from "../../../shared/templates/templateSchema";
import { type ApiFailure, asFailure } from "../../api/request";
import { useErrorText } from "../../api/useErrorText";
import { useResource } from "../../api/useResource";
import { ActionsPanel, type People } from "./ActionsPanel";
import { Contributions } from "./Contributions";
import { DraftEditor } from "./DraftEditor";
import { RunBar } from "./RunBar";
import { RunSetup } from "./RunSetup";
import { runApi } from "./runApi";
import { useRunStrings } from "./runStrings";
import { installRunStyles } from "./runStyles";
import { useRunLanguage } from "./runText";
import { SummaryPanel } from "./SummaryPanel";
import { guardLockedSections } from "./sectionLockGuard";
import { useRunState } from "./useRunState";
import { useServerOffset } from "./useServerOffset";

installRunStyles();

/**
 * A facilitated run in a templated document (issue 31), its own lazy chunk: the bar every reader sees
 * (phase, what to do, countdown), the facilitator's controls, the private draft during silent writing, the
 * revealed contributions with dots, the actions and the summary. Everything shown comes from the run map
 * the server writes; every change goes to the server's API, which checks who may make it.
 */
export default function RunPanel({
  room,
  doc,
  document: info,
  me,
  user,
  writable,
  onDocumentLock,
}: {
  room: RoomAddress;
  doc: Y.Doc;
  document: DocumentInfo;
  me: Participant;
  user: PresenceUser;
  writable: boolean;
  /** Told whether the whole document is locked for this reader (the editor then turns read-only). */
  onDocumentLock: (locked: boolean) => void;
}) {
  const { t } = useTranslation(["run", "errors"]);
  const view = useRunState(doc);
  const offset = useServerOffset(room);
  const runs = useMemo(() => runApi(room), [room]);
  const template = useTemplate(doc);
  const pairs = usePairs(doc);
  const [exchange] = useResource<ExchangeView>(api.exchange(room.exchangeId));
  const people: People = exchange.state === "ready" ? exchange.data : { participants: [], delegations: [] };
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [actionDraft, setActionDraft] = useState<{ what: string; contributionId: string | null } | null>(
    null,
  );
  const errors = useErrorText();
  const { pick } = useRunLanguage();
  const stringsReady = useRunStrings();

  const facilitator = writable && canOnDocument(me.role, info.kind, "run.facilitate");
  const participant = writable && canOnDocument(me.role, info.kind, "run.participate");
  const { state } = view;
  // Actions outlive the run: their status is kept up to date after it closed; new ones come while it runs.
  const canAct = participant && state !== null && (state.settings.actionsBy === "everyone" || facilitator);
  const canMakeActions = canAct && state?.status === "running";

  // Locked sections: typing there is stopped in the page for everyone but facilitators.
  const lockedKey = state?.status === "running" && !facilitator ? state.locks.sections.join("\n") : "";
  useEffect(() => {
    if (!lockedKey) return;
    return guardLockedSections(lockedKey.split("\n"));
  }, [lockedKey]);

  const documentLocked = state?.status === "running" && state.locks.document && !facilitator;
  useEffect(() => {
    onDocumentLock(documentLocked);
  }, [documentLocked, onDocumentLock]);
  useEffect(() => () => onDocumentLock(false), [onDocumentLock]);

  const command = async (next: RunCommand) => {
    setBusy(true);
    setFailure(null);
    try {
      await runs.command(next);
    } catch (error) {
      setFailure(asFailure(error));
    } finally {
      setBusy(false);
    }
  };

  if (!template || !stringsReady) return null;
  const sections = template.sections;
  const failureText = failure
    ? failure.code === "conflict"
      ? t("run:controls.conflict")
      : errors.failure(failure)
    : null;
  const failureNote = failureText ? (
    <p className="run-note run-note--error" role="alert">
      {failureText}
    </p>
  ) : null;

  if (!state) {
    return facilitator ? (
      <section className="run-panel" aria-label={t("run:region")}>
        <RunSetup
          plan={template.runPlan}
          busy={busy}
          onStart={(phases, settings) => void command({ type: "start", phases, settings })}
        />
        {failureNote}
      </section>
    ) : null;
  }
  const phase = state.phases[state.current]!;
  const writing = state.status === "running" && !state.revealed;
  const lockedSections = sections
    .filter((s) => state.locks.sections.includes(s.id))
    .map((s) => pick(s.prompt));
  return (
    <section className="run-panel" aria-label={t("run:region")}>
      <RunBar
        state={state}
        offset={offset}
        facilitator={facilitator}
        sections={sections}
        busy={busy}
        onCommand={(c) => void command(c)}
      />
      {failureNote}
      {state.status === "running" && state.locks.document ? (
        <p className="run-note run-note--lock">{t("run:locked.document")}</p>
      ) : null}
      {state.status === "running" && !state.locks.document && lockedSections.length > 0 ? (
        <p className="run-note run-note--lock">
          {t("run:locked.sections", { sections: lockedSections.join(" · ") })}
        </p>
      ) : null}
      {writing && (phase.kind === "write" || phase.kind === "reveal") ? (
        participant ? (
          <DraftEditor room={room} me={user} sections={sections} pairs={pairs} />
        ) : (
          <p className="run-note">{t("run:draft.observer")}</p>
        )
      ) : null}
      {state.revealed && state.status === "running" ? (
        <Contributions
          state={state}
          contributions={view.contributions}
          tallies={view.tallies}
          sections={sections}
          pairs={pairs}
          canVote={participant}
          canAct={canMakeActions}
          api={runs}
          onMakeAction={(c) => setActionDraft({ what: c.text, contributionId: c.id })}
        />
      ) : null}
      {view.summary ? <SummaryPanel summary={view.summary} people={people} pairs={pairs} /> : null}
      {(state.status === "running" && state.revealed) || view.actions.length > 0 ? (
        <ActionsPanel
          actions={view.actions}
          people={people}
          canAct={canAct}
          draft={
            canMakeActions
              ? (actionDraft ?? (phase.kind === "actions" ? { what: "", contributionId: null } : null))
              : null
          }
          api={runs}
          onDraftDone={() => setActionDraft(null)}
        />
      ) : null}
    </section>
  );
}

/** The template copy the document keeps (written by the server when it was made). */
function useTemplate(doc: Y.Doc): ReflectionTemplate | null {
  const map = doc.getMap<unknown>(DocumentLayout.template);
  const [template, setTemplate] = useState(
    () => (map.get(TemplateLayout.definition) as ReflectionTemplate | undefined) ?? null,
  );
  useEffect(() => {
    const update = () =>
      setTemplate((map.get(TemplateLayout.definition) as ReflectionTemplate | undefined) ?? null);
    update();
    map.observe(update);
    return () => map.unobserve(update);
  }, [map]);
  return template;
}

const NO_PAIRS: TemplatePairEntry[] = [];
const pairsIn = (map: Y.Map<unknown>) =>
  (map.get(TemplateLayout.pairs) as TemplatePairEntry[] | undefined) ?? NO_PAIRS;

/** The delegation pairs of a per-pair ("who learned what") document, written with it by the server. */
function usePairs(doc: Y.Doc): TemplatePairEntry[] {
  const map = doc.getMap<unknown>(DocumentLayout.template);
  const [pairs, setPairs] = useState(() => pairsIn(map));
  useEffect(() => {
    const update = () => setPairs(pairsIn(map));
    update();
    map.observe(update);
    return () => map.unobserve(update);
  }, [map]);
  return pairs;
}

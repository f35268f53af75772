import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { RevealedContribution } from "../../../shared/run/runRecords";
import { type RunState, votingOpen } from "../../../shared/run/runState";
import { asFailure } from "../../api/request";
import { Button } from "../../ui/Button";
import type { RunApi } from "./runApi";
import { type Pairs, type Sections, usePairLabel, useRunLanguage } from "./runText";

/**
 * The revealed contributions, by section (and by pair of delegations in a per-pair section): who wrote each (nothing in an anonymous run), dots while the vote
 * is open (the count stays hidden until it closes: the server never sends it before), then the tallies
 * and a sort by votes. Anyone allowed can turn one into an action.
 */
export function Contributions({
  state,
  contributions,
  tallies,
  sections,
  pairs,
  canVote,
  canAct,
  api,
  onMakeAction,
}: {
  state: RunState;
  contributions: RevealedContribution[];
  tallies: Record<string, number> | null;
  sections: Sections;
  pairs: Pairs;
  canVote: boolean;
  canAct: boolean;
  api: RunApi;
  onMakeAction: (contribution: RevealedContribution) => void;
}) {
  const { t } = useTranslation("run");
  const { pick } = useRunLanguage();
  const pairLabel = usePairLabel(pairs);
  const open = votingOpen(state);
  const [mine, setMine] = useState<Record<string, number>>({});
  const [saving, setSaving] = useState(false);
  const [refused, setRefused] = useState(false);
  const [sorted, setSorted] = useState(false);
  useEffect(() => {
    if (!canVote || !state.phases.some((p) => p.kind === "vote")) return;
    api.myVotes().then(
      (answer) => setMine(answer.dots),
      () => undefined,
    );
  }, [api, canVote, state.phases]);
  const used = Object.values(mine).reduce((a, b) => a + b, 0);
  const left = state.settings.dotsPerPerson - used;
  const place = async (id: string, delta: number) => {
    const next = { ...mine, [id]: Math.max(0, (mine[id] ?? 0) + delta) };
    setSaving(true);
    setRefused(false);
    try {
      setMine((await api.vote(next)).dots);
    } catch (error) {
      const failure = asFailure(error);
      setRefused(failure.status === 400 || failure.status === 409);
    } finally {
      setSaving(false);
    }
  };
  if (contributions.length === 0) {
    return (
      <section className="run-contributions" aria-labelledby="run-contributions-title">
        <h2 id="run-contributions-title" className="run-section-title">
          {t("contributions.title")}
        </h2>
        <p className="run-note">{t("contributions.none")}</p>
      </section>
    );
  }
  const order = (list: RevealedContribution[]) =>
    sorted && tallies ? [...list].sort((a, b) => (tallies[b.id] ?? 0) - (tallies[a.id] ?? 0)) : list;
  return (
    <section className="run-contributions" aria-labelledby="run-contributions-title">
      <div className="run-contributions__head">
        <h2 id="run-contributions-title" className="run-section-title">
          {t("contributions.title")}
        </h2>
        {tallies ? (
          <label className="run-check">
            <input type="checkbox" checked={sorted} onChange={(event) => setSorted(event.target.checked)} />
            {t("contributions.sortByVotes")}
          </label>
        ) : null}
      </div>
      {open && canVote ? (
        <>
          <p className="run-note run-note--strong" role="status">
            {saving
              ? t("vote.saving")
              : refused
                ? t("vote.refused")
                : t("vote.left", { count: Math.max(0, left) })}
          </p>
          <p className="run-note">{t("vote.hidden")}</p>
        </>
      ) : state.voteClosed && state.phases[state.current]?.kind === "vote" ? (
        <p className="run-note">{t("vote.closed")}</p>
      ) : null}
      {sections.map((section) => {
        const here = contributions.filter((c) => c.sectionId === section.id);
        if (here.length === 0) return null;
        // A per-pair section lists its contributions under each pair, as the document does.
        const pairIndexes = [...new Set(here.map((c) => c.pairIndex ?? null))].sort(
          (a, b) => (a ?? -1) - (b ?? -1),
        );
        return (
          <div key={section.id} className="run-contributions__section">
            <h3 className="run-draft__prompt">{pick(section.prompt)}</h3>
            {pairIndexes.map((pairIndex) => {
              const pair = pairLabel(pairIndex);
              return (
                <div
                  key={pairIndex ?? "none"}
                  className={pair ? "run-draft__space--pair" : undefined}
                  data-pair-index={pairIndex ?? undefined}
                >
                  {pair ? (
                    <h4 className="run-draft__pair" aria-label={pair.spoken}>
                      {pair.text}
                    </h4>
                  ) : null}
                  <ul className="run-contributions__list">
                    {order(here.filter((c) => (c.pairIndex ?? null) === pairIndex)).map((c) => (
                      <li key={c.id} className="run-contribution" data-contribution={c.id}>
                        <p className="run-contribution__text">{c.text}</p>
                        <p className="run-contribution__author">
                          {c.author
                            ? c.author.delegationName
                              ? `${c.author.name} · ${c.author.delegationName}`
                              : c.author.name
                            : t("contributions.anonymous")}
                        </p>
                        <div className="run-contribution__tools">
                          {tallies ? (
                            <span className="run-contribution__tally" data-testid="tally">
                              {t("contributions.votes", { count: tallies[c.id] ?? 0 })}
                            </span>
                          ) : null}
                          {open && canVote ? (
                            <span className="run-dots">
                              <Button
                                variant="ghost"
                                disabled={saving || !mine[c.id]}
                                aria-label={t("vote.remove", { text: c.text })}
                                onClick={() => void place(c.id, -1)}
                              >
                                −
                              </Button>
                              <span className="run-dots__mine" aria-live="polite">
                                {"●".repeat(mine[c.id] ?? 0) || "○"}
                                <span className="visually-hidden">
                                  {t("vote.mine", { count: mine[c.id] ?? 0 })}
                                </span>
                              </span>
                              <Button
                                variant="ghost"
                                disabled={
                                  saving ||
                                  left <= 0 ||
                                  (!state.settings.severalDotsOnOne && (mine[c.id] ?? 0) >= 1)
                                }
                                aria-label={t("vote.add", { text: c.text })}
                                onClick={() => void place(c.id, 1)}
                              >
                                +
                              </Button>
                            </span>
                          ) : null}
                          {canAct ? (
                            <Button variant="ghost" onClick={() => onMakeAction(c)}>
                              {t("contributions.makeAction")}
                            </Button>
                          ) : null}
                        </div>
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </div>
        );
      })}
    </section>
  );
}

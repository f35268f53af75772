import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ExchangeView } from "../../../shared/api/responses";
import { canInExchange } from "../../../shared/permissions";
import { useNow } from "../../i18n/useNow";
import { AppBar, Page } from "../../layout/AppBar";
import { LoadFailure, Loading } from "../../layout/LoadStates";
import { useArrivalFocus } from "../../layout/useArrivalFocus";
import { useParticipantLanguage } from "../../membership/useParticipantLanguage";
import { localTime, utcOffset } from "../../time/timeZones";
import { useFormatLocale } from "../../time/useFormatLocale";
import { zoneName } from "../../time/zoneNames";
import { Button } from "../../ui/Button";
import { DelegationsCard } from "./DelegationsCard";
import { DocumentsCard } from "./DocumentsCard";
import { ExchangeDialog } from "./ExchangeDialog";
import { InvitesCard } from "./InvitesCard";
import { ParticipantsCard } from "./ParticipantsCard";
import { SettingsCard } from "./SettingsCard";
import { TemplatesCard } from "./TemplatesCard";
import { useExchange } from "./useExchange";
import "./exchange.css";

// Actions agreed in facilitated runs across the exchange's documents, and the runs' summaries (own chunk).
const ExchangeActionsCard = lazy(() => import("../run/ExchangeActionsCard"));

/** The exchange home: documents with who is in them, delegations, people and (for facilitators) invites. */
export function ExchangeScreen({ exchangeId }: { exchangeId: string }) {
  const { t } = useTranslation("exchange");
  const [view, reload] = useExchange(exchangeId);
  useParticipantLanguage(exchangeId, view.state === "ready" ? view.data.me.uiLanguage : null);
  const title = view.state === "ready" ? view.data.exchange.title : null;
  useEffect(() => {
    document.title = title ? t("pageTitle", { title }) : t("pageTitleLoading");
  }, [t, title]);

  return (
    <>
      <AppBar trail={title ?? undefined} />
      <Page wide>
        {view.state === "loading" ? (
          <Loading label={t("loading")} />
        ) : view.state === "failed" ? (
          <LoadFailure failure={view.failure} onRetry={reload} />
        ) : (
          <ExchangeHome view={view.data} reload={reload} />
        )}
      </Page>
    </>
  );
}

function ExchangeHome({ view, reload }: { view: ExchangeView; reload: () => Promise<void> }) {
  const { t } = useTranslation("exchange");
  const dateLocale = useFormatLocale();
  const now = useNow();
  const [editing, setEditing] = useState(false);
  // Arriving here (a new exchange, back from a document), the reader starts from its name.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useArrivalFocus(() => headingRef.current);
  const { exchange, me } = view;
  const facilitator = canInExchange(me.role, "invite.manage");
  const canEdit = canInExchange(me.role, "exchange.edit");
  return (
    <>
      <section className="exchange__intro">
        <div className="exchange__heading">
          <h1 className="page__title" ref={headingRef} tabIndex={-1}>
            {exchange.title}
          </h1>
          {canEdit ? (
            <Button variant="ghost" onClick={() => setEditing(true)}>
              {t("details.edit")}
            </Button>
          ) : null}
        </div>
        {exchange.description ? <p className="page__lead">{exchange.description}</p> : null}
        <p className="exchange__zone">
          {t("homeZone", {
            zone: zoneName(exchange.timeZone, dateLocale, now),
            offset: utcOffset(exchange.timeZone, dateLocale, now),
            time: localTime(exchange.timeZone, dateLocale, now),
          })}{" "}
          <span className="zone-id">{exchange.timeZone}</span>
        </p>
      </section>
      <div className="exchange__grid">
        <div className="exchange__main">
          <DocumentsCard view={view} reload={reload} />
          <TemplatesCard view={view} />
          <Suspense fallback={null}>
            <ExchangeActionsCard view={view} />
          </Suspense>
          {facilitator ? <InvitesCard view={view} /> : null}
        </div>
        <div className="exchange__side">
          <DelegationsCard view={view} reload={reload} now={now} />
          <ParticipantsCard view={view} reload={reload} />
          <SettingsCard view={view} reload={reload} />
        </div>
      </div>
      {editing ? (
        <ExchangeDialog
          exchange={exchange}
          onClose={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            void reload();
          }}
        />
      ) : null}
    </>
  );
}

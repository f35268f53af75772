import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ExchangeView } from "../../../shared/api/responses";
import { DELEGATION_COLORS, type Delegation } from "../../../shared/domain";
import { canInExchange } from "../../../shared/permissions";
import { countryName, languageName, sortByText } from "../../membership/labels";
import { localTime, utcOffset } from "../../time/timeZones";
import { useFormatLocale } from "../../time/useFormatLocale";
import { zoneName } from "../../time/zoneNames";
import { Swatch } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { PlusIcon } from "../../ui/icons";
import { DelegationDialog } from "./DelegationDialog";

/** Delegations with country, colour, local time and working language; facilitators add and edit them. */
export function DelegationsCard({
  view,
  reload,
  now,
}: {
  view: ExchangeView;
  reload: () => Promise<void>;
  now: number;
}) {
  const { t, i18n } = useTranslation(["delegations", "common"]);
  const [editing, setEditing] = useState<Delegation | "new" | null>(null);
  const canManage = canInExchange(view.me.role, "delegation.manage");
  const locale = i18n.language;
  const dateLocale = useFormatLocale();
  return (
    <Card
      title={t("delegations:title")}
      titleId="delegations-title"
      actions={
        canManage ? (
          <Button icon={<PlusIcon />} onClick={() => setEditing("new")}>
            {t("delegations:add")}
          </Button>
        ) : null
      }
    >
      {view.delegations.length === 0 ? (
        <p className="card__empty">{canManage ? t("delegations:emptyManager") : t("delegations:empty")}</p>
      ) : (
        <ul className="delegations__list">
          {sortByText(view.delegations, (d) => d.name, locale).map((delegation) => (
            <li key={delegation.id} className="delegations__item">
              <div className="delegations__head">
                <span className="delegations__name">{delegation.name}</span>
                {canManage ? (
                  <Button
                    variant="ghost"
                    onClick={() => setEditing(delegation)}
                    aria-label={t("delegations:editOne", { name: delegation.name })}
                  >
                    {t("delegations:edit")}
                  </Button>
                ) : null}
              </div>
              <dl className="delegations__facts">
                <div>
                  <dt>{t("delegations:country")}</dt>
                  <dd>{countryName(delegation.country, locale)}</dd>
                </div>
                <div>
                  <dt>{t("delegations:color")}</dt>
                  <dd className="delegations__color">
                    <Swatch color={DELEGATION_COLORS[delegation.color]} />
                    {t(`common:color.${delegation.color}`)}
                  </dd>
                </div>
                <div>
                  <dt>{t("delegations:localTime")}</dt>
                  <dd className="delegations__zone">
                    <span>
                      {t("delegations:timeIn", {
                        time: localTime(delegation.timeZone, dateLocale, now),
                        zone: zoneName(delegation.timeZone, dateLocale, now),
                        offset: utcOffset(delegation.timeZone, dateLocale, now),
                      })}
                    </span>
                    <span className="zone-id">{delegation.timeZone}</span>
                  </dd>
                </div>
                <div>
                  <dt>{t("delegations:workingLanguage")}</dt>
                  <dd>{languageName(delegation.workingLanguage, locale)}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <DelegationDialog
          exchangeId={view.exchange.id}
          delegation={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onDone={async () => {
            setEditing(null);
            await reload();
          }}
        />
      ) : null}
    </Card>
  );
}

import { useTranslation } from "react-i18next";
import type { MeResponse } from "../../../shared/api/responses";
import { DELEGATION_COLORS } from "../../../shared/domain";
import { useErrorText } from "../../api/useErrorText";
import type { Resource } from "../../api/useResource";
import { sortByText } from "../../membership/labels";
import { AppLink } from "../../navigation/AppLink";
import { exchangePath } from "../../navigation/paths";
import { Badge, Swatch } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { CardEmpty } from "../../ui/CardEmpty";
import { UsersIcon } from "../../ui/icons";

/** The exchanges this browser has joined, by title in the reader's collation order. */
export function MyExchanges({ me, onRetry }: { me: Resource<MeResponse>; onRetry: () => void }) {
  const { t, i18n } = useTranslation(["home", "common"]);
  const errorText = useErrorText();
  return (
    <Card title={t("home:mine.title")} titleId="my-exchanges-title">
      {me.state === "loading" ? (
        <p className="card__empty" role="status">
          {t("home:mine.loading")}
        </p>
      ) : me.state === "failed" ? (
        <div className="home__failed">
          <p className="form-error">{errorText.failure(me.failure)}</p>
          <Button onClick={onRetry}>{t("home:mine.retry")}</Button>
        </div>
      ) : me.data.memberships.length === 0 ? (
        <CardEmpty icon={<UsersIcon />} title={t("home:mine.emptyTitle")}>
          {t("home:mine.emptyBody")}
        </CardEmpty>
      ) : (
        <ul className="home__list">
          {sortByText(me.data.memberships, (m) => m.exchange.title, i18n.language).map(
            ({ exchange, participant, delegation }) => (
              <li key={exchange.id}>
                <AppLink to={exchangePath(exchange.id)} className="home__exchange">
                  <span className="home__exchange-title">{exchange.title}</span>
                  <span className="home__exchange-meta">
                    <Badge tone={participant.role === "facilitator" ? "accent" : "neutral"}>
                      {t(`common:role.${participant.role}`)}
                    </Badge>
                    <span className="home__exchange-name">
                      {t("home:mine.as", { name: participant.displayName })}
                    </span>
                    {delegation && (
                      <span className="home__exchange-delegation">
                        <Swatch color={DELEGATION_COLORS[delegation.color]} />
                        {delegation.name}
                      </span>
                    )}
                  </span>
                </AppLink>
              </li>
            ),
          )}
        </ul>
      )}
    </Card>
  );
}

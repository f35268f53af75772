import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../shared/api/paths";
import type { MeResponse } from "../../../shared/api/responses";
import { useResource } from "../../api/useResource";
import { AppBar, Page } from "../../layout/AppBar";
import { CreateExchangeForm } from "./CreateExchangeForm";
import { MyExchanges } from "./MyExchanges";
import "./home.css";

/** Start page: the exchanges this browser belongs to, and a form to create one. */
export function HomeScreen() {
  const { t } = useTranslation(["home", "common"]);
  const [me, reload] = useResource<MeResponse>(api.me());
  useEffect(() => {
    document.title = t("common:appName");
  }, [t]);
  return (
    <>
      <AppBar />
      <Page>
        <section className="home__intro">
          <h1 className="home__title">{t("home:title")}</h1>
          <p className="home__lead">{t("home:lead")}</p>
        </section>
        <MyExchanges me={me} onRetry={reload} />
        <CreateExchangeForm />
      </Page>
    </>
  );
}

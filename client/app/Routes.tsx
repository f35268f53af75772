import { DocumentScreen } from "../features/document/DocumentScreen";
import { ExchangeScreen } from "../features/exchange/ExchangeScreen";
import { HomeScreen } from "../features/home/HomeScreen";
import { JoinScreen } from "../features/join/JoinScreen";
import { NotFoundScreen } from "../features/notFound/NotFoundScreen";
import { useLocationPath } from "../navigation/history";
import { matchRoute } from "../navigation/paths";

/** Maps the URL to a screen. */
export function Routes() {
  const route = matchRoute(useLocationPath());
  switch (route.name) {
    case "home":
      return <HomeScreen />;
    case "join":
      return <JoinScreen key={route.token} token={route.token} />;
    case "exchange":
      return <ExchangeScreen key={route.exchangeId} exchangeId={route.exchangeId} />;
    case "document":
      return <DocumentScreen room={route.room} />;
    case "invalidDocument":
      return <NotFoundScreen kind="document" />;
    case "notFound":
      return <NotFoundScreen kind="page" />;
  }
}

import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { RoomAddress } from "../../../shared/protocol/roomName";
import { CollaborativeEditor } from "../../editor/CollaborativeEditor";
import { LanguageSwitcher } from "../../i18n/LanguageSwitcher";
import { useDisplayName } from "../../identity/displayName";
import { colorForName } from "../../identity/userColor";
import { useRecordRecentDocument } from "../../recent/recentDocuments";
import { type CollabSession, useCollabDocument } from "../../sync/useCollabDocument";
import { ClosedState } from "./ClosedState";
import { ConnectionStatus } from "./ConnectionStatus";
import { DocumentHeader } from "./DocumentHeader";
import { NameGate } from "./NameGate";
import { PresenceList } from "./PresenceList";
import { TitleInput } from "./TitleInput";
import { useDocumentTitle } from "./useDocumentTitle";
import "./document.css";

/** A live document: asks for a name first if this device has none, then joins the room. */
export function DocumentScreen({ room }: { room: RoomAddress }) {
  const [name, setName] = useDisplayName();
  if (!name) {
    return (
      <main className="document-screen document-screen--gate">
        <div className="document-screen__gate-language">
          <LanguageSwitcher />
        </div>
        <NameGate onSubmit={setName} />
      </main>
    );
  }
  return <OpenDocument key={`${room.exchangeId}/${room.documentId}`} room={room} name={name} />;
}

function OpenDocument({ room, name }: { room: RoomAddress; name: string }) {
  const { t } = useTranslation("document");
  const session = useCollabDocument(room, { name, color: colorForName(name) });
  return (
    <main className="document-screen" aria-busy={!session?.ready}>
      {session ? (
        <LoadedDocument room={room} session={session} name={name} />
      ) : (
        <p className="document-screen__loading">{t("loading")}</p>
      )}
    </main>
  );
}

function LoadedDocument({
  room,
  session,
  name,
}: {
  room: RoomAddress;
  session: CollabSession;
  name: string;
}) {
  const { t } = useTranslation("document");
  const [title, setTitle] = useDocumentTitle(session.doc);
  const recordRecent = useRecordRecentDocument();

  useEffect(() => {
    recordRecent(room, session.ready ? title : null);
  }, [recordRecent, room, title, session.ready]);

  useEffect(() => {
    document.title = t("pageTitle", { title: title || t("title.placeholder") });
  }, [t, title]);

  const { status } = session;
  return (
    <>
      <DocumentHeader
        heading={title || t("title.placeholder")}
        title={<TitleInput title={title} onChange={setTitle} />}
        status={<ConnectionStatus status={status} />}
        presence={<PresenceList awareness={session.awareness} />}
        language={<LanguageSwitcher />}
      />
      {status.kind === "error" ? (
        <ClosedState code={status.code} reason={status.reason} />
      ) : session.ready ? (
        <CollaborativeEditor
          doc={session.doc}
          provider={session.provider}
          user={{ name, color: colorForName(name) }}
        />
      ) : (
        <div className="document-screen__loading" role="status">
          <span className="document-screen__spinner" aria-hidden="true" />
          {t("loading")}
        </div>
      )}
    </>
  );
}

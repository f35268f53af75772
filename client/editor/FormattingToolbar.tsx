import type { ChainedCommands, Editor } from "@tiptap/react";
import type { Ref } from "react";
import { useTranslation } from "react-i18next";
import {
  BoldIcon,
  BulletListIcon,
  ColumnAddIcon,
  ColumnRemoveIcon,
  ItalicIcon,
  LinkIcon,
  OrderedListIcon,
  ParagraphIcon,
  QuoteIcon,
  RedoIcon,
  RowAddIcon,
  RowRemoveIcon,
  StrikeIcon,
  TableIcon,
  TableRemoveIcon,
  TaskListIcon,
  UnderlineIcon,
  UndoIcon,
} from "../ui/icons";
import { Toolbar, ToolbarSeparator } from "../ui/Toolbar";
import { ToolButton } from "./ToolButton";
import { useToolbarState } from "./useToolbarState";

const HEADING_LEVELS = [1, 2, 3] as const;

/** Formatting controls for the document editor: one tab stop, arrow keys between controls. */
export function FormattingToolbar({
  editor,
  linkOpen,
  onLinkRequest,
  linkButtonRef,
}: {
  editor: Editor;
  linkOpen: boolean;
  onLinkRequest: () => void;
  linkButtonRef: Ref<HTMLButtonElement>;
}) {
  const { t } = useTranslation("editor");
  const state = useToolbarState(editor);
  const run = (command: (chain: ChainedCommands) => ChainedCommands) => () => {
    // Never restructure the document under an IME composition.
    if (editor.view.composing) return;
    command(editor.chain().focus()).run();
  };

  return (
    <Toolbar label={t("toolbar.label")}>
      <ToolButton
        label={t("toolbar.paragraph")}
        shortcut="paragraph"
        pressed={state.paragraph}
        onRun={run((c) => c.setParagraph())}
      >
        <ParagraphIcon />
      </ToolButton>
      {HEADING_LEVELS.map((level) => (
        <ToolButton
          key={level}
          label={t("toolbar.heading", { level })}
          shortcut={`heading${level}`}
          pressed={state[`heading${level}`]}
          onRun={run((c) => c.toggleHeading({ level }))}
        >
          <span className="toolbar__glyph" aria-hidden="true">
            {t("toolbar.headingGlyph", { level })}
          </span>
        </ToolButton>
      ))}
      <ToolbarSeparator />
      <ToolButton
        label={t("toolbar.bold")}
        shortcut="bold"
        pressed={state.bold}
        onRun={run((c) => c.toggleBold())}
      >
        <BoldIcon />
      </ToolButton>
      <ToolButton
        label={t("toolbar.italic")}
        shortcut="italic"
        pressed={state.italic}
        onRun={run((c) => c.toggleItalic())}
      >
        <ItalicIcon />
      </ToolButton>
      <ToolButton
        label={t("toolbar.underline")}
        shortcut="underline"
        pressed={state.underline}
        onRun={run((c) => c.toggleUnderline())}
      >
        <UnderlineIcon />
      </ToolButton>
      <ToolButton
        label={t("toolbar.strike")}
        shortcut="strike"
        pressed={state.strike}
        onRun={run((c) => c.toggleStrike())}
      >
        <StrikeIcon />
      </ToolButton>
      <ToolButton
        label={t("toolbar.link")}
        shortcut="link"
        pressed={state.link}
        expanded={linkOpen}
        buttonRef={linkButtonRef}
        onRun={onLinkRequest}
      >
        <LinkIcon />
      </ToolButton>
      <ToolbarSeparator />
      <ToolButton
        label={t("toolbar.bulletList")}
        shortcut="bulletList"
        pressed={state.bulletList}
        onRun={run((c) => c.toggleBulletList())}
      >
        <BulletListIcon />
      </ToolButton>
      <ToolButton
        label={t("toolbar.orderedList")}
        shortcut="orderedList"
        pressed={state.orderedList}
        onRun={run((c) => c.toggleOrderedList())}
      >
        <OrderedListIcon />
      </ToolButton>
      <ToolButton
        label={t("toolbar.taskList")}
        shortcut="taskList"
        pressed={state.taskList}
        onRun={run((c) => c.toggleTaskList())}
      >
        <TaskListIcon />
      </ToolButton>
      <ToolButton
        label={t("toolbar.blockquote")}
        shortcut="blockquote"
        pressed={state.blockquote}
        onRun={run((c) => c.toggleBlockquote())}
      >
        <QuoteIcon />
      </ToolButton>
      <ToolbarSeparator />
      {state.inTable ? (
        <>
          <ToolButton label={t("toolbar.addRow")} onRun={run((c) => c.addRowAfter())}>
            <RowAddIcon />
          </ToolButton>
          <ToolButton label={t("toolbar.deleteRow")} onRun={run((c) => c.deleteRow())}>
            <RowRemoveIcon />
          </ToolButton>
          <ToolButton label={t("toolbar.addColumn")} onRun={run((c) => c.addColumnAfter())}>
            <ColumnAddIcon />
          </ToolButton>
          <ToolButton label={t("toolbar.deleteColumn")} onRun={run((c) => c.deleteColumn())}>
            <ColumnRemoveIcon />
          </ToolButton>
          <ToolButton label={t("toolbar.deleteTable")} onRun={run((c) => c.deleteTable())}>
            <TableRemoveIcon />
          </ToolButton>
        </>
      ) : (
        <ToolButton
          label={t("toolbar.insertTable")}
          onRun={run((c) => c.insertTable({ rows: 3, cols: 3, withHeaderRow: true }))}
        >
          <TableIcon />
        </ToolButton>
      )}
      <ToolbarSeparator />
      <ToolButton
        label={t("toolbar.undo")}
        shortcut="undo"
        disabled={!state.canUndo}
        onRun={run((c) => c.undo())}
      >
        <UndoIcon />
      </ToolButton>
      <ToolButton
        label={t("toolbar.redo")}
        shortcut="redo"
        disabled={!state.canRedo}
        onRun={run((c) => c.redo())}
      >
        <RedoIcon />
      </ToolButton>
    </Toolbar>
  );
}

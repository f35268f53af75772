import type { AnchorHTMLAttributes } from "react";
import { handleLinkClick } from "./history";

type AppLinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: string };

/** An ordinary <a href> (copyable, openable in a new tab) that navigates in-app on a plain click. */
export function AppLink({ to, onClick, ...rest }: AppLinkProps) {
  return (
    <a
      {...rest}
      href={to}
      onClick={(event) => {
        onClick?.(event);
        handleLinkClick(event, to);
      }}
    />
  );
}

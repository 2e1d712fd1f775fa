/** Follows the Office theme (dark or light) where the host reports one. */
import { type Theme, webDarkTheme, webLightTheme } from "@fluentui/react-components";

/** Relative luminance of "#rrggbb" below 0.4 counts as dark. */
export function isDarkColor(color: string): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color.trim());
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4;
}

export function officeFluentTheme(): Theme {
  try {
    const background = typeof Office !== "undefined" ? Office.context?.officeTheme?.bodyBackgroundColor : undefined;
    return background && isDarkColor(background) ? webDarkTheme : webLightTheme;
  } catch {
    // Office.context.officeTheme throws on hosts that do not report a theme.
    return webLightTheme;
  }
}

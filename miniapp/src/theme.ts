/**
 * Colours that native components take as props — the navigation and tab bars (app.config.ts) and <Switch
 * color> — where the CSS variables of app.css cannot reach. The same values as that palette.
 */
export const THEME = {
  primary: '#1f7a5c',
  page: '#f4f5f7',
  surface: '#ffffff',
  tabText: '#7a7e83',
} as const;

import { urlParams } from '@/state/url-filters';
import { useUrlParam } from '@/state/url-state';
import { ThemeCheckboxes } from '@/ui/ThemeCheckboxes';

/**
 * The `theme` filter of a map view, kept in the URL so that a shared link shows the same. A list,
 * as in every section (?theme=a,b): none chosen is every theme.
 */
export function ThemeFilter({ id, label, allLabel }: { id: string; label: string; allLabel: string }) {
  const [theme, setTheme] = useUrlParam(urlParams.theme);
  return <ThemeCheckboxes idPrefix={id} label={label} helperText={allLabel} value={theme} onChange={setTheme} />;
}

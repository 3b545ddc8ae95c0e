// The colour of each label, light and dark: the iltizam.colors setting, else
// the schema's defaults, else (labels of a corpus's own annotation.conf) a
// fallback palette entry chosen by the label's name, so it is stable.
import { entityLabels, commitmentLabel } from '../../server/src/analysis/schema';
import storeData from '../../server/data/annotation-store.json';

export interface LabelColour {
  light: string;
  dark: string;
}

function fallback(label: string, theme: 'light' | 'dark'): string {
  const palette = storeData.fallbackColours[theme];
  let hash = 0;
  for (const ch of label) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length];
}

export function labelColour(label: string, overrides: Record<string, string> = {}): LabelColour {
  const custom = overrides[label];
  const known = label === commitmentLabel.name ? commitmentLabel : entityLabels.find((l) => l.name === label);
  return { light: custom ?? known?.light ?? fallback(label, 'light'), dark: custom ?? known?.dark ?? fallback(label, 'dark') };
}

export function labelColours(labels: Iterable<string>, overrides: Record<string, string> = {}): Record<string, LabelColour> {
  const out: Record<string, LabelColour> = {};
  for (const label of labels) out[label] = labelColour(label, overrides);
  return out;
}

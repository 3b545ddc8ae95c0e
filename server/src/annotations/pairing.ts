// Which .ann belongs to which text: brat's pairing, X.txt ↔ X.ann in the same
// folder. Plain names (file paths or file: URIs alike), so that every place
// (the editor's stores, the index, export, import, agreement) pairs the same
// way. Extensions are matched without regard to case (Report.TXT ↔ Report.ann,
// Report.ANN is an annotation file); a .ann's text is looked for as X.txt.

const TEXT_EXTENSION = /\.txt$/i;
const ANNOTATION_EXTENSION = /\.ann$/i;

export function isTextName(name: string): boolean {
  return TEXT_EXTENSION.test(name);
}

export function isAnnotationName(name: string): boolean {
  return ANNOTATION_EXTENSION.test(name);
}

/** `X.txt` → `X.ann`; any other name gets `.ann` appended. */
export function annotationNameOf(textName: string): string {
  return textName.replace(TEXT_EXTENSION, '') + '.ann';
}

/** `X.ann` → `X.txt`; any other name is returned as it is. */
export function textNameOf(annotationName: string): string {
  return annotationName.replace(ANNOTATION_EXTENSION, '.txt');
}

/** A name without its `.txt` or `.ann` (how a corpus names its documents). */
export function documentNameOf(fileName: string): string {
  return fileName.replace(TEXT_EXTENSION, '').replace(ANNOTATION_EXTENSION, '');
}

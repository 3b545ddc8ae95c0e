// The tagger's model in memory that threads share: the weights and tables of
// each stage copied once into SharedArrayBuffers, so that a worker given the
// shared form (it survives postMessage / workerData without a copy) has the
// model at once, without reading and decoding it again, and N workers hold
// one copy of the weights, not N. The stage's fields are taken as they are
// (typed arrays and numbers), so that how a stage lays out its tables stays
// model.ts's business.
import { StageModel, TaggerModel } from './model';

type StageField = number | string | boolean | undefined | ArrayBufferView;

/** A TaggerModel as threads pass it around: plain data, the typed arrays on shared memory. */
export interface SharedTaggerModel {
  stages: Record<string, StageField>[];
  model: Record<string, unknown>;
}

const isTypedArray = (v: unknown): v is Exclude<ArrayBufferView, DataView> => ArrayBuffer.isView(v) && !(v instanceof DataView);

function sharedCopy<A extends Exclude<ArrayBufferView, DataView>>(array: A): A {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const Kind = array.constructor as new (buffer: SharedArrayBuffer) => A;
  const copy = new Kind(new SharedArrayBuffer(array.byteLength));
  new Uint8Array(copy.buffer).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return copy;
}

/** The fields of one object, typed arrays moved to shared memory; anything else but plain values is refused (it would not cross as it is). */
function sharedFields(object: object, what: string): Record<string, StageField> {
  const fields: Record<string, StageField> = {};
  for (const [name, value] of Object.entries(object)) {
    if (isTypedArray(value)) fields[name] = sharedCopy(value);
    else if (value === undefined || ['number', 'string', 'boolean'].includes(typeof value)) fields[name] = value as StageField;
    else throw new Error(`tagger model: ${what}.${name} cannot be shared between threads`);
  }
  return fields;
}

/** The model's shared form (the model itself is left as it is). */
export function shareTaggerModel(model: TaggerModel): SharedTaggerModel {
  const { stages, ...rest } = model;
  return { stages: stages.map((s, k) => sharedFields(s, `stages[${k}]`)), model: rest };
}

/** The model again, on the thread that received the shared form: its stages read the shared memory. */
export function sharedTaggerModel(shared: SharedTaggerModel): TaggerModel {
  const stages = shared.stages.map((fields) => Object.assign(Object.create(StageModel.prototype) as StageModel, fields));
  return Object.assign(Object.create(TaggerModel.prototype) as TaggerModel, shared.model, { stages });
}

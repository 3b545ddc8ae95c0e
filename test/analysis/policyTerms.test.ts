// Threat, Principle and Instrument beyond the lexicon's names, and context checks (analysis/policyTerms.ts).
// Every sentence here is written for the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/analysis/analyze';
import type { Analysis } from '../../server/src/analysis/types';

const labelled = (a: Analysis, label: string) => a.entities.filter((e) => e.label === label).map((e) => e.text);

test('the object of a word of combat is a Threat, with a fused لل kept', () => {
  assert.deepEqual(labelled(analyzeText('وتعمل الهيئة على مكافحة الاحتكار في الأسواق.'), 'Threat'), ['الاحتكار']);
  assert.deepEqual(labelled(analyzeText('وأطلقت الوزارة برنامجا للتصدي للتنمر في المدارس.'), 'Threat'), ['للتنمر']);
  assert.deepEqual(labelled(analyzeText('ويجب القضاء على الفجوة الرقمية بين الأقاليم.'), 'Threat'), ['الفجوة الرقمية']);
});

test('challenges and crises after a word of combat are no Threat', () => {
  assert.deepEqual(labelled(analyzeText('وتعاونت الدول لمواجهة التحديات المشتركة.'), 'Threat'), []);
});

test('an instrument takes the adjectives after its head and a purpose with ل', () => {
  assert.ok(labelled(analyzeText('ووقعت الجامعتان مذكرة تفاهم ثقافي.'), 'Instrument').includes('مذكرة تفاهم ثقافي'));
  assert.ok(labelled(analyzeText('ووقع البلدان اتفاق تعاون للتنمية.'), 'Instrument').includes('اتفاق تعاون للتنمية'));
});

test('a Principle after a negating head is what is lost, not a value invoked', () => {
  assert.deepEqual(labelled(analyzeText('وحذر التقرير من فقدان التسامح في المجتمع.'), 'Principle'), []);
  assert.deepEqual(labelled(analyzeText('ودعا التقرير إلى التسامح في المجتمع.'), 'Principle'), ['التسامح']);
});

test('threats, principles and instruments of other policy domains come from the lexicon with their English names', () => {
  const a = analyzeText('وتعهدت الحكومة بمواجهة تغير المناخ والفقر وعمالة الأطفال، وفق مبدأ التضامن واتفاق باريس.');
  const en = (text: string) => a.entities.find((e) => e.text === text)?.nameEn;
  assert.equal(en('تغير المناخ'), 'climate change');
  assert.equal(en('الفقر'), 'poverty');
  assert.equal(en('عمالة الأطفال'), 'child labour');
  assert.equal(en('التضامن'), 'solidarity');
  assert.equal(en('اتفاق باريس'), 'Paris Agreement');
});

test('a noun of value with a possessive suffix and its adjectives is a Principle, and a commitment invokes it', () => {
  const a = analyzeText('ودعت الجمعية إلى احترام كرامتهم وضمان حقوقهم الاجتماعية والاقتصادية.');
  assert.deepEqual(labelled(a, 'Principle'), ['كرامتهم', 'حقوقهم الاجتماعية والاقتصادية']);
  assert.equal(a.commitments[0].principles.length, 2);
  assert.deepEqual(labelled(analyzeText('وزار الوفد بيته في القرية.'), 'Principle'), [], 'a possessive on another noun');
});

test('an instrument takes its number and its subject after a link word, but no relative pronoun', () => {
  const law = analyzeText('وناقش المجلس مشروع القانون عدد 12/2020 المتعلق بالوقاية من التعذيب.');
  assert.ok(labelled(law, 'Instrument').includes('مشروع القانون عدد 12/2020 المتعلق بالوقاية من التعذيب'), JSON.stringify(labelled(law, 'Instrument')));
  const subject = analyzeText('وصادق البرلمان على القانون المتعلق بالقضاء على العنف ضد الأطفال.');
  assert.ok(labelled(subject, 'Instrument').includes('القانون المتعلق بالقضاء على العنف ضد الأطفال'), JSON.stringify(labelled(subject, 'Instrument')));
  assert.deepEqual(labelled(analyzeText('واحترم الجميع الدستور الذي أقره الشعب.'), 'Instrument'), ['الدستور']);
});

test('a named instrument takes its purpose; a kind of instrument does not', () => {
  assert.ok(labelled(analyzeText('وانسحبت الدولة من اتفاق باريس لمكافحة تغير المناخ.'), 'Instrument').includes('اتفاق باريس لمكافحة تغير المناخ'));
  const kind = analyzeText('ووقع الطرفان اتفاقية تعاون لمنع الاتجار بالبشر.');
  assert.ok(labelled(kind, 'Instrument').includes('اتفاقية تعاون'));
  assert.ok(labelled(kind, 'Threat').includes('الاتجار بالبشر'));
});

test('a name found by its organisation head stops where an indefinite instrument head starts', () => {
  const a = analyzeText('ووقعت جامعة القاهرة الأهلية مذكرة تفاهم ثقافي مع المعهد.');
  assert.ok(labelled(a, 'Organization').includes('جامعة القاهرة الأهلية'), JSON.stringify(a.entities.map((e) => [e.label, e.text])));
  assert.ok(labelled(a, 'Instrument').includes('مذكرة تفاهم ثقافي'));
});

test('a country name as an adjective: part of a body after its head, no Location after another noun', () => {
  const a = analyzeText('وأعلنت الحكومة السعودية أنها ستمول المشروع في الأراضي السعودية.');
  assert.deepEqual(labelled(a, 'Organization'), ['الحكومة السعودية']);
  assert.deepEqual(labelled(a, 'Location'), []);
  assert.deepEqual(labelled(analyzeText('وزار الوفد السعودية أمس.'), 'Location'), ['السعودية'], 'after a verb it is the country');
});

test('الاستراتيجية after a definite noun is the adjective strategic, and signs nothing', () => {
  const a = analyzeText('ووقعت الوزارتان الشراكة الاستراتيجية.');
  assert.deepEqual(labelled(a, 'Instrument'), []);
  assert.equal(a.commitments.length, 0);
  assert.ok(labelled(analyzeText('وأطلقت الوزارة الاستراتيجية الوطنية للمياه.'), 'Instrument').length > 0);
});

test('سيادته is an honorific, not a principle held by someone', () => {
  assert.deepEqual(labelled(analyzeText('واستقبل سيادته الوفد الزائر.'), 'Principle'), []);
});

test('the authorities or forces of a country written as its adjective are one Organization', () => {
  const a = analyzeText('وأعلنت السلطات السعودية إغلاق المعبر.');
  assert.deepEqual(labelled(a, 'Organization'), ['السلطات السعودية']);
});

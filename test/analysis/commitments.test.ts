// Commitment cues by construction, clauses and actors by role (analysis/commitments/).
// Every sentence here is written for the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText } from '../../server/src/analysis/analyze';
import type { Analysis, Commitment } from '../../server/src/analysis/types';

const textsOf = (a: Analysis, ids: string[]) => ids.map((id) => a.entities.find((e) => e.id === id)?.text);
const only = (a: Analysis): Commitment => {
  assert.equal(a.commitments.length, 1, JSON.stringify(a.commitments.map((c) => c.text)));
  return a.commitments[0];
};

// ---- cues --------------------------------------------------------------------

test('a passive auxiliary with a noun of agreement is binding, the noun possibly after an aside', () => {
  const a = analyzeText('تم، صباح اليوم، التوقيع على اتفاقية تعاون بين وزارة الصحة ومنظمة الأمم المتحدة للطفولة.');
  const c = only(a);
  assert.equal(c.strength, 'binding');
  assert.equal(c.cue.text, 'تم');
  assert.deepEqual(textsOf(a, c.actors), ['وزارة الصحة', 'منظمة الأمم المتحدة للطفولة']);
  assert.equal(analyzeText('تم افتتاح المعرض في المدينة.').commitments.length, 0, 'تم with another noun is no agreement');
});

test('قام ب + a noun of signing is binding', () => {
  const c = only(analyzeText('وقام بتوقيع المذكرة رئيس جامعة القاهرة.'));
  assert.equal(c.strength, 'binding');
  assert.equal(c.cue.text, 'قام');
});

test('an emphasis verb with على and a word of obligation is a call, starting at the verb', () => {
  const c = only(analyzeText('وشددت النائبة على عدم التراجع عن إصلاح التعليم.'));
  assert.equal(c.strength, 'call');
  assert.ok(c.text.startsWith('شددت'));
});

test('the passive future is intent, with no actor needed', () => {
  const c = only(analyzeText('وسيتم إنشاء محطات لتحلية المياه في المناطق الساحلية.'));
  assert.equal(c.strength, 'intent');
  assert.deepEqual(c.actors, []);
});

test('what an agreement stipulates is binding; obligations and recommendations are calls', () => {
  assert.equal(only(analyzeText('وينص الاتفاق على تبادل الخبرات بين الجامعات.')).strength, 'binding');
  assert.equal(only(analyzeText('يجب على البلديات توفير المياه الصالحة للشرب.')).strength, 'call');
  assert.equal(only(analyzeText('وأوصت اللجنة بتوسيع برامج التطعيم.')).strength, 'call');
  assert.equal(only(analyzeText('وأهابت النقابة بالعمال احترام قواعد السلامة.')).strength, 'call');
});

test('readiness is intent, and trying in the first person aspirational', () => {
  assert.equal(only(analyzeText('وأبدت الشركة استعدادها لتمويل المشروع.')).strength, 'intent');
  assert.equal(only(analyzeText('قال المدير: سأحاول تحسين الخدمات.')).strength, 'aspirational');
});

test('a cue word after a number is a noun; under a condition or after a relative pronoun it commits nobody', () => {
  assert.equal(analyzeText('ويدرس في المدرسة ألف طالب وطالبة من القرى المجاورة.').commitments.length, 0);
  assert.equal(analyzeText('ومن غير الواضح ما إذا كانت الشركات سوف تلتزم بالمعايير.').commitments.length, 0);
  assert.equal(analyzeText('وزار الوفد المصنع الذي ستموله الوكالة.').commitments.length, 0);
});

// ---- clauses -----------------------------------------------------------------

test('a clause runs on across an abbreviation, quotation marks and an aside', () => {
  const abbreviation = only(analyzeText('ووقع أ. د. سامي الخطيب مذكرة تفاهم مع الجامعة الأردنية.'));
  assert.ok(abbreviation.text.includes('مذكرة تفاهم'), abbreviation.text);
  const quoted = only(analyzeText('وطالبت النقابة "بتحسين ظروف العمل" في المصانع الكبرى.'));
  assert.ok(quoted.text.endsWith('في المصانع الكبرى'), quoted.text);
  const aside = analyzeText('ووقعت تونس، أمس، اتفاق تعاون مع الجزائر.');
  assert.deepEqual(textsOf(aside, only(aside).actors), ['تونس', 'الجزائر'], 'the partner after مع signs too');
});

test('coordinated complements of one verb make one clause', () => {
  const c = only(analyzeText('ودعا المجلس إلى حماية الغابات، وإلى ترشيد استهلاك المياه.'));
  assert.ok(c.text.endsWith('ترشيد استهلاك المياه'), c.text);
});

// ---- actors ------------------------------------------------------------------

test('a pronoun subject (إنه، بلاده) and the first person resolve to the speaker', () => {
  const pronoun = analyzeText('وقال السيد كمال ناصر إنه سيعمل على دعم الفلاحين.');
  assert.deepEqual(textsOf(pronoun, only(pronoun).actors), ['كمال ناصر']);
  const country = analyzeText('وأكد السيد كمال ناصر أن بلاده ستدعم مشاريع الطاقة الشمسية.');
  assert.deepEqual(textsOf(country, only(country).actors), ['كمال ناصر']);
  const we = analyzeText('وقال السيد كمال ناصر: سنعمل على تطوير شبكات الري.');
  assert.deepEqual(textsOf(we, only(we).actors), ['كمال ناصر']);
});

test('a call made through a pronoun is the speaker\'s; the noun phrase after it is the addressee', () => {
  const a = analyzeText('وقالت المنظمة الدولية للهجرة إنها تناشد الدول المانحة دعم اللاجئين.');
  assert.deepEqual(textsOf(a, only(a).actors), ['المنظمة الدولية للهجرة']);
});

test('a call verb\'s subject may follow a title that names a country', () => {
  const a = analyzeText('وطالب وزير خارجية فرنسا السيد جان مارتان بوقف القتال.');
  assert.deepEqual(textsOf(a, only(a).actors), ['جان مارتان']);
});

test('a generic noun phrase is the actor when no name fits, and becomes an entity of the analysis', () => {
  const svo = analyzeText('الدول المتقدمة ستقدم الدعم المالي للدول الفقيرة.');
  const c = only(svo);
  assert.deepEqual(textsOf(svo, c.actors), ['الدول المتقدمة']);
  const actor = svo.entities.find((e) => e.id === c.actors[0]);
  assert.equal(actor?.rule, 'generic-actor');
  assert.deepEqual(svo.entities.map((e) => e.id), svo.entities.map((_, k) => `e${k + 1}`), 'ids in document order');
  const speech = analyzeText('وأعلنت الجمعيات الأهلية أنها ستعمل على مساعدة الأسر.');
  assert.deepEqual(textsOf(speech, only(speech).actors), ['الجمعيات الأهلية']);
});

test('a verb without its subject at the start of a sentence continues the topic of the sentence before', () => {
  const a = analyzeText('عقدت منظمة الصحة العالمية مؤتمرا في جنيف. وطالبت في بيانها بزيادة تمويل اللقاحات.');
  assert.deepEqual(textsOf(a, only(a).actors), ['منظمة الصحة العالمية']);
});

test('a name inside a relative clause before the cue is not its subject', () => {
  const a = analyzeText('إن وزارة الصحة التي يرأسها السيد أحمد علي ستطلق حملة للتطعيم.');
  assert.deepEqual(textsOf(a, only(a).actors), ['وزارة الصحة']);
});

test('an agreement that stipulates is its parties\' commitment', () => {
  const a = analyzeText('وقعت وزارة النقل ومنظمة الصحة العالمية اتفاقية شراكة. وينص الاتفاق على تحديث المستشفيات.');
  const c = a.commitments.find((x) => x.cue.text === 'ينص');
  assert.equal(c?.strength, 'binding');
  assert.deepEqual(textsOf(a, c!.actors), ['وزارة النقل', 'منظمة الصحة العالمية']);
});

test('after سوف the subject follows the verb', () => {
  const a = analyzeText('وسوف تنسحب فرنسا من المعاهدة.');
  assert.deepEqual(textsOf(a, only(a).actors), ['فرنسا']);
});

test('a signing\'s partner after مع may come after a title', () => {
  const a = analyzeText('ووقعت وزارة الزراعة الاتفاق مع مدير منظمة الأغذية والزراعة.');
  assert.deepEqual(textsOf(a, only(a).actors), ['وزارة الزراعة', 'منظمة الأغذية والزراعة']);
});

test('a country right after the verb that opens the clause is the subject of a nominal cue', () => {
  const a = analyzeText('وأبدت تونس خلال اللقاء استعدادها لاستقبال الطلبة.');
  assert.deepEqual(textsOf(a, only(a).actors), ['تونس']);
});

test('a feminine plural after a past verb without ت is its object, not its subject', () => {
  const a = analyzeText('عقد المجلس الأعلى للصحة اجتماعه السنوي. ودعا الجمعيات الخيرية إلى دعم المستشفيات.');
  assert.deepEqual(textsOf(a, only(a).actors), ['المجلس الأعلى للصحة']);
});

test('a verb followed by a word with a fused preposition has no subject there: it continues who committed last', () => {
  const a = analyzeText('وطالبت النقابات المستقلة بتحسين الأجور. وأهابت بالعمال الالتزام بالإضراب.');
  assert.deepEqual(a.commitments.map((c) => textsOf(a, c.actors)), [['النقابات المستقلة'], ['النقابات المستقلة']]);
});

test('a call without a subject of its own in reported speech is the speaker\'s', () => {
  const a = analyzeText('وقالت السيدة ليلى حسن إن حماية الأطفال مسؤولية يجب تحملها.');
  assert.deepEqual(textsOf(a, only(a).actors), ['ليلى حسن']);
});

test('«البلدين» after a signing names its own parties, not those of an earlier agreement', () => {
  const a = analyzeText('وقعت الأردن ومصر اتفاقية تعاون. ووقعت تونس مع الجزائر اتفاقية تجارة بين البلدين.');
  assert.deepEqual(textsOf(a, a.commitments[1].actors), ['تونس', 'الجزائر']);
});

test('what a signing verb signs may come later in its sentence, after an aside too long to run across', () => {
  const a = analyzeText('وأمضى رئيس الهيئة ومدير الوكالة، صباح اليوم بمقر الهيئة في العاصمة، على مذكرة تعاون.');
  assert.equal(only(a).strength, 'binding');
});

test('a generic noun phrase after a speech verb is the speaker of a first-person commitment', () => {
  const a = analyzeText('وأضاف الوزير: "سنعمل على توسيع شبكة النقل".');
  assert.deepEqual(textsOf(a, only(a).actors), ['الوزير']);
});

test('a participle of speech (مضيفة، داعية) introduces reported speech', () => {
  const a = analyzeText('وتحدثت السيدة منى عادل عن التعليم، مضيفة أن "حماية الأطفال مسؤولية يجب تحملها".');
  assert.deepEqual(textsOf(a, only(a).actors), ['منى عادل']);
});

test('a verb without its subject takes the last name of its sentence that no preposition governs, before who committed last', () => {
  const a = analyzeText('ودعت السيدة ريم سالم إلى حماية الغابات. أما النائبة عن كتلة الأمل السيدة سلمى يوسف، فقد دعت إلى دعم الفلاحين.');
  assert.deepEqual(a.commitments.map((c) => textsOf(a, c.actors)), [['ريم سالم'], ['سلمى يوسف']]);
});

test('إذ is no condition: the call after it commits', () => {
  const a = analyzeText('ووافقت النائبة سلمى يوسف على الرأي، إذ شددت على عدم التراجع عن الإصلاح.');
  assert.ok(a.commitments.some((c) => c.strength === 'call'));
});

test('the government of a country, or its ministers, stand for the country', () => {
  const a = analyzeText('ووقعت حكومتا مصر والسودان أمس عقدا لإنشاء طريق بري.');
  assert.deepEqual(textsOf(a, only(a).actors), ['مصر', 'السودان']);
});

test('a pronoun after أنه is no subject of a passive or a noun: the parties of the signing are the actors', () => {
  const a = analyzeText('وقال السيد كمال ناصر إنه تم توقيع الاتفاق بين تونس والمغرب.');
  assert.deepEqual(textsOf(a, only(a).actors), ['تونس', 'المغرب']);
});

test('a signing between a named party and one the entities do not know still names the first', () => {
  // The rules alone, so that the second party is one no finder knows (the tagger would guess at it).
  const a = analyzeText('وتم توقيع الاتفاق بين تونس وجمهورية بالاو.', { tagger: false });
  assert.deepEqual(textsOf(a, only(a).actors), ['تونس']);
});

test('a particle (قد) before the verb that opens a clause does not hide its subject', () => {
  const a = analyzeText('وقد أبدت تونس خلال اللقاء استعدادها لاستقبال الطلبة.');
  assert.deepEqual(textsOf(a, only(a).actors), ['تونس']);
});

test('a call whose clause ends before its complement runs on over the apposition to it', () => {
  const a = analyzeText('وطالب وزير الزراعة السيد كمال ناصر، الموجود في القاهرة لحضور المؤتمر، بزيادة الدعم للفلاحين.');
  assert.ok(only(a).text.endsWith('بزيادة الدعم للفلاحين'), only(a).text);
});

test('a conjunction and preposition set apart by a quotation mark continue the clause', () => {
  const a = analyzeText('ودعت النقابة إلى رفع الأجور، وب"تحسين ظروف العمل".');
  assert.ok(only(a).text.includes('تحسين ظروف العمل'), only(a).text);
});

test('future verbs that begin like سنوات، سيرة or سيل are still future verbs', () => {
  for (const verb of ['سنواصل', 'سيرفع', 'سيلتزم', 'سيدعم']) {
    const a = analyzeText(`وقال السيد كمال ناصر إن الحكومة ${verb} الدعم للمزارعين.`);
    assert.equal(a.commitments.length, 1, verb);
  }
});

test('a body after a noun of office and عن is the one its member speaks for', () => {
  const a = analyzeText('ودعت السيدة ريم سالم إلى حماية الغابات. أما النائبة عن كتلة الأمل، فقد دعت إلى دعم الفلاحين.');
  assert.deepEqual(textsOf(a, a.commitments[1].actors), ['كتلة الأمل']);
});

test('ministers or the government of a body, with a word of portfolio between, stand for it', () => {
  const a = analyzeText('واتفق وزراء خارجية الاتحاد الأوروبي على توزيع اللاجئين.');
  assert.deepEqual(textsOf(a, only(a).actors), ['الاتحاد الأوروبي']);
});

test('a name found by its head ends before a title', () => {
  const a = analyzeText('وقالت النائبة عن كتلة الأمل السيدة سلمى يوسف إن الكتلة ستصوت.');
  assert.ok(a.entities.some((e) => e.label === 'Organization' && e.text === 'كتلة الأمل'));
  assert.ok(a.entities.some((e) => e.label === 'Person' && e.text === 'سلمى يوسف'));
});

test('reported speech whose clause names no actor is the speaker\'s, not a name a preposition governs', () => {
  const a = analyzeText('وأكد السيد سامي حداد، أمام لجنة الزراعة، أن المشروع سيوفر فرص عمل.');
  assert.deepEqual(textsOf(a, only(a).actors), ['سامي حداد']);
});

test('طالب right before a preposition other than ب is a student; سنتين is two years', () => {
  assert.equal(analyzeText('وقال السيد كمال ناصر إن ابنه طالب في كلية الطب.').commitments.length, 0);
  assert.equal(analyzeText('وطالب السيد كمال ناصر بزيادة الأجور.').commitments.length, 1);
  assert.equal(analyzeText('وقال السيد كمال ناصر إن البناء استغرق سنتين في المدينة.').commitments.length, 0);
});

test('a pronoun subject (إنه، بلاده) is the speaker, though another name is the subject of an earlier reported clause', () => {
  const country = analyzeText('وقال السيد كمال ناصر إن منظمة الصحة العالمية أشادت بالحملة وإن بلاده ستدعمها.');
  assert.deepEqual(textsOf(country, only(country).actors), ['كمال ناصر']);
  const pronoun = analyzeText('وقال السيد كمال ناصر إن منظمة الصحة العالمية أشادت بالحملة وإنه سيدعمها.');
  assert.deepEqual(textsOf(pronoun, only(pronoun).actors), ['كمال ناصر']);
});

test('a cue word in the first person (ندعو) is the speaker\'s', () => {
  const a = analyzeText('وقال السيد كمال ناصر إن منظمة الصحة العالمية أشادت بالحملة ونحن ندعو الشركات إلى دعمها.');
  assert.deepEqual(textsOf(a, only(a).actors), ['كمال ناصر']);
});

test('a quantifier opens a generic actor', () => {
  const a = analyzeText('وقال التقرير إن جميع الدول ستقدم الدعم.');
  assert.deepEqual(textsOf(a, only(a).actors), ['جميع الدول']);
});

test('a call runs on to a complement introduced by إلى', () => {
  const a = analyzeText('ودعا وزير الزراعة السيد كمال ناصر، الموجود في القاهرة لحضور المؤتمر، إلى زيادة الدعم.');
  assert.ok(only(a).text.endsWith('إلى زيادة الدعم'), only(a).text);
});

test('a future in speech reported by a verb without its subject continues the topic of the two sentences before', () => {
  const a = analyzeText('قال السيد سامي حداد إن الوضع صعب. وتحدث التقرير عن المياه. وأوضح في جلسة الاستماع أن المشروع سيوفر فرص عمل.');
  assert.deepEqual(textsOf(a, only(a).actors), ['سامي حداد']);
});

test('a later cue verb with a name of its own after it starts a second commitment', () => {
  const a = analyzeText('وسيتم تنفيذ المشروع خلال عامين تعهدت بموجبه وزارة المالية بتمويله.');
  assert.deepEqual(a.commitments.map((c) => c.strength), ['intent', 'binding']);
  assert.deepEqual(textsOf(a, a.commitments[1].actors), ['وزارة المالية']);
  const reported = analyzeText('وتنص الاتفاقية على أن تلتزم وزارة المالية بالتمويل.');
  assert.equal(reported.commitments.length, 1, 'a cue after أن belongs to the clause before');
});

test('a verb of launching with a noun of appeal, and a need said to be urgent, are calls', () => {
  const appeal = analyzeText('ووجه السيد كمال ناصر أمس نداء إلى المانحين لدعم المستشفيات.');
  assert.equal(only(appeal).strength, 'call');
  assert.equal(only(appeal).cue.text, 'وجه');
  assert.deepEqual(textsOf(appeal, only(appeal).actors), ['كمال ناصر']);
  const need = analyzeText('وأكدت منظمة الصحة العالمية أن الحاجة ملحة لتوسيع التطعيم.');
  assert.equal(only(need).strength, 'call');
  assert.deepEqual(textsOf(need, only(need).actors), ['منظمة الصحة العالمية']);
  assert.equal(analyzeText('وأطلق الجيش صاروخا تجريبيا.').commitments.length, 0, 'launching without an appeal');
});

test('an adverb between a subject and its cue (وحده، بدورها) leaves the subject its role', () => {
  const generic = analyzeText('والمدير العام وحده سيتخذ القرار.');
  assert.deepEqual(textsOf(generic, only(generic).actors), ['المدير العام']);
  const country = analyzeText('تونس بدورها ستدعم الحوار.');
  assert.deepEqual(textsOf(country, only(country).actors), ['تونس']);
});

test('on any sequence of cue words, names and punctuation, arguments refer to entities of the analysis, numbered in document order', () => {
  const words = ['تم', 'التوقيع', 'على', 'مذكرة', 'تفاهم', 'بين', 'تونس', 'والمغرب', 'وقعت', 'مع', 'سوف', 'قال', 'السيد', 'كمال', 'ناصر', 'إنه', 'بلاده', 'سيعمل', 'الطرفان', 'يجب', 'الشركات', 'جميع', 'الدول', 'طالب', 'الذي', 'شدد', 'عدم', 'ضرورة', 'الحكومة', 'السعودية', 'مكافحة', 'كرامتهم', 'أطلق', 'نداء', 'وحده', '"', '«', '»', '،', '.', 'د.', '(', ')', '\n', 'حكومتا', 'وزراء', 'أما', 'فقد', 'دعت', 'مضيفة', 'أن', 'تعهدت', 'سيتم'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...words), { maxLength: 40 }), (parts) => {
      const a = analyzeText(parts.join(' '));
      a.entities.forEach((e, k) => assert.equal(e.id, `e${k + 1}`));
      const ids = new Set(a.entities.map((e) => e.id));
      for (const c of a.commitments) for (const id of [...c.actors, ...c.principles]) assert.ok(ids.has(id), id);
    }),
    { seed: 20261204, numRuns: 300 },
  );
});

test('concluding is signing, and the partner after «بينها و» signs too', () => {
  const a = analyzeText('وأبرمت جامعة القاهرة مذكرة تفاهم بينها وجامعة بغداد.');
  assert.deepEqual(textsOf(a, only(a).actors), ['جامعة القاهرة', 'جامعة بغداد']);
  assert.equal(analyzeText('وأبرمت الصفقة أمس.').commitments.length, 0, 'nothing signed: no commitment');
});

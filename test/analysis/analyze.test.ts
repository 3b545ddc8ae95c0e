import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText, isArabicText } from '../../server/src/analysis/analyze';
import { Lexicon, parseLexiconFile, getDefaultLexicon } from '../../server/src/analysis/lexicon';
import { toAnalyzeRecord } from '../../server/src/interchange/analyzeRecord';
import type { Analysis } from '../../server/src/analysis/types';
import { inEnglish } from '../../server/src/messages/reason';

const repo = path.resolve(__dirname, '..', '..', '..');
const sample = (name: string) => fs.readFileSync(path.join(repo, 'samples', name), 'utf8');
const find = (a: Analysis, text: string, label?: string) => a.entities.find((e) => e.text === text && (!label || e.label === label));
/** The texts of the entities with these ids. */
const textsOf = (a: Analysis, ids: string[]) => ids.map((id) => a.entities.find((e) => e.id === id)?.text);

test('lexicon entries match through proclitics, with spans that follow the guidelines', () => {
  const a = analyzeText('أعلنت والحكومة العراقية بالعراق الحرب على الإرهاب وللإرهاب أسباب.');
  assert.equal(find(a, 'الحكومة العراقية', 'Organization')?.source, 'lexicon');
  assert.ok(find(a, 'العراق', 'Location'), 'بالعراق → العراق');
  assert.ok(find(a, 'الإرهاب', 'Threat'));
  assert.ok(find(a, 'للإرهاب', 'Threat'), 'لل is kept in the span');
});

test('diacritics and tatweel do not change what a word is', () => {
  const a = analyzeText('منع التطرّف العنيف ومنع التطـرف العنيف');
  const threats = a.entities.filter((e) => e.label === 'Threat');
  assert.deepEqual(threats.map((e) => e.text), ['التطرّف العنيف', 'التطـرف العنيف']);
  assert.equal(threats[0].kb, threats[1].kb);
});

test('dates with Syriac and transliterated month names, in either digit set', () => {
  const a = analyzeText('في 16 كانون الأول 2021 و٢٠ ديسمبر ٢٠٢١ وفي شباط 2020 وفي 3/4/2019.');
  const dates = a.entities.filter((e) => e.label === 'Date').map((e) => e.text);
  assert.deepEqual(dates, ['16 كانون الأول 2021', '٢٠ ديسمبر ٢٠٢١', 'شباط 2020', '3/4/2019']);
});

test('people after titles, without the title, and their surname later', () => {
  const a = analyzeText('وحضر معالي السيد فلان الزيدوني الاجتماع. وقال الزيدوني إن العمل مستمر.');
  assert.ok(find(a, 'فلان الزيدوني', 'Person'));
  assert.equal(find(a, 'الزيدوني', 'Person')?.rule, 'repeated-name');
});

test('organisations and instruments from head nouns with their genitive chains', () => {
  const a = analyzeText('اجتمعت لجنة التنسيق الوطنية مع هيئة رعاية الأيتام في بغداد، وناقشت خطة العمل الوطنية لحماية الأطفال.');
  assert.equal(find(a, 'لجنة التنسيق الوطنية')?.label, 'Organization');
  assert.equal(find(a, 'هيئة رعاية الأيتام')?.label, 'Organization');
  assert.ok(a.entities.some((e) => e.label === 'Instrument' && e.text.startsWith('خطة العمل الوطنية')));
});

test('a head noun with no genitive chain is not an organisation', () => {
  const a = analyzeText('أقيم الحفل في مقر مكتب في بغداد.');
  assert.ok(!a.entities.some((e) => e.text.startsWith('مكتب')));
});

test('commitments: signing, the two parties resolved to the signatories, principles inside', () => {
  const text = sample('iom-onsa-agreement.txt');
  const a = analyzeText(text);
  const byId = new Map(a.entities.map((e) => [e.id, e]));
  const signing = a.commitments.find((c) => c.cue.text === 'وقعت');
  assert.ok(signing, 'the signing clause is a commitment');
  assert.equal(signing.strength, 'binding');
  const parties = a.commitments.find((c) => c.text.includes('الطرفان'));
  assert.ok(parties);
  assert.deepEqual(new Set(parties.actors.map((id) => byId.get(id)!.kb)), new Set(signing.actors.map((id) => byId.get(id)!.kb)));
  assert.ok(parties.actors.length >= 2);
  assert.deepEqual(parties.principles.map((id) => byId.get(id)!.label), ['Principle', 'Principle']);
  const future = a.commitments.find((c) => c.cue.text === 'ستعزز');
  assert.equal(future?.strength, 'intent');
});

test('calls and aspirations, and negation', () => {
  const a = analyzeText('وأكد المتحدث على ضرورة التعاون الدولي. وأشار إلى السعي لتعزيز السلام. ولن تلتزم الوزارة بالقرار.');
  assert.deepEqual(a.commitments.map((c) => c.strength), ['call', 'aspirational', 'binding']);
  assert.deepEqual(a.commitments.map((c) => c.negated), [false, false, true]);
});

test('signing something that is not an instrument is not a commitment', () => {
  const a = analyzeText('وقع الحادث في بغداد أمس.');
  assert.equal(a.commitments.length, 0);
});

test('words that merely start with س are not future verbs', () => {
  const a = analyzeText('ناقش المؤتمر سياسة الحكومة وسيادة القانون لا سيما في سنوات الصراع.');
  assert.ok(!a.commitments.some((c) => c.strength === 'intent'));
});

test('non-Arabic text is recognised', () => {
  assert.equal(isArabicText('This is an English note about IOM.'), false);
  assert.equal(isArabicText(sample('ngo-pve-working-group.txt')), true);
});

test('the analyze record counts code points, so an emoji before an entity shifts it by one', () => {
  const text = '😀 العراق';
  const record = toAnalyzeRecord('x', analyzeText(text));
  const iraq = record.entities.find((e) => e.text === 'العراق')!;
  assert.equal(iraq.start, 2);
  assert.equal([...text].slice(iraq.start, iraq.end).join(''), 'العراق');
  assert.equal(analyzeText(text).entities[0].start, 3);
});

test('a workspace lexicon adds, replaces and disables entries, and reports bad lines', () => {
  const source = `{
  "entries": [
    { "id": "org.test", "label": "Organization", "ar": "جمعية الاختبار الخيالية", "en": "Test Society" },
    { "id": "loc.iraq", "disabled": true },
    { "id": "bad.one", "label": "Nonsense", "ar": "شيء" },
    { "id": "bad.two", "label": "Threat" }
  ]
}`;
  const { entries, problems } = parseLexiconFile(source);
  assert.equal(entries.length, 2);
  const lines = problems.map((p) => source.slice(0, p.start).split('\n').length);
  assert.deepEqual(lines, [5, 6]);
  assert.match(inEnglish(problems[0].message), /Unknown label "Nonsense"/);
  assert.match(inEnglish(problems[1].message), /no "ar"/);
  const base = getDefaultLexicon();
  assert.ok(base.byId.has('loc.iraq'), 'the default lexicon knows Iraq');
  const lexicon = base.withOverrides(entries);
  const a = analyzeText('زارت جمعية الاختبار الخيالية العراق.', { lexicon });
  assert.equal(find(a, 'جمعية الاختبار الخيالية')?.nameEn, 'Test Society');
  assert.ok(!a.entities.some((e) => e.kb === 'loc.iraq'));
});

test('JSON syntax errors in a lexicon file are located', () => {
  const source = '{ "entries": [\n { "id": "x", "label": "Threat", "ar": "شيء" }\n { "id": "y" }\n] }';
  const { problems } = parseLexiconFile(source);
  assert.ok(problems.length > 0);
  assert.equal(source.slice(0, problems[0].start).split('\n').length, 3);
});

test('analysis is deterministic and lexicon is compiled once', () => {
  const text = sample('ngo-pve-working-group.txt');
  assert.deepEqual(analyzeText(text), analyzeText(text));
  assert.equal(getDefaultLexicon(), getDefaultLexicon());
  assert.ok(new Lexicon([]).size === 0);
});

test('people named after their office, as speech subjects before إن, and in apposition after an office', () => {
  const office = analyzeText('واستقبل رئيس الوزراء البريطاني توني بلير الوفد.');
  assert.ok(find(office, 'توني بلير', 'Person'), 'office, its definite complements, then the name');
  const speech = analyzeText('وقال جرونسبكت هاورد إن الأسعار سترتفع.');
  assert.ok(find(speech, 'جرونسبكت هاورد', 'Person'), 'an unknown name closed by إن after a speech verb');
  const apposition = analyzeText('وأكد مدير عام دائرة المنظمات غير الحكومية، أشرف الدهان، أن العمل مستمر. وأضاف الدهان أن الاجتماع مهم.');
  assert.ok(find(apposition, 'أشرف الدهان', 'Person'));
  assert.equal(apposition.entities.filter((e) => e.label === 'Person' && e.text === 'الدهان').length, 1, 'the surname again later');
  // Not names: a definite noun after a speech verb, a verb after an office, a common word before إن.
  const none = analyzeText('وقال البيان إن الوضع مستقر. وأكد وزير الخارجية أن الحوار مستمر. وقال مصدر إن الاجتماع انتهى.');
  assert.deepEqual(none.entities.filter((e) => e.label === 'Person').map((e) => e.text), []);
});

test('a future verb needs an actor in its own sentence; an entity after a preposition is not the one committing', () => {
  const carried = analyzeText('وقعت وزارة الداخلية اتفاقية مع الشركة. وفي موضوع آخر، سترتفع درجات الحرارة غدا.');
  assert.ok(!carried.commitments.some((c) => c.cue.text === 'سترتفع'), 'no actor in the sentence of سترتفع: not a commitment');
  const own = analyzeText('قال البيان إن وزارة الداخلية ستعمل على حماية النازحين.');
  assert.equal(own.commitments.find((c) => c.cue.text === 'ستعمل')?.strength, 'intent');
  const dative = analyzeText('ستقدم الحكومة العراقية الدعم لوزارة الهجرة والمهجرين.');
  const names = (a: Analysis, id: string) => a.entities.find((e) => e.id === id)?.text;
  assert.deepEqual(dative.commitments[0].actors.map((id) => names(dative, id)), ['الحكومة العراقية']);
  const object = analyzeText('ستقدم الخطة الدعم إلى المنظمة الدولية للهجرة.');
  assert.ok(!object.commitments.some((c) => c.actors.some((id) => names(object, id) === 'المنظمة الدولية للهجرة')), 'governed by إلى');
  assert.ok(!object.entities.some((e) => e.text === 'الخطة الدعم'), 'a definite head takes adjectives, not the verb\'s object');
  const adjectives = analyzeText('وقال المجلس الأعلى للقضاء إن اللجنة العليا والهيئة العامة والمفوضية المستقلة ستعمل.');
  for (const name of ['المجلس الأعلى للقضاء', 'اللجنة العليا', 'الهيئة العامة', 'المفوضية المستقلة']) assert.ok(find(adjectives, name, 'Organization'), name);
});

test('a speech verb without its subject continues the last one who committed; آلية is not a definite word', () => {
  const a = analyzeText('وأكد الوزير فؤاد حسين على ضرورة الحوار. وتحدث عن جهود قوات الأمن العراقية في المدن. وأشار إلى «السعي لتعزيز التعاون».');
  const names = (ids: string[]) => ids.map((id) => a.entities.find((e) => e.id === id)?.text);
  const striving = a.commitments.find((c) => c.cue.text === 'السعي');
  assert.deepEqual(names(striving!.actors), ['فؤاد حسين'], 'not قوات الأمن العراقية, mentioned in between');
  const b = analyzeText('يتم الدعم عبر اللجنة وآلية التعويض.');
  assert.ok(!b.entities.some((e) => e.text.includes('وآلية')), 'و + آلية is not a coordinated definite word');
});

test('a name written with a decomposed hamza (ي + U+0654) matches the lexicon form written with ئ, and the other way round', () => {
  const decomposed = 'وأعلنت المحكمة الجناي\u0654ية الدولية قرارها.';
  const a = analyzeText(decomposed);
  const court = a.entities.find((e) => e.label === 'Organization' && e.source === 'lexicon');
  assert.ok(court, 'the court is found');
  assert.equal(court.text, 'المحكمة الجناي\u0654ية الدولية');
  const b = analyzeText('وأعلنت المحكمة الجنائية الدولية قرارها.');
  assert.equal(b.entities.find((e) => e.label === 'Organization')?.kb, court.kb);
});

test('the adjective ملتزم / ملتزمة / ملتزمون is a binding cue, with the subject before it as the actor', () => {
  const a = analyzeText('وأكدت الوزارة أن الحكومة ملتزمة بحماية حقوق الإنسان.');
  assert.equal(a.commitments.length, 1);
  const [c] = a.commitments;
  assert.equal(c.strength, 'binding');
  assert.equal(c.cue.text, 'ملتزمة');
  assert.deepEqual(textsOf(a, c.actors), ['الحكومة']);
  assert.deepEqual(textsOf(a, c.principles), ['حقوق الإنسان']);
  for (const cue of ['ملتزم', 'ملتزمون']) assert.equal(analyzeText(`إن مجلس النواب ${cue} بالدستور.`).commitments[0]?.strength, 'binding', cue);
});

test('the fallback actor comes from the commitment\'s own sentence, not from an earlier one', () => {
  // The speech verb has a subject of its own (المجلس), which is no name: nobody from before is carried
  // over, the generic noun phrase is the actor.
  const a = analyzeText('أعلنت وزارة العدل أمس خطة جديدة. وشدد المجلس على ضرورة حماية حقوق الإنسان.');
  // (The cue is the emphasis verb: شدد … على ضرورة.)
  const call = a.commitments.find((c) => c.cue.text === 'شدد');
  assert.ok(call);
  assert.deepEqual(textsOf(a, call.actors), ['المجلس']);
  const signed = analyzeText('وقعت وزارة العدل اتفاقية تعاون مع المنظمة الدولية للهجرة. وشدد المجلس على ضرورة حماية حقوق الإنسان.');
  assert.deepEqual(textsOf(signed, signed.commitments.find((c) => c.cue.text === 'شدد')!.actors), ['المجلس']);
  // An actor earlier in the same sentence, in another clause, still is.
  const same = analyzeText('أعلنت وزارة العدل أمس خطة جديدة. وأصدرت وزارة الداخلية بيانا، دعت فيه إلى حماية حقوق الإنسان.');
  assert.deepEqual(textsOf(same, same.commitments.find((c) => c.cue.text === 'دعت')!.actors), ['وزارة الداخلية']);
  // A full stop inside a quotation, or before a preposition governing the cue, does not end the sentence.
  const quoted = analyzeText('وأكد وزير الخارجية فؤاد حسين في كلمته. على «ضرورة حماية المدنيين. والدعوة إلى الحوار الوطني». وتحدث عن جهود وزارة الداخلية.');
  assert.deepEqual(quoted.commitments.map((c) => [c.cue.text, textsOf(quoted, c.actors)]), [['ضرورة', ['فؤاد حسين']], ['الدعوة', ['فؤاد حسين']]]);
});

test('a signing that names its parties after بين gives both parties to «الطرفان»', () => {
  const a = analyzeText('تم توقيع اتفاقية تعاون بين وزارة الداخلية والمنظمة الدولية للهجرة في بغداد، ويلتزم الطرفان بموجبها بتعزيز حقوق الإنسان.');
  const parties = a.commitments.find((c) => c.text.includes('الطرفان'));
  assert.ok(parties);
  assert.deepEqual(textsOf(a, parties.actors), ['وزارة الداخلية', 'المنظمة الدولية للهجرة']);
  // With a signing verb, its commitment has both parties too.
  const b = analyzeText('وقعت اتفاقية تعاون بين وزارة الداخلية والمنظمة الدولية للهجرة. ويلتزم الطرفان بحماية حقوق الإنسان.');
  assert.deepEqual(b.commitments.map((c) => textsOf(b, c.actors)), [['وزارة الداخلية', 'المنظمة الدولية للهجرة'], ['وزارة الداخلية', 'المنظمة الدولية للهجرة']]);
  // Not a signing's parties: بين after something else than what is signed.
  const c = analyzeText('وقعت وزارة العدل اتفاقية مع وزارة الداخلية. وجاء التوقيع في أعقاب ورشة عقدت بين المنظمة الدولية للهجرة ولجنة الحوار. ويلتزم الطرفان بحماية حقوق الإنسان.');
  assert.deepEqual(textsOf(c, c.commitments.find((x) => x.text.includes('الطرفان'))!.actors), ['وزارة العدل', 'وزارة الداخلية']);
});

test('reported speech: the subject of the reported clause commits, not the speaker', () => {
  const a = analyzeText('قال السيد أحمد إن الحكومة ستعمل على حماية حقوق الإنسان.');
  assert.deepEqual(textsOf(a, a.commitments[0].actors), ['الحكومة']);
  const b = analyzeText('وأكد وزير الخارجية فؤاد حسين أن وزارة الخارجية ملتزمة بدعم الحوار.');
  assert.deepEqual(textsOf(b, b.commitments[0].actors), ['وزارة الخارجية']);
  assert.ok(b.commitments[0].text.startsWith('أكد'), 'the clause still starts at the speech verb');
  // No actor as the reported clause's subject: the speaker, not an actor named inside it.
  const c = analyzeText('وقال فؤاد حسين إن التعاون مع وزارة الداخلية سيستمر.');
  assert.deepEqual(textsOf(c, c.commitments[0].actors), ['فؤاد حسين']);
});

test('a country commits as the subject of a cue, and only there', () => {
  const signed = analyzeText('ووقعت جمهورية العراق والمملكة الأردنية الهاشمية أمس مذكرة تفاهم للتعاون في مجال مكافحة الإرهاب.');
  assert.deepEqual(textsOf(signed, signed.commitments[0].actors), ['جمهورية العراق', 'المملكة الأردنية الهاشمية']);
  const reported = analyzeText('وأعلن وزير الخارجية فؤاد حسين أن العراق سيواصل دعم الحوار الوطني.');
  assert.deepEqual(textsOf(reported, reported.commitments[0].actors), ['العراق']);
  const svo = analyzeText('العراق والأردن يلتزمان بحماية الحدود المشتركة.');
  assert.deepEqual(textsOf(svo, svo.commitments[0].actors), ['العراق', 'الأردن']);
  // A place after a preposition, or not opening the clause, is no subject; nor is it the nearest actor before.
  const governed = analyzeText('ستدعم الحكومة في العراق الحوار.');
  assert.deepEqual(textsOf(governed, governed.commitments[0].actors), ['الحكومة']);
  assert.equal(analyzeText('وزار الوفد العراق سيعمل على دعم الحوار.').commitments.length, 0);
  const nearest = analyzeText('عقد الاجتماع في بغداد، ودعا إلى حماية حقوق الإنسان.');
  assert.deepEqual(textsOf(nearest, nearest.commitments[0].actors), []);
  // A bare future verb before a place is news, not a commitment.
  assert.equal(analyzeText('ستشهد بغداد أمطاراً غزيرة خلال الأيام المقبلة.').commitments.length, 0);
});

test('a titled name takes a surname the lexicon knows into one Person, not linked to the lexicon\'s person', () => {
  const a = analyzeText('واستقبل الدكتور حسن الكاظمي وفد المنظمة.');
  const people = a.entities.filter((e) => e.label === 'Person');
  assert.deepEqual(people.map((e) => [e.text, e.kb]), [['حسن الكاظمي', undefined]]);
  const said = analyzeText('وقال محمد الكاظمي إن العمل مستمر.');
  assert.deepEqual(said.entities.filter((e) => e.label === 'Person').map((e) => [e.text, e.kb]), [['محمد الكاظمي', undefined]]);
  // The lexicon's own full name, after a title, is still that person.
  const known = analyzeText('وحضر معالي السيد مصطفى الكاظمي الاجتماع.');
  assert.equal(known.entities.find((e) => e.label === 'Person')?.kb, 'per.mustafa_alkadhimi');
});

test('an instrument takes its number and year; a month may be given by both its names', () => {
  const a = analyzeText('وصدر قرار مجلس الأمن رقم 2170 لسنة 2014 بشأن المقاتلين. ونص القانون رقم 8 لسنة 2020 على ذلك.');
  const instruments = a.entities.filter((e) => e.label === 'Instrument').map((e) => e.text);
  assert.deepEqual(instruments, ['قرار مجلس الأمن رقم 2170 لسنة 2014', 'القانون رقم 8 لسنة 2020']);
  const lexical = analyzeText('وطبق قانون مكافحة الإرهاب لعام ٢٠٠٥ في المحافظات.');
  assert.equal(lexical.entities.find((e) => e.label === 'Instrument')?.text, 'قانون مكافحة الإرهاب لعام ٢٠٠٥');
  const dates = analyzeText('في آب/أغسطس 2022 وفي 3 كانون الثاني / يناير 2020، لا في يناير/فبراير 2021.');
  assert.deepEqual(dates.entities.filter((e) => e.label === 'Date').map((e) => e.text), ['آب/أغسطس 2022', '3 كانون الثاني / يناير 2020', 'فبراير 2021']);
});

test('a part of a document knows the people of the rest of it: their surnames are them again', () => {
  const part = 'وأكد الدهان أهمية الحوار.';
  const persons = (a: ReturnType<typeof analyzeText>) => a.entities.filter((e) => e.label === 'Person').map((e) => e.text);
  assert.deepEqual(persons(analyzeText(part)), []);
  assert.deepEqual(persons(analyzeText(part, { surroundingPersons: ['أحمد الدهان'] })), ['الدهان']);
  // The whole document finds the same.
  const whole = analyzeText(`قال السيد أحمد الدهان إن العمل مستمر.\n${part}`);
  assert.deepEqual(persons(whole), ['أحمد الدهان', 'الدهان']);
});

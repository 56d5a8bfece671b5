import { describe, expect, it } from 'vitest';
import { verbsOf } from '../../src/dedup/event-verbs.js';
import { mergeEvidence } from '../../src/dedup/merge-evidence.js';
import { mergeScore } from '../../src/dedup/merge-score.js';
import { isSameEvent, sameEventScore } from '../../src/dedup/same-event.js';

const report = (sentence: string, actors: string[], reportedIn: string, date = '2011-06-06') => ({ date, dateBasis: 'text', sentence, summary: sentence, actors, reportedIn: [reportedIn] });

describe('the merge decision as weighed evidence', () => {
  const icloud = report('Steve Jobs announced iCloud, a new service to sync data among devices.', ['Steve Jobs'], 'outlet-a');
  const icloudElsewhere = report('Steve Jobs unveiled iCloud, a service that syncs data among all devices.', ['Steve Jobs'], 'outlet-b');
  const itunes = report('Steve Jobs also unveiled a new iTunes feature that mirrors a library in the cloud.', ['Steve Jobs'], 'outlet-a');

  it('merges one launch told by two outlets, not two launches of one keynote', () => {
    expect(isSameEvent(icloud, icloudElsewhere)).toBe(true);
    expect(isSameEvent(icloud, itunes)).toBe(false);
    expect(isSameEvent(icloudElsewhere, itunes)).toBe(false);
  });

  it('counts a product named by both among the words of what was done, not among the parties', () => {
    const launch = report('Apple launched the iTunes Music Store on April 28.', ['Apple', 'iTunes Music Store'], 'outlet-a', '2003-04-28');
    const since = report('More songs were sold by the iTunes store since its launch in 2003.', ['iTunes'], 'outlet-b', '2003');
    expect(mergeEvidence(launch, since).objectOverlap).toBeGreaterThan(0);
  });

  it('keeps apart two releases of one year told at parts of it that cannot meet', () => {
    const lion = { ...report('The event also included a preview of Apple\'s forthcoming Mac OS X Lion operating system, to be released in mid-2011.', ['Apple', 'Mac OS X Lion'], 'outlet-a', '2011'), summary: 'To be released in mid-2011', dateText: 'mid-2011' };
    const icloud = { ...report('iCloud and iOS 5 will be released in the fall of 2011; Apple announced no new hardware products.', ['iCloud', 'iOS', 'Apple'], 'outlet-b', '2011'), summary: 'iCloud and iOS 5 will be released in the fall of 2011', dateText: 'the fall of 2011' };
    expect(mergeEvidence(lion, icloud).contradiction).toBe('dates');
    expect(mergeEvidence(lion, { ...icloud, dateText: '2011' }).contradiction).toBeNull();
  });

  it('knows an act in its -ing form ("While introducing iPhone 4" / "unveiled iPhone 4", "is suing")', () => {
    const unveiled = report('Steve Jobs unveiled iPhone 4 at the conference.', ['Steve Jobs', 'iPhone'], 'outlet-a', '2010-06-07');
    const introducing = report('While introducing iPhone 4, Jobs hinted at the leak.', ['Jobs', 'iPhone'], 'outlet-b', '2010-06-07');
    expect(mergeEvidence(unveiled, introducing).contradiction).toBeNull();
    const suing = report('Apple Corps is suing Apple Computer over the iTunes store.', ['Apple Corps', 'Apple Computer'], 'outlet-a', '2006-03-28');
    const settled = report('Apple Corps settled with Apple Computer over the iTunes store.', ['Apple Corps', 'Apple Computer'], 'outlet-b', '2006-03-28');
    expect(mergeEvidence(suing, settled).contradiction).toBe('acts');
  });

  it('takes "announced that …" for the telling of what follows, not for an unveiling', () => {
    const unveiled = report('They have announced the brand new iPod touch, a media player.', ['iPod'], 'outlet-a', '2007-09-05');
    const told = report('It was announced that Starbucks would offer free wi-fi access to all users of the iPod touch in its cafes.', ['Starbucks', 'iPod'], 'outlet-a', '2007-09-05');
    expect(mergeEvidence(unveiled, told).sameAct).toBe(false);
    expect(isSameEvent(unveiled, told)).toBe(false);
    // "announced" with its object is still an unveiling.
    const again = report('Apple announced the new iPod touch at the event.', ['Apple', 'iPod'], 'outlet-b', '2007-09-05');
    expect(mergeEvidence(unveiled, again).sameAct).toBe(true);
  });

  it('keeps an act the article tells as "also" apart from the others it tells, not from another outlet\'s', () => {
    const phone = report('Apple also announced an iTunes-compatible cell phone at the event.', ['Apple', 'iTunes'], 'outlet-a', '2005-09-07');
    const version = report('A new version of iTunes was also announced at the event.', ['iTunes'], 'outlet-a', '2005-09-07');
    expect(mergeEvidence(phone, version).contradiction).toBe('another instance');
    const elsewhere = report('Apple announced an iTunes-compatible cell phone at the event.', ['Apple', 'iTunes'], 'outlet-b', '2005-09-07');
    expect(mergeEvidence(phone, elsewhere).contradiction).toBeNull();
  });

  it('takes an act a participant does once, told again in other words in one article, for the same happening', () => {
    const lead = report('Steve Jobs, founder of Apple, has chosen to step down from his post as CEO of the company.', ['Steve Jobs', 'Apple'], 'outlet-a', '2011-08-25');
    const again = report('Jobs resigned in a letter to the board of directors.', ['Jobs'], 'outlet-a', '2011-08-25');
    expect(mergeEvidence(lead, again).onceAct).toBe(true);
    expect(isSameEvent(lead, again)).toBe(true);
    // Announcing is done many times: two announcements of one article stay two.
    const one = report('Steve Jobs announced a new phone at the keynote.', ['Steve Jobs'], 'outlet-a', '2011-08-25');
    const two = report('Jobs announced a music service in a letter.', ['Jobs'], 'outlet-a', '2011-08-25');
    expect(mergeEvidence(one, two).onceAct).toBe(false);
    expect(isSameEvent(one, two)).toBe(false);
  });

  it('asks more of two reports in one article than of two outlets', () => {
    const sameArticle = { ...icloudElsewhere, reportedIn: ['outlet-a'] };
    expect(mergeEvidence(icloud, sameArticle).sameArticle).toBe(true);
    expect(mergeEvidence(icloud, icloudElsewhere).sameArticle).toBe(false);
    expect(mergeScore(mergeEvidence(icloud, sameArticle))).toBeLessThan(mergeScore(mergeEvidence(icloud, icloudElsewhere)));
  });

  it('gives no score to what a contradiction keeps apart, whatever the words share', () => {
    const another = report('Steve Jobs announced another iCloud service to sync data among devices.', ['Steve Jobs'], 'outlet-b');
    expect(mergeEvidence(icloud, another).contradiction).toBe('another instance');
    expect(sameEventScore(icloud, another)).toBeNull();
  });

  it('meets one act told with one verb in other tenses, a pronoun on one side', () => {
    const fought = report('He fought pancreatic cancer in 2004 and took six months off in early 2009.', [], 'outlet-a', '2004');
    const fighting = report('Steve Jobs has been fighting pancreatic cancer since 2004.', ['Steve Jobs'], 'outlet-b', '2004');
    expect(mergeEvidence(fought, fighting).sameAct).toBe(true);
    expect(isSameEvent(fought, fighting)).toBe(true);
  });
});

describe('verbsOf', () => {
  it('keys a verb the same in its forms, and leaves reporting verbs out', () => {
    expect([...verbsOf('fought')]).toEqual([...verbsOf('has been fighting')]);
    expect([...verbsOf('introduced')]).toEqual([...verbsOf('introducing')]);
    expect([...verbsOf('made')]).toEqual([...verbsOf('making')]);
    expect(verbsOf('Jobs said that it was stopped').has('say')).toBe(false);
    expect(verbsOf('during the morning, according to').size).toBe(0);
  });

  it('takes an "-ing" word for a verb after an auxiliary, a preposition of time or means, or at its clause\'s start, not after a noun or adjective', () => {
    expect([...verbsOf('While introducing iPhone 4, Jobs started by hinting at it')]).toEqual(['introduc', 'start', 'hint']);
    expect([...verbsOf('shares fell after falling 20%')]).toEqual([...verbsOf('fell')]);
    // "in early trading", "video calling abilities": nouns every market or product report tells.
    expect(verbsOf('The FTSE 100 fell 5% in early trading').has('trad')).toBe(false);
    expect(verbsOf("Jobs showed off the new video calling abilities").has('call')).toBe(false);
  });
});

describe('a background retelling with no date but its report\'s day', () => {
  const unveiled = { date: '2010-06-07', dateBasis: 'text', modality: 'occurred', summary: "Yesterday, at this year's Apple Worldwide Developers Conference (WWDC), company CEO Steve Jobs unveiled iPhone 4", sentence: "Yesterday, at this year's Apple Worldwide Developers Conference (WWDC), company CEO Steve Jobs unveiled iPhone 4, along with the new iOS 4 operating system.", actors: ['Apple Worldwide Developers Conference', 'WWDC', 'CEO Steve Jobs', 'iPhone', 'iOS', 'Apple'], reportedIn: ['a'] };
  const retold = { date: '2010-08-09', dateBasis: 'publication', modality: 'occurred', summary: 'When Apple CEO Steve Jobs first introduced iPhone 4', sentence: "When Apple CEO Steve Jobs first introduced iPhone 4, he praised the device's antenna design.", actors: ['Apple CEO Steve Jobs', 'iPhone'], reportedIn: ['b'] };

  it('joins the happening an earlier report dated when the same actor did the same act to the same thing', () => {
    expect(isSameEvent(retold, unveiled)).toBe(true);
  });

  it('stays apart from an earlier act of another kind by the same actor', () => {
    const praised = { ...unveiled, summary: 'Jobs praised the new antenna design', sentence: 'Jobs praised the new antenna design.', actors: ['Jobs'] };
    expect(isSameEvent(retold, { ...praised, summary: 'Jobs demoed the device\'s new internal gyroscope as well', sentence: 'During the keynote, Jobs demoed the device\'s new internal gyroscope as well.' })).toBe(false);
  });

  it('stays apart when told as the day\'s news, not as background', () => {
    const news = { ...retold, summary: 'Apple CEO Steve Jobs introduced iPhone 4', sentence: 'Apple CEO Steve Jobs introduced iPhone 4, praising its antenna design.' };
    expect(isSameEvent(news, unveiled)).toBe(false);
  });
});

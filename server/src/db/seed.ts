import { hash } from '@node-rs/argon2';
import type { Role, SessionFormat } from '@rounds/shared';
import type { Db } from './database';

/** The demo accounts printed by `npm start`; all share one password. */
export const demoPassword = 'rounds-demo-2026';
export const demoAccounts: { role: Role; email: string; name: string }[] = [
  { role: 'organizer', email: 'organizer@demo.rounds.test', name: 'Olivia Organizer' },
  { role: 'moderator', email: 'moderator@demo.rounds.test', name: 'Dr. Miguel Moderator' },
  { role: 'speaker', email: 'speaker@demo.rounds.test', name: 'Dr. Sara Speaker' },
  { role: 'exhibitor', email: 'exhibitor@demo.rounds.test', name: 'Evan Exhibitor' },
  { role: 'attendee', email: 'attendee@demo.rounds.test', name: 'Dr. Amal Attendee' },
];
export const demoConferenceSlug = 'demo';

interface SeedPerson {
  key: string;
  email: string;
  name: string;
  credentials: readonly string[];
  specialty: string;
  licenceState?: string;
  licenceNumber?: string;
}

const demoProfiles: Record<Role, Omit<SeedPerson, 'key' | 'email' | 'name'>> = {
  organizer: { credentials: [], specialty: 'Continuing medical education' },
  moderator: { credentials: ['MD'], specialty: 'Hospital medicine' },
  speaker: { credentials: ['MD'], specialty: 'Critical care medicine' },
  exhibitor: { credentials: ['RN'], specialty: 'Clinical specialist, cardiac devices' },
  attendee: { credentials: ['DO'], specialty: 'Family medicine', licenceState: 'IL', licenceNumber: '036-148822' },
};

/** Invited faculty: speaker members of the demo conference, signing in with the demo password too. */
const faculty = [
  { key: 'raman', email: 'priya.raman@demo.rounds.test', name: 'Dr. Priya Raman, MD', credentials: ['MD'], specialty: 'Cardiology' },
  { key: 'okafor', email: 'james.okafor@demo.rounds.test', name: 'Dr. James Okafor, MD', credentials: ['MD'], specialty: 'Infectious diseases' },
  { key: 'petrova', email: 'elena.petrova@demo.rounds.test', name: 'Dr. Elena Petrova, DO', credentials: ['DO'], specialty: 'Family medicine' },
  { key: 'chen', email: 'marcus.chen@demo.rounds.test', name: 'Dr. Marcus Chen, MD, PhD', credentials: ['MD', 'PhD'], specialty: 'Cardiac electrophysiology' },
  { key: 'weiss', email: 'hannah.weiss@demo.rounds.test', name: 'Dr. Hannah Weiss, PharmD', credentials: ['PharmD'], specialty: 'Ambulatory care pharmacy' },
  { key: 'adeyemi', email: 'samuel.adeyemi@demo.rounds.test', name: 'Dr. Samuel Adeyemi, MD', credentials: ['MD'], specialty: 'Infectious diseases and travel medicine' },
  { key: 'gonzalez', email: 'maria.gonzalez@demo.rounds.test', name: 'Maria Gonzalez, NP', credentials: ['NP', 'RN'], specialty: 'Primary care and diabetes education' },
  { key: 'lindqvist', email: 'thomas.lindqvist@demo.rounds.test', name: 'Dr. Thomas Lindqvist, MD', credentials: ['MD'], specialty: 'Nephrology' },
] as const satisfies readonly SeedPerson[];

const timeZone = 'America/Chicago';
const hourMs = 3600_000;

const tracks = [
  { key: 'cardio', name: 'Cardiology', color: '#9b4d4a' },
  { key: 'id', name: 'Infectious Disease', color: '#2f6f62' },
  { key: 'primary', name: 'Primary Care', color: '#3d5a80' },
] as const;
const stages = [
  { key: 'main', name: 'Main stage' },
  { key: 'b', name: 'Room B' },
  { key: 'c', name: 'Room C' },
] as const;
type TrackKey = (typeof tracks)[number]['key'];
type StageKey = (typeof stages)[number]['key'];
/** A person by seed key: a faculty key, or the role of a demo account. */
type PersonKey = (typeof faculty)[number]['key'] | Role;

interface SeedSession {
  title: string;
  /** Hours after the keynote's start; day 2 is 24 hours later. */
  from: number;
  to: number;
  stage: StageKey;
  track: TrackKey | null;
  format: SessionFormat;
  credits: number | null;
  speakers: PersonKey[];
  moderators: PersonKey[];
  abstract: string;
  objectives: string[];
}

/** The program, timed around the keynote (hour 0), which is live whenever the seed runs. */
const program: SeedSession[] = [
  // ---- day 1 ----
  {
    title: 'Welcome and orientation', from: -2, to: -1.5, stage: 'main', track: null, format: 'lecture', credits: null,
    speakers: ['organizer'], moderators: [],
    abstract: 'How the meeting runs: finding sessions, asking questions, claiming credit and reaching the organizers.',
    objectives: ['Find live and upcoming sessions in the agenda', 'Know how attendance turns into credit'],
  },
  {
    title: 'Heart failure with preserved ejection fraction: what changed', from: -1.5, to: -0.5, stage: 'main', track: 'cardio', format: 'lecture', credits: 1,
    speakers: ['raman'], moderators: ['moderator'],
    abstract: 'SGLT2 inhibitors, GLP-1 receptor agonists and diuretic strategy for HFpEF, read against the trials of the last three years.',
    objectives: ['Apply the current diagnostic criteria for HFpEF', 'Choose guideline-directed therapy for a patient with HFpEF', 'Recognise when to refer for advanced evaluation'],
  },
  {
    title: 'Community-acquired pneumonia: the guideline in practice', from: -1.5, to: -0.5, stage: 'b', track: 'id', format: 'lecture', credits: 1,
    speakers: ['okafor'], moderators: ['adeyemi'],
    abstract: 'Site-of-care decisions, empiric regimens, corticosteroids and the shortest safe course of antibiotics.',
    objectives: ['Use a severity score to choose the site of care', 'Select an empiric regimen from local resistance data', 'Stop antibiotics at the right time'],
  },
  {
    title: 'Hypertension management: beyond the first drug', from: -1, to: 0, stage: 'c', track: 'primary', format: 'lecture', credits: 1,
    speakers: ['petrova'], moderators: ['gonzalez'],
    abstract: 'Home blood pressure monitoring, single-pill combinations and a stepwise approach to resistant hypertension.',
    objectives: ['Confirm the diagnosis with out-of-office readings', 'Build a two- and three-drug regimen', 'Screen for secondary causes when indicated'],
  },
  {
    title: 'Opening keynote: Sepsis care in 2026', from: 0, to: 2, stage: 'main', track: 'id', format: 'lecture', credits: 1.5,
    speakers: ['speaker', 'okafor'], moderators: ['moderator'],
    abstract: 'From the first hour to follow-up clinic: early recognition, fluids and vasopressors, source control and life after sepsis.',
    objectives: ['Recognise sepsis early in the emergency department and on the ward', 'Apply current fluid and vasopressor strategies', 'Plan follow-up for sepsis survivors'],
  },
  {
    title: 'Workshop: Point-of-care ultrasound for volume status', from: 0.5, to: 1.5, stage: 'b', track: 'cardio', format: 'workshop', credits: 1,
    speakers: ['raman', 'lindqvist'], moderators: [],
    abstract: 'Hands-on interpretation of IVC, lung B-lines and venous Doppler clips to guide decongestion and fluid decisions.',
    objectives: ['Acquire and interpret IVC and lung views', 'Combine ultrasound findings into a volume assessment'],
  },
  {
    title: 'Diabetes technology in primary care: CGM for everyone?', from: 1, to: 2, stage: 'c', track: 'primary', format: 'lecture', credits: 1,
    speakers: ['gonzalez', 'weiss'], moderators: ['petrova'],
    abstract: 'Continuous glucose monitors for people on basal insulin or none: coverage, interpretation and a clinic workflow.',
    objectives: ['Read an ambulatory glucose profile', 'Identify patients who benefit from CGM', 'Set up a sustainable clinic workflow'],
  },
  {
    title: 'Antimicrobial stewardship in outpatient practice', from: 2, to: 3, stage: 'b', track: 'id', format: 'lecture', credits: 1,
    speakers: ['weiss', 'adeyemi'], moderators: ['okafor'],
    abstract: 'Delayed prescriptions, shorter courses and how to talk with patients who expect antibiotics.',
    objectives: ['Apply short-course therapy for common infections', 'Use delayed prescribing safely', 'Measure your own prescribing'],
  },
  {
    title: 'Panel: Anticoagulation in atrial fibrillation with kidney disease', from: 2.5, to: 3.5, stage: 'main', track: 'cardio', format: 'panel', credits: 1,
    speakers: ['chen', 'lindqvist', 'speaker'], moderators: ['raman'],
    abstract: 'A cardiologist, a nephrologist and an intensivist on DOAC dosing, dialysis and left atrial appendage occlusion.',
    objectives: ['Dose DOACs across stages of CKD', 'Weigh bleeding and stroke risk in dialysis patients', 'Know when to consider appendage occlusion'],
  },
  {
    title: 'Panel: Addressing vaccine hesitancy in clinic', from: 2.5, to: 3.5, stage: 'c', track: 'primary', format: 'panel', credits: 1,
    speakers: ['petrova', 'gonzalez'], moderators: ['moderator'],
    abstract: 'Conversation techniques that work in a ten-minute visit, and what the evidence says about them.',
    objectives: ['Use presumptive recommendations', 'Respond to common concerns with evidence'],
  },
  {
    title: 'Case presentation: Endocarditis in a patient who injects drugs', from: 3.5, to: 4.5, stage: 'b', track: 'id', format: 'case', credits: 1,
    speakers: ['okafor'], moderators: ['moderator'],
    abstract: 'A stepwise case from fever and murmur to surgery decisions, partial oral therapy and addiction care.',
    objectives: ['Apply the modified Duke criteria', 'Decide when oral step-down therapy is appropriate', 'Integrate addiction treatment into the hospital stay'],
  },
  {
    title: 'Case presentation: Fever after return from travel', from: 4, to: 5, stage: 'main', track: 'id', format: 'case', credits: 1,
    speakers: ['adeyemi'], moderators: ['chen'],
    abstract: 'A returning traveller with fever and thrombocytopenia: the questions, tests and treatment that cannot wait.',
    objectives: ['Take a focused travel history', 'Exclude malaria promptly', 'Recognise when to isolate and refer'],
  },
  // ---- day 2 ----
  {
    title: 'Workshop: ECG interpretation for the internist', from: 22.5, to: 24, stage: 'b', track: 'cardio', format: 'workshop', credits: 1.5,
    speakers: ['speaker'], moderators: [],
    abstract: 'Twenty tracings from clinic and the ward, read together: ischaemia mimics, conduction disease and drug effects.',
    objectives: ['Read an ECG systematically', 'Distinguish STEMI from its common mimics', 'Recognise dangerous conduction disease'],
  },
  {
    title: 'Lipid lowering after acute coronary syndrome', from: 23, to: 24, stage: 'main', track: 'cardio', format: 'lecture', credits: 1,
    speakers: ['chen'], moderators: ['raman'],
    abstract: 'LDL targets, ezetimibe, PCSK9 inhibitors and inclisiran: who needs what, and how soon.',
    objectives: ['Set LDL goals after ACS', 'Escalate non-statin therapy in the right order'],
  },
  {
    title: 'Chronic kidney disease in primary care: SGLT2 inhibitors and beyond', from: 23, to: 24, stage: 'c', track: 'primary', format: 'lecture', credits: 1,
    speakers: ['lindqvist'], moderators: ['petrova'],
    abstract: 'Staging, albuminuria, kidney-protective drugs and when to refer to nephrology.',
    objectives: ['Stage CKD with eGFR and albuminuria', 'Start kidney-protective therapy', 'Refer at the right time'],
  },
  {
    title: 'Panel: Deprescribing in older adults', from: 24.5, to: 26, stage: 'main', track: 'primary', format: 'panel', credits: 1.5,
    speakers: ['weiss', 'lindqvist', 'petrova'], moderators: ['moderator'],
    abstract: 'Stopping medicines safely: tools, conversations with patients and families, and follow-up.',
    objectives: ['Identify candidates for deprescribing', 'Taper common drug classes safely', 'Share decisions with patients and caregivers'],
  },
  {
    title: 'Clostridioides difficile infection: prevention and recurrence', from: 24.5, to: 25.5, stage: 'b', track: 'id', format: 'lecture', credits: 1,
    speakers: ['okafor'], moderators: ['adeyemi'],
    abstract: 'Diagnosis without over-testing, first-line therapy, and options for recurrent infection including microbiome therapies.',
    objectives: ['Test only the patients who need it', 'Choose therapy for a first episode and a recurrence'],
  },
  {
    title: 'Workshop: Motivational interviewing for behaviour change', from: 24.5, to: 25.5, stage: 'c', track: 'primary', format: 'workshop', credits: 1,
    speakers: ['gonzalez'], moderators: [],
    abstract: 'Practise open questions, reflections and change talk in short role plays on smoking, weight and medication adherence.',
    objectives: ['Use open questions and reflections', 'Elicit and strengthen change talk'],
  },
  {
    title: 'Case presentation: Persistent Staphylococcus aureus bacteraemia', from: 26, to: 27, stage: 'b', track: 'id', format: 'case', credits: 1,
    speakers: ['speaker', 'okafor'], moderators: ['adeyemi'],
    abstract: 'Positive blood cultures on day five: the search for a source, imaging choices and when to add or switch therapy.',
    objectives: ['Apply a bundle of care for S. aureus bacteraemia', 'Search for metastatic foci', 'Choose the duration of therapy'],
  },
  {
    title: 'Obesity pharmacotherapy: GLP-1 receptor agonists in practice', from: 26, to: 26.75, stage: 'c', track: 'primary', format: 'lecture', credits: 0.75,
    speakers: ['weiss'], moderators: ['gonzalez'],
    abstract: 'Starting, titrating and stopping incretin therapies; side effects, supply problems and costs.',
    objectives: ['Select candidates for anti-obesity medication', 'Titrate and manage side effects'],
  },
  {
    title: 'Closing remarks and evaluation', from: 26.5, to: 27, stage: 'main', track: null, format: 'lecture', credits: null,
    speakers: ['organizer'], moderators: [],
    abstract: 'Highlights of the two days, how to complete the evaluation and claim credit, and next year\'s meeting.',
    objectives: ['Complete the evaluation and credit claim'],
  },
];

/** The calendar date of an instant in the conference's time zone, as YYYY-MM-DD. */
function localDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/**
 * Seeds the demo conference once: a two-day meeting whose keynote began on the half hour 30 to 60
 * minutes before the seed ran and lasts two hours (so it stays live for at least another hour), so "live now" and "up next" show at once on every stage. Running it again
 * changes nothing. The conference dates are the local days its sessions fall on (today and tomorrow,
 * unless the seed runs close to midnight in Chicago).
 */
export async function seedDemo(db: Db, now = new Date()): Promise<{ conferenceId: string; created: boolean }> {
  const existing = await db.selectFrom('conferences').select('id').where('slug', '=', demoConferenceSlug).executeTakeFirst();
  if (existing) return { conferenceId: existing.id, created: false };

  const passwordHash = await hash(demoPassword);
  const halfHourMs = hourMs / 2;
  const keynoteStart = Math.floor(now.getTime() / halfHourMs) * halfHourMs - halfHourMs;
  const at = (hoursAfterKeynote: number) => new Date(keynoteStart + hoursAfterKeynote * hourMs);
  const people: SeedPerson[] = [...demoAccounts.map((a) => ({ key: a.role, ...a, ...demoProfiles[a.role] })), ...faculty];

  return db.transaction().execute(async (tx) => {
    const conference = await tx
      .insertInto('conferences')
      .values({
        slug: demoConferenceSlug,
        name: 'Rounds Demo: Annual Meeting in Internal Medicine',
        timeZone,
        startsOn: localDay(at(Math.min(...program.map((s) => s.from)))),
        endsOn: localDay(at(Math.max(...program.map((s) => s.to)))),
        accreditingProvider: 'Midwest Society of Internal Medicine (accredited provider)',
        description:
          'Two days of practical updates for internists, family physicians, pharmacists and nurses: cardiology, infectious disease and primary care, with live Q&A and CME credit.',
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const users = await tx
      .insertInto('users')
      .values(
        people.map((p) => ({
          email: p.email,
          name: p.name,
          passwordHash,
          credentials: JSON.stringify(p.credentials),
          specialty: p.specialty,
          licenceState: p.licenceState ?? null,
          licenceNumber: p.licenceNumber ?? null,
        })),
      )
      .onConflict((oc) => oc.column('email').doUpdateSet({ name: (eb) => eb.ref('excluded.name') }))
      .returning(['id', 'email'])
      .execute();
    const idByEmail = new Map(users.map((u) => [u.email, u.id]));
    const userId = (key: PersonKey) => idByEmail.get(people.find((p) => p.key === key)!.email)!;

    const booth = await tx
      .insertInto('booths')
      .values({ conferenceId: conference.id, name: 'Acme Medical Devices' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('conferenceMembers')
      .values([
        ...demoAccounts.map(({ role }) => ({ conferenceId: conference.id, userId: userId(role), role, boothId: role === 'exhibitor' ? booth.id : null })),
        ...faculty.map(({ key }) => ({ conferenceId: conference.id, userId: userId(key), role: 'speaker' as const, boothId: null })),
      ])
      .execute();

    const trackRows = await tx
      .insertInto('tracks')
      .values(tracks.map(({ name, color }) => ({ conferenceId: conference.id, name, color })))
      .returning(['id', 'name'])
      .execute();
    const stageRows = await tx
      .insertInto('stages')
      .values(stages.map(({ name }) => ({ conferenceId: conference.id, name })))
      .returning(['id', 'name'])
      .execute();
    const trackId = (key: TrackKey) => trackRows.find((t) => t.name === tracks.find((x) => x.key === key)!.name)!.id;
    const stageId = (key: StageKey) => stageRows.find((s) => s.name === stages.find((x) => x.key === key)!.name)!.id;

    const sessionRows = await tx
      .insertInto('sessions')
      .values(
        program.map((s) => ({
          conferenceId: conference.id,
          stageId: stageId(s.stage),
          trackId: s.track && trackId(s.track),
          title: s.title,
          abstract: s.abstract,
          learningObjectives: JSON.stringify(s.objectives),
          format: s.format,
          startsAt: at(s.from),
          endsAt: at(s.to),
          accredited: s.credits !== null,
          maxCredits: s.credits,
        })),
      )
      .returning(['id', 'title'])
      .execute();
    const sessionId = (title: string) => sessionRows.find((r) => r.title === title)!.id;

    await tx
      .insertInto('sessionPeople')
      .values(
        program.flatMap((s) => [
          ...s.speakers.map((key) => ({ sessionId: sessionId(s.title), userId: userId(key), role: 'speaker' as const })),
          ...s.moderators.map((key) => ({ sessionId: sessionId(s.title), userId: userId(key), role: 'moderator' as const })),
        ]),
      )
      .execute();

    return { conferenceId: conference.id, created: true };
  });
}

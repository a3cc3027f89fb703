import type { TopicTerms } from '../lib/topicMatcher.ts'

/** A topic the import creates when it is missing, with the spellings the material uses. */
export type SeedTopic = TopicTerms & { name: string; aliases: string[]; description: string }

/**
 * Subjects the seed material names under several spellings (counted in seed/data: MEK 188,
 * Mojahedin 20, Mujahedin 14, MKO 14, Rajavi 23, Heshmat Alavi 12 + Heshmet 1, Albania 40…).
 * The import creates these topics when missing and never changes them afterwards: editors
 * extend the aliases in the admin, and the next import matches with their lists.
 */
export const SEED_TOPICS: SeedTopic[] = [
  {
    name: 'Mojahedin-e Khalq (MEK)',
    aliases: [
      'MEK',
      'MKO',
      'PMOI',
      'Mojahedin',
      'Mujahedin',
      'Mujahideen',
      'Mujahedeen',
      'Mujahidin',
      'Mojahedin Khalq',
      'Mujahedin Khalq',
      'Mujahideen Khalq',
      'Mujahedeen Khalq',
      'Mujahidin Khalq',
      "People's Mojahedin",
      "People's Mujahedin",
      'Rajavi cult',
      'Cult of Rajavi',
      'مجاهدین خلق',
      'سازمان مجاهدین',
      'منافقین',
    ],
    description:
      'The Mojahedin-e Khalq Organisation (MEK, MKO, PMOI), also written Mujahedin, Mujahideen or Mojahedin.',
  },
  {
    name: 'Maryam and Massoud Rajavi',
    aliases: ['Rajavi', 'Maryam Rajavi', 'Massoud Rajavi', 'Masoud Rajavi', 'رجوی'],
    description: "The MEK's leaders.",
  },
  {
    name: 'National Council of Resistance of Iran (NCRI)',
    aliases: ['NCRI', 'National Council of Resistance', 'شورای ملی مقاومت'],
    description: "The MEK's political front.",
  },
  {
    name: 'Heshmat Alavi',
    aliases: ['Heshmat Alavi', 'Heshmet Alavi', 'Heshmat Alavi Gate'],
    description: 'The fake persona run from the MEK camp in Albania.',
  },
  {
    name: 'MEK in Albania',
    aliases: ['Albania', 'Tirana', 'Manez', 'Durres', 'Ashraf 3', 'آلبانی'],
    description: 'The MEK camp at Manëz, Durrës, and its members in Albania.',
  },
  {
    name: 'Camp Ashraf',
    aliases: ['Ashraf', 'Camp Ashraf', 'Ashraf base', 'Ashraf Garrison', 'اشرف'],
    description: 'The MEK base in Iraq until 2012.',
  },
  {
    name: 'Troll farms and disinformation',
    aliases: [
      'troll',
      'trolls',
      'troll farm',
      'troll farms',
      'troll factory',
      'click farm',
      'fake news',
      'disinformation',
      'Iran Disinfo',
    ],
    description: 'Fake accounts, troll farms and disinformation campaigns.',
  },
  {
    name: 'Saddam Hussein',
    aliases: ['Saddam', 'Saddam Hussain', 'صدام'],
    description: "The Iraqi dictator, the MEK's sponsor until 2003.",
  },
]

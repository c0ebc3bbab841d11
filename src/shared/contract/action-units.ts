/**
 * The action units the app scores, as data. Everything that lists AUs (result arrays, CSV columns,
 * rules) derives from this one list.
 *
 * `sided` AUs are scored per side; their bilateral channel is the larger of the two sides (FACS codes
 * an AU as present when it shows on either side and notes unilateral ones).
 * Side names are the *person's* left and right (not the image's).
 */
export const AU_LIST = [
  { id: 'AU01', name: 'Inner brow raiser', sided: true },
  { id: 'AU02', name: 'Outer brow raiser', sided: true },
  { id: 'AU04', name: 'Brow lowerer', sided: true },
  { id: 'AU05', name: 'Upper lid raiser', sided: true },
  { id: 'AU06', name: 'Cheek raiser', sided: true },
  { id: 'AU07', name: 'Lid tightener', sided: true },
  { id: 'AU09', name: 'Nose wrinkler', sided: false },
  { id: 'AU10', name: 'Upper lip raiser', sided: false },
  { id: 'AU12', name: 'Lip corner puller', sided: true },
  { id: 'AU14', name: 'Dimpler', sided: true },
  { id: 'AU15', name: 'Lip corner depressor', sided: true },
  { id: 'AU17', name: 'Chin raiser', sided: false },
  { id: 'AU20', name: 'Lip stretcher', sided: true },
  { id: 'AU23', name: 'Lip tightener', sided: false },
  { id: 'AU24', name: 'Lip pressor', sided: false },
  { id: 'AU25', name: 'Lips part', sided: false },
  { id: 'AU26', name: 'Jaw drop', sided: false },
  { id: 'AU27', name: 'Mouth stretch', sided: false },
  { id: 'AU43', name: 'Eyes closed', sided: true },
  { id: 'AU45', name: 'Blink', sided: true },
] as const;

export type AuId = (typeof AU_LIST)[number]['id'];
type SidedAu = Extract<(typeof AU_LIST)[number], { sided: true }>['id'];
export type AuChannel = AuId | `${SidedAu}_L` | `${SidedAu}_R`;

/** Channel order of every AU intensity/presence array: each AU, then its _L and _R when sided. */
export const AU_CHANNELS: readonly AuChannel[] = AU_LIST.flatMap((au) =>
  au.sided ? [au.id, `${au.id}_L`, `${au.id}_R`] : [au.id],
) as AuChannel[];

export const AU_CHANNEL_INDEX: Readonly<Record<AuChannel, number>> = Object.fromEntries(AU_CHANNELS.map((c, i) => [c, i])) as Record<
  AuChannel,
  number
>;

/** FACS intensity scale: 0 absent, 1..5 = A (trace) .. E (maximum). */
export const AU_INTENSITY_MAX = 5;

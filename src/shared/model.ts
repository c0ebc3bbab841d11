/** The one MediaPipe model bundle the app runs, and where setup finds it. */
export const MODEL = {
  /** Path relative to the project root, where setup places the bundle (git-ignored). */
  path: 'models/face_landmarker.task',
  sha256: '64184e229b263107bc2b804c6625db1341ff2bb731874b0bcc2fe6544e0bc9ff',
  /** Environment variable naming a local copy; tried first. */
  envVar: 'MICROFLASH_MODEL',
  /** Local mirror beside the project checkout; tried second. */
  localMirror: '../shared/models/face_landmarker.task',
  /** Official source; tried last. */
  officialUrl: 'https://storage.googleapis.com/mediapipe-models/face_landmarker/face_landmarker/float16/1/face_landmarker.task',
} as const;

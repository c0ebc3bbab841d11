/**
 * Opening live sources: a camera (chosen device, 60 fps where offered, else 30) or a shared tab or
 * window (the other person's video in a call). Failures become SourceErrors whose message says what
 * happened and how to fix it.
 */
import type { ErrorCodeOf } from '../shared/contract/index.ts';
import { PIPELINE_DEFAULTS } from './defaults.ts';

export type SourceErrorCode = ErrorCodeOf<'source'>;

export class SourceError extends Error {
  constructor(
    readonly code: SourceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

function toSourceError(err: unknown, what: 'camera' | 'share'): SourceError {
  const name = (err as DOMException)?.name;
  if (what === 'share' && name === 'NotAllowedError') {
    return new SourceError(
      'share-cancelled',
      'Screen sharing was cancelled. Choose "Share a tab or window" again and pick the call window.',
    );
  }
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new SourceError(
        'camera-denied',
        'Camera access was denied. Allow the camera for this page (the camera icon in the address bar), then choose the camera again.',
      );
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new SourceError('no-camera', 'No camera was found. Connect a camera (or choose a video file or a shared window instead).');
    case 'NotReadableError':
    case 'AbortError':
      return new SourceError(
        'camera-busy',
        'The camera is in use by another program or could not start. Close other apps using it, then try again.',
      );
    default:
      return new SourceError(
        'unknown',
        `The ${what === 'camera' ? 'camera' : 'shared window'} could not be opened: ${(err as Error)?.message ?? err}`,
      );
  }
}

export async function listCameras(): Promise<MediaDeviceInfo[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((d) => d.kind === 'videoinput');
}

export async function openCamera(deviceId?: string): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new SourceError(
      'unsupported',
      'This browser gives no camera access here. Open the app from http://localhost in Chrome, Edge or Firefox.',
    );
  }
  const base: MediaTrackConstraints = {
    width: { ideal: PIPELINE_DEFAULTS.cameraWidth },
    height: { ideal: PIPELINE_DEFAULTS.cameraHeight },
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
  };
  let lastError: unknown;
  for (const fps of PIPELINE_DEFAULTS.cameraFps) {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { ...base, frameRate: { ideal: fps } }, audio: false });
      return stream;
    } catch (err) {
      lastError = err;
      if ((err as DOMException)?.name !== 'OverconstrainedError') break;
    }
  }
  throw toSourceError(lastError, 'camera');
}

export async function openDisplay(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getDisplayMedia) {
    throw new SourceError('unsupported', 'This browser cannot share a tab or window. Use a desktop Chrome, Edge or Firefox.');
  }
  try {
    return await navigator.mediaDevices.getDisplayMedia({
      video: { frameRate: { ideal: PIPELINE_DEFAULTS.cameraFps[0] } },
      audio: false,
    });
  } catch (err) {
    throw toSourceError(err, 'share');
  }
}

import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { FLASH_KINDS } from '../../../src/shared/contract/index.ts';
import { analysisDocument, analysisJson, type AnalysisDocumentInput } from '../../../src/shared/export/analysis-json.ts';
import { FRAMES_CSV_COLUMNS } from '../../../src/shared/export/frames-csv.ts';
import schema from '../../../src/shared/export/analysis.schema.json' with { type: 'json' };
import { angerEvent } from './fixtures.ts';

const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addFormat('date-time', true);
const validate = ajv.compile(schema);

function input(overrides: Partial<AnalysisDocumentInput> = {}): AnalysisDocumentInput {
  return {
    stem: 'subject01/task1',
    toolVersion: '0.1.0',
    createdAt: new Date('2025-01-02T03:04:05.678Z'),
    input: { fileName: 'task1.mp4', sizeBytes: 1234, sha256: 'a'.repeat(64) },
    video: {
      width: 640,
      height: 360,
      frameCount: 72,
      declaredFrameCount: 72,
      complete: true,
      fps: 30,
      durationS: 2.4,
      codec: 'avc1.64001f',
      container: 'mp4',
      rotation: 0,
    },
    configuration: { delegate: 'auto', rules: null, rulesFile: null },
    browser: 'Chromium 156.0.7683.0 (system: /usr/bin/chromium)',
    delegate: 'CPU',
    modelSha256: 'b'.repeat(64),
    frameCount: 72,
    framesWithFace: 70,
    elapsedS: 2,
    events: [angerEvent({ onsetMs: 2000 }), angerEvent({ status: 'onset', offsetMs: Number.NaN, durationMs: Number.NaN })],
    ...overrides,
  };
}

describe('analysis JSON', () => {
  it('validates against its schema, with NaN times written as null', () => {
    const doc = JSON.parse(analysisJson(analysisDocument(input())));
    expect(Object.keys(doc.experimentalKinds).sort()).toEqual(['dissociation', 'pain']);
    expect(validate(doc), ajv.errorsText(validate.errors)).toBe(true);
    expect(doc.events[0].offsetMs).toBeNull();
    expect(doc.events[1].onsetMs).toBe(2000);
    expect(doc.analysis.analysedFps).toBe(36);
    expect(doc.createdAt).toBe('2025-01-02T03:04:05.678Z');
    expect(doc.files).toEqual({ frames: 'task1.frames.csv', events: 'task1.events.csv', vtt: 'task1.vtt' });
    expect(doc.framesColumns).toEqual([...FRAMES_CSV_COLUMNS]);
  });

  it("keeps researchers' rules verbatim", () => {
    const rules = { anger: { minPeak: 1.5 } };
    const doc = JSON.parse(
      analysisJson(analysisDocument(input({ configuration: { delegate: 'CPU', rules, rulesFile: 'my-rules.json' } }))),
    );
    expect(validate(doc), ajv.errorsText(validate.errors)).toBe(true);
    expect(doc.configuration.rules).toEqual(rules);
  });

  it('rejects documents that lack provenance or have a malformed sha256', () => {
    const doc = JSON.parse(analysisJson(analysisDocument(input())));
    expect(validate({ ...doc, input: { ...doc.input, sha256: 'xyz' } })).toBe(false);
    const { analysis: _dropped, ...withoutAnalysis } = doc;
    expect(validate(withoutAnalysis)).toBe(false);
    expect(validate({ ...doc, events: [{ ...doc.events[0], kind: 'contempt' }] })).toBe(false);
  });

  it('lists exactly the nine flash kinds', () => {
    expect(schema.definitions.event.properties.kind.enum).toEqual([...FLASH_KINDS]);
  });

  it('describes every field of an event', () => {
    const eventKeys = Object.keys(angerEvent()).sort();
    expect(Object.keys(schema.definitions.event.properties).sort()).toEqual(eventKeys);
    expect([...schema.definitions.event.required].sort()).toEqual(eventKeys);
  });
});

import { createChartDelivery, mayBePictureRefusal } from '../../../src/slack/chart-delivery';
import { ResponseUrlError, ResponseUrlUnanswered } from '../../../src/slack/response-url';
import type { ChatContent } from '../../../src/ports/chat';
import { UpstreamUnavailableError } from '../../../src/errors';
import { buildReportMessage } from '../../../src/slack/blocks';
import { reportView } from './blocks/fixtures';
import { recordingLogger } from './listeners/helpers';

const platform = (error: string, messages: string[] = []) =>
  Object.assign(new Error(error), { code: 'slack_webapi_platform_error', data: { ok: false, error, errors: messages, response_metadata: { messages } } });

describe('mayBePictureRefusal', () => {
  it('is invalid_blocks naming a picture or nothing, or a 4xx from a response_url; nothing else', () => {
    expect(mayBePictureRefusal(platform('invalid_blocks', ['downloading image failed [json-pointer:/blocks/2/image_url]']))).toBe(true);
    expect(mayBePictureRefusal(platform('invalid_blocks', ['invalid slack file [json-pointer:/blocks/2/slack_file]']))).toBe(true);
    expect(mayBePictureRefusal(platform('invalid_blocks'))).toBe(true);
    expect(mayBePictureRefusal(platform('invalid_blocks', ['must provide no more than 50 items [json-pointer:/blocks]']))).toBe(false);
    expect(mayBePictureRefusal(platform('channel_not_found'))).toBe(false);
    expect(mayBePictureRefusal(new ResponseUrlError(404))).toBe(true);
    expect(mayBePictureRefusal(new ResponseUrlError(500))).toBe(false);
    expect(mayBePictureRefusal(new ResponseUrlUnanswered('no answer within 10000 ms'))).toBe(false);
  });
});

describe('upload mode', () => {
  const msg = buildReportMessage(reportView());

  it('tries again while Slack finishes the upload, then shows the file', async () => {
    const waits: number[] = [];
    const sent: ChatContent[] = [];
    const delivery = createChartDelivery({
      mode: 'upload', logger: recordingLogger().logger, uploadWaitsMs: [10, 20],
      charts: { png: async () => Buffer.from('png') }, upload: async () => 'F0CHART',
      sleep: async (ms) => void waits.push(ms),
    });
    await delivery.send(msg, async (c) => {
      sent.push(c);
      if (sent.length === 1) throw platform('invalid_blocks', ['invalid slack file [json-pointer:/blocks/2/slack_file]']);
    });
    expect(waits).toEqual([10]);
    expect(sent[1]?.blocks).toContainEqual(expect.objectContaining({ type: 'image', block_id: 'chart-1', slack_file: { id: 'F0CHART' } }));
  });

  it('a chart the server cannot draw goes as its table with the note, and the message still goes', async () => {
    const t = recordingLogger();
    const sent: ChatContent[] = [];
    const delivery = createChartDelivery({
      mode: 'upload', logger: t.logger,
      charts: { png: () => Promise.reject(new UpstreamUnavailableError('Chart rendering failed', { upstream: 'quickchart', operation: 'render', status: 503 })) },
      upload: async () => 'never',
    });
    await delivery.send(msg, async (c) => void sent.push(c));
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]?.blocks)).toContain("Chart not shown: the chart server at quickchart.example couldn't draw it.");
    expect(t.lines.filter((l) => l.level === 40)).toHaveLength(1);
  });
});

import {
  ACCESSORY_TYPES, ACTIONS_TYPES, INPUT_TYPES, checkElement, checkString, checkText, checkUrl, err, isObj, type Errs,
} from './validation-elements';

/** Slack's documented surface limits. */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  actionsElements: 25,
  contextElements: 10,
  imageUrl: 3000,
  id: 255,
  modalTitle: 24,
  privateMetadata: 3000,
} as const;

export const KNOWN_BLOCK_TYPES = ['section', 'header', 'divider', 'image', 'actions', 'context', 'input', 'rich_text', 'file', 'video', 'markdown'] as const;

export interface BlockCheckOptions {
  /**
   * Whether a `slack_file` names a file the poster can show: uploaded, completed, an image. Slack
   * answers "invalid slack file" otherwise (image_url downloads are checked afterwards, over the
   * network: validation-images.ts).
   */
  readonly slackFile?: (ref: { readonly id?: string; readonly url?: string }) => boolean;
}

/** Checks a message's `blocks`; an empty list means Slack would accept them. */
export function validateMessageBlocks(blocks: unknown, opts: BlockCheckOptions = {}): string[] {
  return validateBlocks(blocks, LIMITS.messageBlocks, '/blocks', opts);
}

export function validateBlocks(blocks: unknown, maxBlocks: number, path: string, opts: BlockCheckOptions = {}): string[] {
  const errs: Errs = [];
  if (!Array.isArray(blocks)) {
    err(errs, path, 'must provide an array');
    return errs;
  }
  if (blocks.length > maxBlocks) err(errs, path, `must provide no more than ${maxBlocks} items`);
  const seenIds = new Set<string>();
  blocks.forEach((b, i) => checkBlock(errs, `${path}/${i}`, b, seenIds, opts));
  return errs;
}

function checkBlock(errs: Errs, path: string, b: unknown, seenIds: Set<string>, opts: BlockCheckOptions): void {
  if (!isObj(b)) return err(errs, path, 'must provide an object');
  if (typeof b.type !== 'string' || !(KNOWN_BLOCK_TYPES as readonly string[]).includes(b.type)) {
    return err(errs, `${path}/type`, `unsupported block type: ${String(b.type)}`);
  }
  checkString(errs, `${path}/block_id`, b.block_id, LIMITS.id);
  if (typeof b.block_id === 'string') {
    if (seenIds.has(b.block_id)) err(errs, `${path}/block_id`, `duplicate block_id: ${b.block_id}`);
    seenIds.add(b.block_id);
  }
  switch (b.type) {
    case 'section':
      if (b.text === undefined && b.fields === undefined) err(errs, path, 'must provide either text or fields');
      if (b.text !== undefined) checkText(errs, `${path}/text`, b.text, LIMITS.sectionText);
      if (b.fields !== undefined) {
        if (!Array.isArray(b.fields)) err(errs, `${path}/fields`, 'must provide an array');
        else {
          if (b.fields.length > LIMITS.sectionFields) err(errs, `${path}/fields`, `must provide no more than ${LIMITS.sectionFields} items`);
          b.fields.forEach((f, i) => checkText(errs, `${path}/fields/${i}`, f, LIMITS.fieldText));
        }
      }
      if (b.accessory !== undefined) checkElement(errs, `${path}/accessory`, b.accessory, ACCESSORY_TYPES);
      break;
    case 'header':
      checkText(errs, `${path}/text`, b.text, LIMITS.headerText, { plainOnly: true });
      break;
    case 'image': {
      checkUrl(errs, `${path}/image_url`, b.image_url, b.slack_file === undefined);
      if (b.slack_file !== undefined) checkSlackFile(errs, `${path}/slack_file`, b.slack_file, b.image_url !== undefined, opts);
      checkString(errs, `${path}/alt_text`, b.alt_text, 2000, true);
      if (b.title !== undefined) checkText(errs, `${path}/title`, b.title, 2000, { plainOnly: true });
      break;
    }
    case 'actions':
      checkList(errs, `${path}/elements`, b.elements, LIMITS.actionsElements, (p, e) => checkElement(errs, p, e, ACTIONS_TYPES));
      break;
    case 'context':
      checkList(errs, `${path}/elements`, b.elements, LIMITS.contextElements, (p, e) => {
        if (isObj(e) && e.type === 'image') checkElement(errs, p, e, ['image']);
        else checkText(errs, p, e, 3000);
      });
      break;
    case 'input':
      checkText(errs, `${path}/label`, b.label, 2000, { plainOnly: true });
      if (b.hint !== undefined) checkText(errs, `${path}/hint`, b.hint, 2000, { plainOnly: true });
      checkElement(errs, `${path}/element`, b.element, INPUT_TYPES);
      break;
    case 'markdown':
      checkString(errs, `${path}/text`, b.text, 12_000, true);
      break;
    default:
      break;
  }
}

/** Exactly one of id and url, naming a file the poster may show (Slack's wording for all of it). */
function checkSlackFile(errs: Errs, path: string, v: unknown, withUrl: boolean, opts: BlockCheckOptions): void {
  if (withUrl) return err(errs, path, 'must provide either image_url or slack_file, not both');
  if (!isObj(v)) return err(errs, path, 'must provide an object');
  const id = typeof v.id === 'string' ? v.id : undefined;
  const url = typeof v.url === 'string' ? v.url : undefined;
  if ((id === undefined) === (url === undefined)) return err(errs, path, 'invalid slack file');
  if (opts.slackFile && !opts.slackFile({ ...(id !== undefined ? { id } : {}), ...(url !== undefined ? { url } : {}) })) err(errs, path, 'invalid slack file');
}

/** Every image_url in blocks (image blocks, and image elements of sections and context blocks), with its pointer. */
export function imageUrlsOf(blocks: unknown, path: string): { readonly path: string; readonly url: string }[] {
  if (!Array.isArray(blocks)) return [];
  const out: { path: string; url: string }[] = [];
  const take = (p: string, e: unknown) => {
    if (isObj(e) && e.type === 'image' && typeof e.image_url === 'string') out.push({ path: `${p}/image_url`, url: e.image_url });
  };
  blocks.forEach((b, i) => {
    if (!isObj(b)) return;
    const p = `${path}/${i}`;
    take(p, b);
    take(`${p}/accessory`, b.accessory);
    if (b.type === 'context' && Array.isArray(b.elements)) b.elements.forEach((e, j) => take(`${p}/elements/${j}`, e));
  });
  return out;
}

function checkList(errs: Errs, path: string, v: unknown, max: number, each: (path: string, e: unknown) => void): void {
  if (!Array.isArray(v)) return err(errs, path, 'must provide an array');
  if (v.length === 0) err(errs, path, 'must provide at least 1 items');
  if (v.length > max) err(errs, path, `must provide no more than ${max} items`);
  v.forEach((e, i) => each(`${path}/${i}`, e));
}

/** Checks a modal or Home tab definition as views.open / push / update / publish do. */
export function validateView(view: unknown, opts: BlockCheckOptions = {}): string[] {
  const errs: Errs = [];
  if (!isObj(view)) {
    err(errs, '/view', 'must provide an object');
    return errs;
  }
  if (view.type !== 'modal' && view.type !== 'home') {
    err(errs, '/view/type', 'must be one of: modal, home');
    return errs;
  }
  errs.push(...validateBlocks(view.blocks, LIMITS.viewBlocks, '/view/blocks', opts));
  checkString(errs, '/view/private_metadata', view.private_metadata, LIMITS.privateMetadata);
  checkString(errs, '/view/callback_id', view.callback_id, LIMITS.id);
  checkString(errs, '/view/external_id', view.external_id, LIMITS.id);
  if (view.type === 'modal') {
    checkText(errs, '/view/title', view.title, LIMITS.modalTitle, { plainOnly: true });
    if (view.close !== undefined) checkText(errs, '/view/close', view.close, LIMITS.modalTitle, { plainOnly: true });
    if (view.submit !== undefined) checkText(errs, '/view/submit', view.submit, LIMITS.modalTitle, { plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) err(errs, '/view/submit', 'must provide submit when the view has input blocks');
  }
  return errs;
}

/** The `{ok:false}` extras Slack sends with a validation failure. */
export function validationExtras(errors: string[]): Record<string, unknown> {
  return { errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } };
}

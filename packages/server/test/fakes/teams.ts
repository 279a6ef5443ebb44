// What a Teams Workflow ("When a Teams webhook request is received") accepts: type "message", one
// Adaptive Card attachment of version ≤ 1.4, a body under ~28 KB (notes §2a). Used by the renderer
// property tests; a Teams workflow answers 202 to what passes.

export function teamsVerdict(body: string): { status: number; body: string } {
  if (Buffer.byteLength(body) > 28 * 1024) return { status: 413, body: 'RequestEntityTooLarge' };
  let msg: any;
  try {
    msg = JSON.parse(body);
  } catch {
    return { status: 400, body: 'InvalidRequestContent' };
  }
  const att = msg?.attachments?.[0];
  if (msg?.type !== 'message' || !Array.isArray(msg.attachments) || att?.contentType !== 'application/vnd.microsoft.card.adaptive') {
    return { status: 400, body: 'InvalidRequestContent' };
  }
  const card = att.content;
  if (card?.type !== 'AdaptiveCard' || card.version !== '1.4' || !Array.isArray(card.body)) return { status: 400, body: 'InvalidCard' };
  return { status: 202, body: '' };
}

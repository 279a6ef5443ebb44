import { createSigner, type Signer } from '@linkwire/webhooks';

/**
 * Signers by secret, for whichever sender signs (the in-process one or a sender thread): decoding a
 * secret is the costly part of a signer, so each is made once (the SDK's createSigner advises as
 * much). Bounded: cleared past 10 000 secrets. The signers of a batch's endpoint are also kept by
 * its secrets array, which every request claimed in that batch shares.
 */
export class SignerCache {
  private readonly bySecret = new Map<string, Signer>();
  private readonly byList = new WeakMap<readonly string[], Signer[]>();

  signerFor(secret: string): Signer {
    let signer = this.bySecret.get(secret);
    if (signer === undefined) {
      if (this.bySecret.size >= 10_000) this.bySecret.clear();
      signer = createSigner(secret);
      this.bySecret.set(secret, signer);
    }
    return signer;
  }

  signersFor(secrets: readonly string[]): Signer[] {
    let signers = this.byList.get(secrets);
    if (signers === undefined) {
      signers = secrets.map((secret) => this.signerFor(secret));
      this.byList.set(secrets, signers);
    }
    return signers;
  }
}

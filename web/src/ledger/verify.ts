// Pure verification of Rutile ledger proofs and checkpoints, using WebCrypto only.
// Hashing follows RFC 6962 §2.1 (leaf = SHA-256(0x00||entry), node = SHA-256(0x01||l||r));
// inclusion verification follows RFC 9162 §2.1.3.2; checkpoints are C2SP signed notes.
// Every verifier returns the steps it took so the explorer can show them.

const te = new TextEncoder();

export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) throw new Error('invalid hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function base64ToBytes(b64: string): Uint8Array {
  const clean = b64.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) {
    throw new Error('invalid base64');
  }
  const bin = atob(clean);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource));
}

/** RFC 6962 leaf hash: SHA-256(0x00 || entry). */
export function leafHash(entry: Uint8Array): Promise<Uint8Array> {
  return sha256(concat(new Uint8Array([0]), entry));
}

/** RFC 6962 interior node hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(concat(new Uint8Array([1]), left, right));
}

export interface ProofStep {
  /** Which side the proof hash sits on relative to the running hash. */
  side: 'left' | 'right';
  sibling: string;
  result: string;
}

export interface InclusionOutcome {
  ok: boolean;
  /** Why verification failed, as a stable code (translated by the UI). */
  failure?: 'index_out_of_range' | 'proof_too_long' | 'proof_too_short' | 'root_mismatch';
  steps: ProofStep[];
  computedRoot: string;
}

/** RFC 9162 §2.1.3.2: verify that leaf `leaf` sits at `index` in the tree of `size` with `root`. */
export async function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: Uint8Array[],
  root: Uint8Array,
): Promise<InclusionOutcome> {
  const steps: ProofStep[] = [];
  if (!(index >= 0 && index < size)) {
    return { ok: false, failure: 'index_out_of_range', steps, computedRoot: '' };
  }
  // Indices can exceed 2^31, so use BigInt-free arithmetic with Math.floor.
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) {
      return { ok: false, failure: 'proof_too_long', steps, computedRoot: bytesToHex(r) };
    }
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      steps.push({ side: 'left', sibling: bytesToHex(p), result: bytesToHex(r) });
      if (fn % 2 === 0) {
        while (fn !== 0 && fn % 2 === 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
      steps.push({ side: 'right', sibling: bytesToHex(p), result: bytesToHex(r) });
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  const computedRoot = bytesToHex(r);
  if (sn !== 0) return { ok: false, failure: 'proof_too_short', steps, computedRoot };
  if (!bytesEqual(r, root)) return { ok: false, failure: 'root_mismatch', steps, computedRoot };
  return { ok: true, steps, computedRoot };
}

export interface NoteSignature {
  name: string;
  keyId: Uint8Array;
  signature: Uint8Array;
}

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  extensions: string[];
  /** The signed bytes: the note text including its final newline. */
  body: string;
  signatures: NoteSignature[];
}

/** Parses a C2SP signed-note checkpoint. Throws Error with a short code on malformed input. */
export function parseCheckpoint(note: string): Checkpoint {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Error('no_signature_block');
  const body = note.slice(0, split + 1);
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) throw new Error('short_body');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (!origin) throw new Error('empty_origin');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) throw new Error('bad_size');
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw new Error('bad_size');
  const rootHash = base64ToBytes(rootText);
  if (rootHash.length !== 32) throw new Error('bad_root');
  const signatures: NoteSignature[] = [];
  for (const line of note.slice(split + 2).split('\n')) {
    if (line === '') continue;
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m) throw new Error('bad_signature_line');
    const raw = base64ToBytes(m[2]);
    if (raw.length < 5) throw new Error('bad_signature_line');
    signatures.push({ name: m[1], keyId: raw.slice(0, 4), signature: raw.slice(4) });
  }
  if (signatures.length === 0) throw new Error('no_signature');
  return { origin, size, rootHash, extensions, body, signatures };
}

export interface VerifierKey {
  name: string;
  keyId: Uint8Array;
  /** Raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}

/** Parses a note verifier key `name+hexkeyid+base64(0x01||pubkey32)`. */
export function parseVerifierKey(text: string): VerifierKey {
  // The base64 part may itself contain '+', so split only at the first two.
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+(\S+)$/.exec(text.trim());
  if (!m) throw new Error('bad_key');
  const [, name, hexId, b64] = m;
  const raw = base64ToBytes(b64);
  if (raw.length !== 33 || raw[0] !== 0x01) throw new Error('unsupported_key_type');
  return { name, keyId: hexToBytes(hexId), publicKey: raw.slice(1) };
}

/** C2SP key ID: first 4 bytes of SHA-256(name || 0x0A || 0x01 || pubkey). */
export async function computeKeyId(name: string, publicKey: Uint8Array): Promise<Uint8Array> {
  const digest = await sha256(concat(te.encode(name), new Uint8Array([0x0a, 0x01]), publicKey));
  return digest.slice(0, 4);
}

/** True when this browser's WebCrypto can verify Ed25519 signatures. */
export async function ed25519Supported(): Promise<boolean> {
  try {
    await crypto.subtle.importKey('raw', new Uint8Array(32), { name: 'Ed25519' }, false, [
      'verify',
    ]);
    return true;
  } catch {
    return false;
  }
}

export type SignatureStatus = 'valid' | 'invalid' | 'no_matching_signature' | 'unsupported';

export interface SignatureOutcome {
  status: SignatureStatus;
  keyIdMatches: boolean;
  computedKeyId: string;
}

/** Verifies the checkpoint's signature made by `key`, following the signed-note rules. */
export async function verifyCheckpointSignature(
  checkpoint: Checkpoint,
  key: VerifierKey,
): Promise<SignatureOutcome> {
  const computed = await computeKeyId(key.name, key.publicKey);
  const keyIdMatches = bytesEqual(computed, key.keyId);
  const sig = checkpoint.signatures.find(
    (s) => s.name === key.name && bytesEqual(s.keyId, computed),
  );
  if (!sig || !keyIdMatches) {
    return { status: 'no_matching_signature', keyIdMatches, computedKeyId: bytesToHex(computed) };
  }
  if (!(await ed25519Supported())) {
    return { status: 'unsupported', keyIdMatches, computedKeyId: bytesToHex(computed) };
  }
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    key.publicKey as BufferSource,
    { name: 'Ed25519' },
    false,
    ['verify'],
  );
  const ok = await crypto.subtle.verify(
    { name: 'Ed25519' },
    cryptoKey,
    sig.signature as BufferSource,
    te.encode(checkpoint.body),
  );
  return { status: ok ? 'valid' : 'invalid', keyIdMatches, computedKeyId: bytesToHex(computed) };
}

export interface ConsistencyOutcome {
  ok: boolean;
  failure?: 'bad_sizes' | 'proof_not_empty' | 'empty_proof' | 'proof_too_long' | 'root_mismatch';
  /** The old root and the new root as rebuilt from the proof (hex). */
  computedOld: string;
  computedNew: string;
  steps: number;
}

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;

/**
 * RFC 9162 §2.1.4.2: verify that the tree of `second` leaves with `secondRoot` extends the tree
 * of `first` leaves with `firstRoot`. A tree of size 0 is trivially extended by any tree.
 * Sizes must fit in 2^31 here (the bit operations are on 32-bit integers).
 */
export async function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: Uint8Array[],
): Promise<ConsistencyOutcome> {
  const result = (
    ok: boolean,
    failure?: ConsistencyOutcome['failure'],
    fr = '',
    sr = '',
    steps = 0,
  ) => ({
    ok,
    failure,
    computedOld: fr,
    computedNew: sr,
    steps,
  });
  if (!(first >= 0 && first <= second && second < 2 ** 31)) return result(false, 'bad_sizes');
  if (first === 0) return result(true);
  if (first === second) {
    if (proof.length !== 0) return result(false, 'proof_not_empty');
    const same = bytesEqual(firstRoot, secondRoot);
    return result(
      same,
      same ? undefined : 'root_mismatch',
      bytesToHex(firstRoot),
      bytesToHex(secondRoot),
    );
  }
  if (proof.length === 0) return result(false, 'empty_proof');
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : proof;
  let fn = first - 1;
  let sn = second - 1;
  while (fn & 1) {
    fn >>>= 1;
    sn >>>= 1;
  }
  let fr = path[0];
  let sr = path[0];
  let steps = 0;
  for (const c of path.slice(1)) {
    if (sn === 0) return result(false, 'proof_too_long', bytesToHex(fr), bytesToHex(sr), steps);
    if (fn & 1 || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn !== 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn >>>= 1;
    sn >>>= 1;
    steps += 1;
  }
  const ok = sn === 0 && bytesEqual(fr, firstRoot) && bytesEqual(sr, secondRoot);
  return result(ok, ok ? undefined : 'root_mismatch', bytesToHex(fr), bytesToHex(sr), steps);
}

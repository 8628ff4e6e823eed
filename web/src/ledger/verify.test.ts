import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  bytesToHex,
  computeKeyId,
  hexToBytes,
  leafHash,
  nodeHash,
  parseCheckpoint,
  parseVerifierKey,
  verifyCheckpointSignature,
  verifyConsistency,
  verifyInclusion,
} from './verify';

// RFC 6962 vectors (transparency-dev/merkle proof/verify_test.go, rfc6962_test.go), as recorded in
// shared/reference/platform-infrastructure-notes.md §1.4.
const leaves = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(hexToBytes);
const roots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const proofs: Array<[number, number, string[]]> = [
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [0, 1, []],
];

describe('RFC 6962 hashing', () => {
  it('hashes leaves and nodes with domain separation', async () => {
    expect(bytesToHex(await leafHash(new Uint8Array()))).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    expect(bytesToHex(await leafHash(new TextEncoder().encode('L123456')))).toBe(
      '395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56',
    );
    const te = new TextEncoder();
    expect(bytesToHex(await nodeHash(te.encode('N123'), te.encode('N456')))).toBe(
      'aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb',
    );
  });
});

describe('verifyInclusion', () => {
  for (const [index, size, path] of proofs) {
    it(`accepts the vector proof for leaf ${index} in a tree of ${size}`, async () => {
      const out = await verifyInclusion(
        index,
        size,
        await leafHash(leaves[index]),
        path.map(hexToBytes),
        hexToBytes(roots[size - 1]),
      );
      expect(out.ok).toBe(true);
      expect(out.steps.length).toBe(path.length);
      expect(out.computedRoot).toBe(roots[size - 1]);
    });
  }

  it('rejects a flipped bit in the proof', async () => {
    const path = proofs[1][2].map(hexToBytes);
    path[1][0] ^= 1;
    const out = await verifyInclusion(5, 8, await leafHash(leaves[5]), path, hexToBytes(roots[7]));
    expect(out).toMatchObject({ ok: false, failure: 'root_mismatch' });
  });

  it('rejects a wrong leaf', async () => {
    const out = await verifyInclusion(
      5,
      8,
      await leafHash(leaves[4]),
      proofs[1][2].map(hexToBytes),
      hexToBytes(roots[7]),
    );
    expect(out.ok).toBe(false);
  });

  it('rejects truncated and padded proofs', async () => {
    const full = proofs[0][2].map(hexToBytes);
    const short = await verifyInclusion(
      0,
      8,
      await leafHash(leaves[0]),
      full.slice(0, 2),
      hexToBytes(roots[7]),
    );
    expect(short).toMatchObject({ ok: false, failure: 'proof_too_short' });
    const long = await verifyInclusion(
      0,
      8,
      await leafHash(leaves[0]),
      [...full, full[0]],
      hexToBytes(roots[7]),
    );
    expect(long).toMatchObject({ ok: false, failure: 'proof_too_long' });
  });

  it('rejects an index outside the tree', async () => {
    const out = await verifyInclusion(8, 8, await leafHash(leaves[0]), [], hexToBytes(roots[7]));
    expect(out).toMatchObject({ ok: false, failure: 'index_out_of_range' });
  });
});

// Project-shaped checkpoint vectors (libsodium-signed, accepted by Go x/mod note.Open), from
// platform-infrastructure-notes.md §1.4.
const vkey = 'anticorr.example/log+ea8729b4+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4';
const checkpoint13 =
  'anticorr.example/log\n13\n+w2RFAdX5I2RZnpOJRBAJ89eCQcUdMutUmUEhexePaA=\n\n' +
  '\u2014 anticorr.example/log 6ocptFM7c/XuI1rZyp3hpt3SjIeMw3oYRsvewQQR2fxIj4RsNnYoAq88hKiGTWxaFZnavKvimThjzv+E3yZOD4AzMgM=\n';

describe('checkpoints', () => {
  it('parses the note body and signature lines', () => {
    const cp = parseCheckpoint(checkpoint13);
    expect(cp.origin).toBe('anticorr.example/log');
    expect(cp.size).toBe(13);
    expect(bytesToHex(cp.rootHash)).toBe(
      bytesToHex(base64ToBytes('+w2RFAdX5I2RZnpOJRBAJ89eCQcUdMutUmUEhexePaA=')),
    );
    expect(cp.body).toBe(
      'anticorr.example/log\n13\n+w2RFAdX5I2RZnpOJRBAJ89eCQcUdMutUmUEhexePaA=\n',
    );
    expect(cp.signatures).toHaveLength(1);
    expect(bytesToHex(cp.signatures[0].keyId)).toBe('ea8729b4');
  });

  it('rejects malformed notes', () => {
    expect(() => parseCheckpoint('origin\n13\n')).toThrow();
    expect(() => parseCheckpoint('o\n013\nAAAA\n\n\u2014 o AAAAAAAA\n')).toThrow('bad_size');
  });

  it('computes the key ID of the verifier key', async () => {
    const key = parseVerifierKey(vkey);
    expect(bytesToHex(await computeKeyId(key.name, key.publicKey))).toBe('ea8729b4');
  });

  it('verifies the Ed25519 signature and rejects a changed body', async () => {
    const key = parseVerifierKey(vkey);
    const good = await verifyCheckpointSignature(parseCheckpoint(checkpoint13), key);
    expect(good.status).toBe('valid');
    const tampered = parseCheckpoint(checkpoint13.replace('\n13\n', '\n14\n'));
    expect((await verifyCheckpointSignature(tampered, key)).status).toBe('invalid');
  });

  it('verifies the project inclusion proof (9, 13) against the checkpoint root', async () => {
    const cp = parseCheckpoint(checkpoint13);
    const proof = [
      '7LeR6UONiRaxz8Squ58swrQAVXqq2n5mfeoUxC9dLq4=',
      '1CoNiovyzNfgmK0PsVGHCEnfNlm9STWUr+BpzhcKEGA=',
      'ksauEnYQdpUuzGfbLkRoz368xRunkWhbWyAjcr6na54=',
      'ot2LEEQ9HAhJWCj/Hpeenmv/fY4O0A8jtEJWRzo0IeA=',
    ].map(base64ToBytes);
    const leaf = await leafHash(new TextEncoder().encode('record-9\n'));
    expect(bytesToHex(leaf)).toBe(
      'f255cb8efc34d35d9e84fe7ad5ec0a0288826abed8c324d50b643484151f74db',
    );
    const out = await verifyInclusion(9, cp.size, leaf, proof, cp.rootHash);
    expect(out.ok).toBe(true);
  });
});

// RFC 6962 consistency vectors (platform-infrastructure-notes.md §1.4).
const consistency: Array<[number, number, string[]]> = [
  [1, 1, []],
  [1, 8, proofs[0][2]],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

describe('verifyConsistency', () => {
  for (const [first, second, path] of consistency) {
    it(`accepts the vector proof from ${first} to ${second} leaves`, async () => {
      const out = await verifyConsistency(
        first,
        second,
        hexToBytes(roots[first - 1]),
        hexToBytes(roots[second - 1]),
        path.map(hexToBytes),
      );
      expect(out).toMatchObject({ ok: true });
    });
  }

  it('accepts the project proof from 7 to 13 records', async () => {
    const proof = [
      'Z67s36hh+gsM6zUFzjMssTMHb/+vCnsyE+I2SWXXiyo=',
      'FjkDFRGQfWOsxoRkt4Ng6zEN8Mk7ZuY5w1ogx7BTDq0=',
      'eH40958DQvC0yBc/UZ1nUbH7BkPxiSzyHWyBjkz99UA=',
      'UgpcJ9flr0dT/9YApe+SNyCUI1w8mJkvzP0i4b+C4m8=',
      'ZnUovt8H2phAdD5Wp26lEND83hr/QdQpBiIeqinJ2OQ=',
    ];
    const out = await verifyConsistency(
      7,
      13,
      base64ToBytes('dGM7X7HPsl5ep9RiXCEPflTItMCaUq2gIqM1x7vK50E='),
      base64ToBytes('+w2RFAdX5I2RZnpOJRBAJ89eCQcUdMutUmUEhexePaA='),
      proof.map(base64ToBytes),
    );
    expect(out.ok).toBe(true);
  });

  it('rejects a rewritten history, a flipped bit and a truncated proof', async () => {
    const path = consistency[2][2].map(hexToBytes);
    const wrongOld = await verifyConsistency(
      6,
      8,
      hexToBytes(roots[4]),
      hexToBytes(roots[7]),
      path,
    );
    expect(wrongOld.ok).toBe(false);
    const flipped = path.map((h) => h.slice());
    flipped[0][5] ^= 0x80;
    expect(
      (await verifyConsistency(6, 8, hexToBytes(roots[5]), hexToBytes(roots[7]), flipped)).ok,
    ).toBe(false);
    expect(
      (await verifyConsistency(6, 8, hexToBytes(roots[5]), hexToBytes(roots[7]), path.slice(0, 2)))
        .ok,
    ).toBe(false);
    expect(
      (await verifyConsistency(1, 1, hexToBytes(roots[0]), hexToBytes(roots[0]), path)).failure,
    ).toBe('proof_not_empty');
    expect(
      (await verifyConsistency(8, 6, hexToBytes(roots[7]), hexToBytes(roots[5]), [])).failure,
    ).toBe('bad_sizes');
  });
});

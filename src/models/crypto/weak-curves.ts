/**
 * Elliptic curves under 224 bits (about 112-bit security and less), in every API a Flask
 * application signs or derives with: `cryptography`, PyCryptodome, python-ecdsa, fastecdsa and
 * M2Crypto. Names are canonical (crypto-helpers' `canonical`, so `ec.` for cryptography).
 */

/** cryptography curve classes (instantiated `ec.SECP192R1()` or passed as the class). */
export const WEAK_EC_CLASSES: ReadonlyMap<string, number> = new Map([
  ['ec.SECP192R1', 192],
  ['ec.SECT163K1', 163],
  ['ec.SECT163R2', 163],
  ['ec.BrainpoolP160R1', 160],
  ['ec.BrainpoolP192R1', 192],
]);

/** PyCryptodome `ECC.generate(curve=...)`/`ECC.construct(curve=...)` names, lower-cased. */
export const WEAK_CURVE_NAMES: ReadonlyMap<string, number> = new Map([
  ['p192', 192],
  ['p-192', 192],
  ['nist p-192', 192],
  ['secp192r1', 192],
  ['prime192v1', 192],
]);

/** Curve objects of python-ecdsa and fastecdsa, by the module they live in. */
const CURVE_OBJECTS: readonly (readonly [RegExp, RegExp])[] = [
  // python-ecdsa: `from ecdsa import NIST192p`, `ecdsa.curves.SECP112r1`.
  [
    /^ecdsa(?:\.curves)?\.$/,
    /^(?:NIST192p|SECP112r1|SECP112r2|SECP128r1|SECP160r1|BRAINPOOLP160r1|BRAINPOOLP160t1|BRAINPOOLP192r1|BRAINPOOLP192t1)$/,
  ],
  // fastecdsa: `from fastecdsa.curve import P192`.
  [/^fastecdsa\.curve\.$/, /^(?:P192|secp192k1|brainpoolP160r1|brainpoolP192r1)$/],
];

/** Bits of a python-ecdsa / fastecdsa curve object or an M2Crypto `EC.NID_*` name under 224 bits. */
export function weakCurveObject(fullName: string): number | undefined {
  const dot = fullName.lastIndexOf('.');
  const module = fullName.slice(0, dot + 1);
  const name = fullName.slice(dot + 1);
  for (const [mod, names] of CURVE_OBJECTS) if (mod.test(module) && names.test(name)) return bitsIn(name);
  if (/^M2Crypto\.EC\.$/.test(module)) {
    const m = /^NID_(?:X9_62_)?(?:secp|sect|prime|c2pnb|c2tnb)(\d+)/.exec(name);
    const bits = m ? Number(m[1]) : undefined;
    if (bits !== undefined && bits < 224) return bits;
  }
  return undefined;
}

function bitsIn(name: string): number | undefined {
  const m = /(\d{3})/.exec(name);
  return m ? Number(m[1]) : undefined;
}

import { BODY_LIMIT_BYTES } from '../common/body-limit';

/** The certificate types we keep, each recognised by its first bytes, never by its name or header. */
export interface CertificateKind {
  contentType: 'application/pdf' | 'image/png' | 'image/jpeg';
  extension: 'pdf' | 'png' | 'jpg';
}

/** The body limit (5 MiB): a scanned certificate fits easily; anything larger is refused with 413. */
export const MAX_CERTIFICATE_BYTES = BODY_LIMIT_BYTES;

const SIGNATURES: { magic: number[]; kind: CertificateKind }[] = [
  { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: { contentType: 'application/pdf', extension: 'pdf' } }, // %PDF-
  {
    magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    kind: { contentType: 'image/png', extension: 'png' },
  },
  { magic: [0xff, 0xd8, 0xff], kind: { contentType: 'image/jpeg', extension: 'jpg' } },
];

/** What the bytes are, or null when they are none of PDF, PNG or JPEG. */
export function certificateKind(bytes: Buffer): CertificateKind | null {
  const match = SIGNATURES.find(
    ({ magic }) => bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte),
  );
  return match?.kind ?? null;
}

import { certificateKind } from './certificate-file';

describe('certificate file', () => {
  describe(certificateKind.name, () => {
    it('recognises PDF, PNG and JPEG from their first bytes', () => {
      expect(certificateKind(Buffer.from('%PDF-1.4\n%…'))).toEqual({
        contentType: 'application/pdf',
        extension: 'pdf',
      });
      expect(certificateKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toEqual({
        contentType: 'image/png',
        extension: 'png',
      });
      expect(certificateKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toEqual({
        contentType: 'image/jpeg',
        extension: 'jpg',
      });
    });

    it.each([
      ['an HTML page', Buffer.from('<html><script>alert(1)</script></html>')],
      ['a GIF', Buffer.from('GIF89a......')],
      ['a ZIP (a Word document)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0])],
      ['a PDF signature not at the start', Buffer.from(' %PDF-1.4')],
      ['a truncated PNG signature', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
      ['nothing at all', Buffer.alloc(0)],
    ])('refuses %s', (_name, bytes) => {
      expect(certificateKind(bytes)).toBeNull();
    });
  });
});

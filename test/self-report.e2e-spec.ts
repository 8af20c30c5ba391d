import { MAX_CERTIFICATE_BYTES } from '../src/completions/certificate-file';
import { SchoolRecordsLoader } from '../src/compliance/school-records.loader';
import { School } from '../src/schools/school.entity';
import { buildStaff, buildWorld, PASSWORD, World } from './factories/world';
import { createTestApp, tableCounts, TestApp } from './utils/create-test-app';
import { SmtpCapture } from './utils/smtp-capture';
import { bearer } from './utils/use-world';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('rest of a png'),
]);
const pdfOfSize = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 9, 0x20)]);

async function certificateCount(testApp: TestApp): Promise<number> {
  const [row] = await testApp.dataSource.query('SELECT COUNT(*) AS n FROM completion_certificate');
  return Number(row.n);
}

describe('self-reported training and its verification', () => {
  let smtp: SmtpCapture;
  let testApp: TestApp;
  let world: World;
  const post = (path: string, token: string) => testApp.http.post(path).set(bearer(token));
  const get = (path: string, token: string) => testApp.http.get(path).set(bearer(token));
  const statusOf = async (staffId: number) => {
    const { body } = await get(`/api/schools/${world.a.id}/compliance`, world.a.dspToken).expect(200);
    return body.staff.find((row: { id: number }) => row.id === staffId).status as string;
  };
  /** A pending self-report by school A's staff user, on a date nobody else has used. */
  let nextDay = 1;
  const selfReport = async (extra: object = {}) => {
    const completedOn = `2026-10-${String(nextDay++).padStart(2, '0')}`;
    const { body } = await post('/api/completions', world.a.staffToken)
      .send({
        staffId: world.a.staffUserStaffId,
        courseId: world.sharedCourseId,
        completedOn,
        evidence: 'HWB-1',
        ...extra,
      })
      .expect(201);
    return body as { id: number; verification: string };
  };

  /** A member of school A, started long ago and never trained, with a staff sign-in of their own. */
  const newReporter = async (email: string) => {
    const { body: member } = await post('/api/staff', world.adminToken)
      .send(buildStaff(world.a.id, { startDate: '2020-01-01', email }))
      .expect(201);
    await post('/api/users', world.adminToken)
      .send({ email, password: PASSWORD, role: 'staff', schoolId: world.a.id, staffId: member.id })
      .expect(201);
    const { body } = await testApp.http.post('/api/auth/login').send({ email, password: PASSWORD }).expect(200);
    return { staffId: member.id as number, token: body.token as string };
  };

  beforeAll(async () => {
    smtp = await new SmtpCapture().start();
    testApp = await createTestApp({ today: '2026-11-27', env: { SMTP_URL: smtp.url } });
    world = await buildWorld(testApp);
  });
  afterAll(async () => {
    await testApp.close();
    await smtp.stop();
  });

  describe('POST /api/completions by a member of staff', () => {
    it('records their own training as pending, which never counts', async () => {
      const created = await selfReport();
      expect(created).toMatchObject({
        staffId: world.a.staffUserStaffId,
        verification: 'pending',
        prior: false,
        rejectionReason: null,
        verifiedById: null,
        hasCertificate: false,
      });
      expect(await statusOf(world.a.staffUserStaffId)).toBe('never');
    });

    it.each([
      ['a colleague in their school', () => world.a.staffIds[1]],
      ['a member of another school', () => world.b.staffIds[1]],
    ])('answers training for %s as for an unknown id (400 naming staffId), saving nothing', async (_case, staffId) => {
      const before = await tableCounts(testApp.dataSource);
      const { body } = await post('/api/completions', world.a.staffToken)
        .send({ staffId: staffId(), courseId: world.sharedCourseId, completedOn: '2026-11-01' })
        .expect(400);
      expect(body.errors[0].field).toBe('staffId');
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });

    it('refuses a governor (403)', async () => {
      await post('/api/completions', world.a.governorToken)
        .send({ staffId: world.a.staffIds[1], courseId: world.sharedCourseId, completedOn: '2026-11-01' })
        .expect(403);
    });

    it('is verified at once when a DSP records it', async () => {
      const { body } = await post('/api/completions', world.a.dspToken)
        .send({ staffId: world.a.staffIds[2], courseId: world.sharedCourseId, completedOn: '2026-11-02' })
        .expect(201);
      expect(body).toMatchObject({ verification: 'verified', verifiedById: body.recordedById });
    });
  });

  describe('GET /api/completions?verification=pending', () => {
    it('lists the school’s pending reports for its DSP, and none of another school’s', async () => {
      const created = await selfReport();
      const { body } = await get(
        `/api/completions?schoolId=${world.a.id}&verification=pending`,
        world.a.dspToken,
      ).expect(200);
      expect(body.map((row: { id: number }) => row.id)).toContain(created.id);
      expect(body.every((row: { verification: string }) => row.verification === 'pending')).toBe(true);
      const other = await get(`/api/completions?schoolId=${world.b.id}&verification=pending`, world.b.dspToken).expect(
        200,
      );
      expect(other.body.map((row: { id: number }) => row.id)).not.toContain(created.id);
      await get(`/api/completions?schoolId=${world.a.id}&verification=pending`, world.b.dspToken).expect(404);
    });

    it('refuses an unknown verification value with 400 naming it', async () => {
      const { body } = await get(`/api/completions?schoolId=${world.a.id}&verification=maybe`, world.a.dspToken).expect(
        400,
      );
      expect(body.errors.map((error: { field: string }) => error.field)).toContain('verification');
    });

    it('never shows a governor pending items, even when the school lets them see names', async () => {
      const created = await selfReport();
      await testApp.http
        .patch(`/api/schools/${world.a.id}`)
        .set(bearer(world.adminToken))
        .send({ governorsSeeNames: true })
        .expect(200);
      try {
        await get(`/api/completions?schoolId=${world.a.id}&verification=pending`, world.a.governorToken).expect(403);
        const { body } = await get(
          `/api/completions?staffId=${world.a.staffUserStaffId}`,
          world.a.governorToken,
        ).expect(200);
        expect(body.map((row: { id: number }) => row.id)).not.toContain(created.id);
        expect(body.every((row: { verification: string }) => row.verification === 'verified')).toBe(true);
        await get(`/api/completions/${created.id}/certificate`, world.a.governorToken).expect(403);
      } finally {
        await testApp.http
          .patch(`/api/schools/${world.a.id}`)
          .set(bearer(world.adminToken))
          .send({ governorsSeeNames: false })
          .expect(200);
      }
    });
  });

  describe('certificates', () => {
    it('keeps a PNG for the member and lets the DSP and the member download it, never cached', async () => {
      const created = await selfReport();
      const { body } = await post(`/api/completions/${created.id}/certificate`, world.a.staffToken)
        .attach('file', PNG, { filename: 'my cert.png', contentType: 'image/png' })
        .expect(201);
      expect(body).toMatchObject({ id: created.id, hasCertificate: true, verification: 'pending' });
      for (const token of [world.a.staffToken, world.a.dspToken, world.adminToken]) {
        const download = await get(`/api/completions/${created.id}/certificate`, token)
          .buffer(true)
          .parse((response, callback) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => callback(null, Buffer.concat(chunks)));
          })
          .expect(200);
        expect(download.headers['content-type']).toBe('image/png');
        expect(download.headers['content-disposition']).toBe(`attachment; filename="certificate-${created.id}.png"`);
        expect(download.headers['cache-control']).toBe('no-store');
        expect(Buffer.compare(download.body as Buffer, PNG)).toBe(0);
      }
    });

    it('takes the type from the bytes: a PDF sent as "photo.jpg" is served as a PDF', async () => {
      const created = await selfReport();
      await post(`/api/completions/${created.id}/certificate`, world.a.staffToken)
        .attach('file', pdfOfSize(200), { filename: 'photo.jpg', contentType: 'image/jpeg' })
        .expect(201);
      const download = await get(`/api/completions/${created.id}/certificate`, world.a.dspToken).expect(200);
      expect(download.headers['content-type']).toBe('application/pdf');
    });

    it('refuses a file that only claims to be a PDF (400 naming file), storing nothing', async () => {
      const created = await selfReport();
      const before = await certificateCount(testApp);
      const { body } = await post(`/api/completions/${created.id}/certificate`, world.a.staffToken)
        .attach('file', Buffer.from('<html><script>alert(1)</script></html>'), {
          filename: 'certificate.pdf',
          contentType: 'application/pdf',
        })
        .expect(400);
      expect(body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
      expect(await certificateCount(testApp)).toBe(before);
    });

    it('refuses a request without the file field (400 naming file)', async () => {
      const created = await selfReport();
      const { body } = await post(`/api/completions/${created.id}/certificate`, world.a.staffToken)
        .attach('certificate', PNG, 'cert.png')
        .expect(400);
      expect(body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
    });

    it('accepts exactly 5 MB and refuses one byte more with 413 saying the limit', async () => {
      const created = await selfReport();
      await post(`/api/completions/${created.id}/certificate`, world.a.staffToken)
        .attach('file', pdfOfSize(MAX_CERTIFICATE_BYTES), 'big.pdf')
        .expect(201);
      const before = await certificateCount(testApp);
      const other = await selfReport();
      const { body } = await post(`/api/completions/${other.id}/certificate`, world.a.staffToken)
        .attach('file', pdfOfSize(MAX_CERTIFICATE_BYTES + 1), 'too-big.pdf')
        .expect(413);
      expect(body.message).toContain('5 MB');
      expect(await certificateCount(testApp)).toBe(before);
    });

    it('is out of reach of another school’s DSP and of colleagues (404), and of governors (403)', async () => {
      const created = await selfReport();
      await post(`/api/completions/${created.id}/certificate`, world.a.staffToken)
        .attach('file', PNG, 'c.png')
        .expect(201);
      await get(`/api/completions/${created.id}/certificate`, world.b.dspToken).expect(404);
      await get(`/api/completions/${created.id}/certificate`, world.b.staffToken).expect(404);
      await get(`/api/completions/${created.id}/certificate`, world.a.governorToken).expect(403);
      await post(`/api/completions/${created.id}/certificate`, world.b.dspToken)
        .attach('file', PNG, 'c.png')
        .expect(404);
      await get(`/api/completions/999999/certificate`, world.a.dspToken).expect(404);
    });

    it('goes with its completion when the DSP deletes the completion', async () => {
      const created = await selfReport();
      await post(`/api/completions/${created.id}/certificate`, world.a.staffToken)
        .attach('file', PNG, 'c.png')
        .expect(201);
      const before = await certificateCount(testApp);
      await testApp.http.delete(`/api/completions/${created.id}`).set(bearer(world.a.dspToken)).expect(200);
      expect(await certificateCount(testApp)).toBe(before - 1);
      await get(`/api/completions/${created.id}/certificate`, world.a.dspToken).expect(404);
    });

    it('answers 404 for a completion without a certificate', async () => {
      const created = await selfReport();
      await get(`/api/completions/${created.id}/certificate`, world.a.dspToken).expect(404);
    });

    it('does not let a member change the certificate of verified training (403)', async () => {
      const created = await selfReport();
      await post(`/api/completions/${created.id}/verify`, world.a.dspToken).expect(200);
      await post(`/api/completions/${created.id}/certificate`, world.a.staffToken)
        .attach('file', PNG, 'c.png')
        .expect(403);
    });
  });

  describe('POST /api/completions/:id/verify and /reject', () => {
    it('counts the training once the DSP verifies it, and only once', async () => {
      const reporter = await newReporter('verified@a.test');
      const { body: created } = await post('/api/completions', reporter.token)
        .send({ staffId: reporter.staffId, courseId: world.sharedCourseId, completedOn: '2026-11-20', evidence: 'X' })
        .expect(201);
      expect(await statusOf(reporter.staffId)).toBe('never');
      const { body } = await post(`/api/completions/${created.id}/verify`, world.a.dspToken).expect(200);
      expect(body).toMatchObject({ verification: 'verified', verifiedById: expect.any(Number) });
      expect(await statusOf(reporter.staffId)).toBe('current');
      await post(`/api/completions/${created.id}/verify`, world.a.dspToken).expect(409);
      await post(`/api/completions/${created.id}/reject`, world.a.dspToken).send({ reason: 'late' }).expect(409);
    });

    it(
      'refuses the member themselves, the governor (403) and another school’s DSP (404), ' + 'changing nothing',
      async () => {
        const created = await selfReport();
        await post(`/api/completions/${created.id}/verify`, world.a.staffToken).expect(403);
        await post(`/api/completions/${created.id}/verify`, world.a.governorToken).expect(403);
        await post(`/api/completions/${created.id}/verify`, world.b.dspToken).expect(404);
        await post(`/api/completions/${created.id}/reject`, world.b.dspToken).send({ reason: 'no' }).expect(404);
        const { body } = await get(`/api/completions?staffId=${world.a.staffUserStaffId}`, world.a.dspToken).expect(
          200,
        );
        expect(body.find((row: { id: number }) => row.id === created.id).verification).toBe('pending');
      },
    );

    it.each([{}, { reason: '' }, { reason: '   ' }])(
      'requires a reason to reject (%p → 400 naming reason)',
      async (sent) => {
        const created = await selfReport();
        const { body } = await post(`/api/completions/${created.id}/reject`, world.a.dspToken).send(sent).expect(400);
        expect(body.errors.map((error: { field: string }) => error.field)).toContain('reason');
      },
    );

    it('rejects with the reason, emails the member (text and HTML), and the training never counts', async () => {
      const reporter = await newReporter('rejected@a.test');
      const { body: created } = await post('/api/completions', reporter.token)
        .send({ staffId: reporter.staffId, courseId: world.sharedCourseId, completedOn: '2026-11-20', evidence: 'X' })
        .expect(201);
      smtp.clear();
      const { body } = await post(`/api/completions/${created.id}/reject`, world.a.dspToken)
        .send({ reason: 'The certificate is for a different course' })
        .expect(200);
      expect(body).toMatchObject({
        verification: 'rejected',
        rejectionReason: 'The certificate is for a different course',
      });
      expect(await statusOf(reporter.staffId)).toBe('never');
      const [mail] = smtp.to('rejected@a.test');
      expect(smtp.messages).toHaveLength(1);
      expect(mail.parsed.subject).toContain('Keeping safe online');
      expect(mail.parsed.text).toContain('The certificate is for a different course');
      expect(mail.parsed.html).toContain('The certificate is for a different course');
      expect(mail.parsed.text).toContain('/me');
    });

    it('writes to a Welsh-speaking member in Welsh', async () => {
      await testApp.http
        .patch(`/api/staff/${world.a.staffUserStaffId}`)
        .set(bearer(world.a.dspToken))
        .send({ language: 'cy' })
        .expect(200);
      smtp.clear();
      const created = await selfReport();
      await post(`/api/completions/${created.id}/reject`, world.a.dspToken)
        .send({ reason: 'Dim tystysgrif' })
        .expect(200);
      const [mail] = smtp.to('s0@a.test');
      expect(mail.parsed.subject).toContain('Nid oedd modd derbyn');
      expect(mail.parsed.text).toContain('Rheswm: Dim tystysgrif');
      await testApp.http
        .patch(`/api/staff/${world.a.staffUserStaffId}`)
        .set(bearer(world.a.dspToken))
        .send({ language: 'en' })
        .expect(200);
    });

    it('sends a rejected report back to the DSP as pending when the member adds a new certificate', async () => {
      const created = await selfReport();
      await post(`/api/completions/${created.id}/reject`, world.a.dspToken)
        .send({ reason: 'No certificate' })
        .expect(200);
      const { body } = await post(`/api/completions/${created.id}/certificate`, world.a.staffToken)
        .attach('file', PNG, 'c.png')
        .expect(201);
      expect(body).toMatchObject({ verification: 'pending', rejectionReason: null, hasCertificate: true });
    });
  });

  describe('what the rules read', () => {
    it('loads only verified completions: pending and rejected ones reach no figure, concern or reminder', async () => {
      const { body: all } = await get(`/api/completions?schoolId=${world.a.id}`, world.a.dspToken).expect(200);
      const unverified = all.filter((row: { verification: string }) => row.verification !== 'verified');
      expect(unverified.map((row: { verification: string }) => row.verification)).toEqual(
        expect.arrayContaining(['pending', 'rejected']),
      );
      const school = await testApp.dataSource.getRepository(School).findOneByOrFail({ id: world.a.id });
      const records = await testApp.app.get(SchoolRecordsLoader).load(school, '2026-11-27');
      const loaded = new Set(records.completions.map((row) => `${row.staffId}|${row.courseId}|${row.completedOn}`));
      for (const row of unverified) expect(loaded.has(`${row.staffId}|${row.courseId}|${row.completedOn}`)).toBe(false);
      expect(records.completions.length).toBeGreaterThan(0);
    });
  });

  describe('prior training', () => {
    let starterId: number;
    beforeAll(async () => {
      const { body } = await post('/api/staff', world.a.dspToken)
        .send(buildStaff(world.a.id, { startDate: '2026-11-01' }))
        .expect(201);
      starterId = body.id;
    });
    const recordPrior = (body: object) =>
      post('/api/completions', world.a.dspToken).send({
        staffId: starterId,
        courseId: world.sharedCourseId,
        prior: true,
        completedOn: '2026-06-01',
        evidence: 'Previous school certificate 4411',
        ...body,
      });

    it.each([
      ['dated on the start date', { completedOn: '2026-11-01' }, 'completedOn'],
      ['without evidence', { evidence: undefined }, 'evidence'],
      ['with blank evidence', { evidence: '  ' }, 'evidence'],
    ])('refuses prior training %s with 400 naming %s, saving nothing', async (_case, change, field) => {
      const before = await tableCounts(testApp.dataSource);
      const { body } = await recordPrior(change).expect(400);
      expect(body.errors.map((error: { field: string }) => error.field)).toContain(field);
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });

    it('counts prior training for currency (a new starter with it is current)', async () => {
      expect(await statusOf(starterId)).toBe('induction-due');
      const { body } = await recordPrior({}).expect(201);
      expect(body).toMatchObject({ prior: true, verification: 'verified' });
      expect(await statusOf(starterId)).toBe('current');
    });
  });
});

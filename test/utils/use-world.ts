import { buildWorld, World } from '../factories/world';
import { createTestApp, TestApp, TestAppOptions } from './create-test-app';

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Starts the app with two schools before a file's tests and closes it after. */
export function useWorld(options: TestAppOptions, ready: (testApp: TestApp, world: World) => void): void {
  let testApp: TestApp | undefined;
  beforeAll(async () => {
    testApp = await createTestApp(options);
    ready(testApp, await buildWorld(testApp));
  });
  afterAll(() => testApp?.close());
}

// The e2e tests' jest environment: Node's, plus a report of every open page when a test fails
// (screenshots, addresses, requests still pending; see failure-report.ts). Plain JavaScript: jest
// loads environments before any transform.
import { TestEnvironment } from 'jest-environment-node';

export default class BrowserTestEnvironment extends TestEnvironment {
  async handleTestEvent(event) {
    if (event.name !== 'test_fn_failure') return;
    const report = this.global.__roundsFailureReport;
    const name = [event.test.parent?.name, event.test.name].filter((part) => part && part !== 'ROOT_DESCRIBE_BLOCK').join(' ');
    if (typeof report === 'function') await report(name).catch((error) => console.error(`[e2e] failure report failed: ${error}`));
  }
}

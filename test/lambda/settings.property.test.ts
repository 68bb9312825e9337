import fc from 'fast-check';
import { ENV } from '../../contract/environment';
import { parseSettings } from '../../lambda/settings';

const valid: Record<string, string> = {
  [ENV.topicArn]: 'arn:aws:sns:us-east-1:123456789012:alerts',
  [ENV.thresholdDays]: '7',
  [ENV.warningDays]: '30',
  [ENV.regions]: 'all',
};

describe('parseSettings with any input', () => {
  it('any value of any variable yields valid settings or one error naming that variable', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(ENV)),
        fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
        (name, value) => {
          const env = { ...valid, [name]: value };
          try {
            const settings = parseSettings(env);
            expect(settings.thresholds.thresholdDays).toBeGreaterThanOrEqual(1);
            expect(
              settings.thresholds.warningDays === 0 ||
                settings.thresholds.warningDays > settings.thresholds.thresholdDays,
            ).toBe(true);
          } catch (error) {
            const message = (error as Error).message;
            expect(message).toContain(name);
            // A valid threshold at or above the warning tier is a conflict of the pair, reported on WARNING_DAYS.
            if (
              name === ENV.thresholdDays &&
              /^\s*\d+\s*$/.test(value ?? '') &&
              Number(value) >= 30 &&
              Number(value) <= 365
            ) {
              expect(message).toContain(
                `${ENV.warningDays}: expected 0 (off) or a whole number greater than ${ENV.thresholdDays}`,
              );
              return;
            }
            for (const other of Object.values(ENV)) if (other !== name) expect(message).not.toContain(`${other}:`);
            expect(message.length).toBeLessThan(600);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a threshold at or above the warning tier names the pair, whatever else is valid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 30, max: 365 }), (days) => {
        expect(() => parseSettings({ ...valid, [ENV.thresholdDays]: String(days) })).toThrow(
          `${ENV.warningDays}: expected 0 (off) or a whole number greater than ${ENV.thresholdDays} and at most 365, got "30"`,
        );
      }),
    );
  });

  it('accepts every whole threshold from 1 to 365', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 365 }), (days) => {
        expect(
          parseSettings({ ...valid, [ENV.thresholdDays]: String(days), [ENV.warningDays]: '0' }).thresholds
            .thresholdDays,
        ).toBe(days);
      }),
    );
  });
});

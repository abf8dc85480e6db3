import { parseBenchArgs, SECTION_IDS } from '../../../bench/benchArgs';

describe('parseBenchArgs', () => {
  it('runs every section, in order, by default', () => {
    expect(parseBenchArgs([])).toEqual({ sections: [...SECTION_IDS], quick: false, help: false });
  });

  it('keeps the canonical order whatever order --only lists', () => {
    expect(parseBenchArgs(['--only', 'reminders,consent']).sections).toEqual(['consent', 'reminders']);
    expect(parseBenchArgs(['--only=bot']).sections).toEqual(['bot']);
  });

  it('accepts --quick, spaces, case and repeated --only', () => {
    const args = parseBenchArgs(['--quick', '--only', ' Bot , ', '--only=consent']);
    expect(args.quick).toBe(true);
    expect(args.sections).toEqual(['consent', 'bot']);
  });

  it('fails loudly on an unknown section, a missing list or an unknown flag', () => {
    expect(() => parseBenchArgs(['--only', 'bots'])).toThrow(/unknown section "bots"/);
    expect(() => parseBenchArgs(['--only'])).toThrow(/--only needs a list/);
    expect(() => parseBenchArgs(['--only=,'])).toThrow(/--only needs a list/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown argument "--fast"/);
  });

  it('recognises --help', () => {
    expect(parseBenchArgs(['--help']).help).toBe(true);
  });
});

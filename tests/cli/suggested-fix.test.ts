/** The hint's ready-to-type option (scripts/cli/suggested-fix.ts): the option given, each refused value replaced by its closest spelling. */
import { describe, expect, it } from 'vitest';
import { suggestedOption } from '../../scripts/cli/suggested-fix.js';

const issue = (path: string, unknown: { value: string; didYouMean: string[] }[]) => ({ path, message: 'no one has …', unknown });

describe('suggestedOption', () => {
  it('when targets are refused, then the list comes back in its order, each near miss replaced, the rest kept, each once, as one shell word', () => {
    const refused = issue('/query/target', [{ value: 'Solictor', didYouMean: ['Solicitor', 'Solicitors'] }, { value: 'Zzyzx Whittler', didYouMean: [] }]);
    expect(suggestedOption(refused, { target: 'Solictor, Zzyzx Whittler,,Solicitor' })).toBe('--target "Solicitor,Zzyzx Whittler"');
    expect(suggestedOption(issue('/query/target', [{ value: 'lwa', didYouMean: ['law'] }]), { target: 'lwa,tax' })).toBe('--target law,tax');
  });

  it('when a dimension is refused, then -d or --where names the closest one; a where[] category is replaced in the same way', () => {
    expect(suggestedOption(issue('/query/dimension', [{ value: 'profesion', didYouMean: ['profession'] }]), { dimension: 'profesion' })).toBe('-d profession');
    expect(suggestedOption(issue('/query/where', [{ value: 'industy', didYouMean: ['industry'] }]), { from: 'p091', 'where[industy]': 'Café & Bar' })).toBe('--where "industry=Café & Bar"');
    expect(suggestedOption(issue('/query/where', [{ value: 'Insurnce', didYouMean: ['Insurance'] }]), { 'where[industry]': 'Insurnce' })).toBe('--where industry=Insurance');
  });

  it('when nothing is close, the parameter was not sent, or a value would break the shell word, then no fix, or one quoted safely', () => {
    expect(suggestedOption(issue('/query/target', [{ value: 'x', didYouMean: [] }]), { target: 'x' })).toBeUndefined();
    expect(suggestedOption(issue('/query/dimension', [{ value: 'x', didYouMean: ['y'] }]), {})).toBeUndefined();
    expect(suggestedOption({ path: '/query/limit', message: 'too big' }, { limit: 9999 })).toBeUndefined();
    expect(suggestedOption(issue('/query/target', [{ value: 'a', didYouMean: ['say "$HOME" `now`'] }]), { target: 'a' })).toBe('--target "say \\"\\$HOME\\" \\`now\\`"');
  });
});

// A citation shows the publication's name and each web address by its host name.
import { describe, expect, it } from 'vitest';
import { citeLanguage, citeParts, isRepositoryPath } from './source_cite';

describe('citations', () => {
  it('split a web address out, shown by its host name', () => {
    expect(
      citeParts(
        'TIMET data via AZoM, titanium in seawater, https://azom.com/article.aspx?ArticleID=1226',
      ),
    ).toEqual([
      { text: 'TIMET data via AZoM, titanium in seawater, ' },
      { url: 'https://azom.com/article.aspx?ArticleID=1226', host: 'azom.com' },
    ]);
    expect(citeParts('Handbook, https://www.example.org/a/b.html, p. 3')).toEqual([
      { text: 'Handbook, ' },
      { url: 'https://www.example.org/a/b.html', host: 'example.org' },
      { text: ', p. 3' },
    ]);
  });

  it('leave a citation without an address whole', () => {
    expect(citeParts('Schutz & Thomas, Corrosion of titanium, ASM Handbook 13')).toEqual([
      { text: 'Schutz & Thomas, Corrosion of titanium, ASM Handbook 13' },
    ]);
  });

  it('tell repository paths and scripts apart', () => {
    expect(isRepositoryPath('knowledge/engine/materials.json')).toBe(true);
    expect(isRepositoryPath('ASM Handbook 13')).toBe(false);
    expect(citeLanguage('钛及钛合金')).toBe('zh');
  });
});

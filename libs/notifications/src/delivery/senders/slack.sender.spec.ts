import { slackEscape } from './slack.sender';

describe('slackEscape', () => {
  it('keeps user text from becoming Slack mentions or links', () =>
    expect(slackEscape('deploy <!channel> & <https://evil.example|click>')).toBe(
      'deploy &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;',
    ));
});

package com.stack.aicfo.analyst.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Markdown a phone shows as it is: no raw HTML, no links, bounded. */
class PhoneSafeMarkdownTest {

    @Test
    void rawHtmlIsEscaped() {
        assertThat(PhoneSafeMarkdown.of("## Hi <script>alert(1)</script> & <b>bold</b>\n"))
                .isEqualTo("## Hi &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;\n");
    }

    @Test
    void linksKeepTheirTextAndAddressesGo() {
        assertThat(PhoneSafeMarkdown.of("See [your portfolio](https://evil.example/x) and ![chart](http://x/y.png)"
                        + " or https://evil.example/z or www.evil.example.\n[1]: https://evil.example\nend"))
                .isEqualTo("See your portfolio and chart or  or \n\nend\n");
    }

    @Test
    void schemesThatActWhenTappedGoButALabelEndingInAColonStays() {
        assertThat(PhoneSafeMarkdown.of(
                        "a javascript:alert(1) b data:text/html,x c mailto:ada@example.com d ftp://x/y\n"
                                + "- DATA: 12 shares\n- FTP: 3 shares\n"))
                .isEqualTo("a  b  c  d \n- DATA: 12 shares\n- FTP: 3 shares\n");
    }

    @Test
    void aLongAnswerIsCutAtALine() {
        String line = "- a line of forty characters, more or le\n";
        String markdown = PhoneSafeMarkdown.of(line.repeat(100));
        assertThat(markdown.length()).isLessThanOrEqualTo(PhoneSafeMarkdown.MAX_LENGTH);
        assertThat(markdown).endsWith("more or le\n").hasLineCount(48);
        assertThat(PhoneSafeMarkdown.of("x".repeat(5000))).hasSize(PhoneSafeMarkdown.MAX_LENGTH);
    }

    @Test
    void lineEndingsAndBlankRunsAreNormalized() {
        assertThat(PhoneSafeMarkdown.of("## A\r\n\r\n\r\n\r\ntext\r\n")).isEqualTo("## A\n\ntext\n");
    }
}

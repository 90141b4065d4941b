namespace Typeset.Publishing.Epub;

/// <summary>The book's CSS: Russian conventions (indented, justified, hyphenated paragraphs without spacing).</summary>
internal static class BookStylesheet
{
    public const string Href = "styles/book.css";

    /// <summary>The stylesheet; with embedded fonts, their @font-face rules come first and the body is set in them.</summary>
    public static string Build(IReadOnlyList<EpubFont> fonts)
    {
        if (fonts.Count == 0)
        {
            return Css;
        }

        var faces = new System.Text.StringBuilder();
        foreach (var font in fonts)
        {
            faces.Append(System.Globalization.CultureInfo.InvariantCulture, $$"""
                @font-face {
                  font-family: "{{EmbeddedFonts.Family}}";
                  font-weight: {{font.CssWeight}};
                  font-style: {{font.CssStyle}};
                  src: url("../fonts/{{font.FileName}}");
                }


                """);
        }

        faces.Append(System.Globalization.CultureInfo.InvariantCulture, $$"""
            body {
              font-family: "{{EmbeddedFonts.Family}}", serif;
            }


            """);
        return faces + Css;
    }

    private const string Css = """
        body {
          margin: 0;
        }

        p {
          margin: 0;
          text-indent: 1.5em;
          text-align: justify;
          -epub-hyphens: auto;
          -webkit-hyphens: auto;
          hyphens: auto;
          widows: 2;
          orphans: 2;
        }

        h1, h2, h3, h4, h5, h6 {
          margin: 1.5em 0 1em;
          text-align: center;
          text-indent: 0;
          -epub-hyphens: none;
          -webkit-hyphens: none;
          hyphens: none;
          page-break-after: avoid;
        }

        h1 {
          page-break-before: always;
          font-size: 1.4em;
        }

        h2 {
          font-size: 1.2em;
        }

        h3 {
          font-size: 1.1em;
        }

        h4, h5, h6 {
          font-size: 1em;
        }

        blockquote {
          margin: 1em 1.5em;
        }

        hr {
          width: 30%;
          margin: 1em auto;
          border: 0;
          border-top: 1px solid;
        }

        figure {
          margin: 1em 0;
          text-align: center;
          page-break-inside: avoid;
        }

        img {
          max-width: 100%;
          height: auto;
        }

        figcaption {
          margin-top: 0.5em;
          font-size: 0.85em;
          font-style: italic;
          text-align: center;
          text-indent: 0;
        }

        sup {
          font-size: 0.75em;
          line-height: 0;
          vertical-align: super;
        }

        aside.footnote {
          margin: 0.5em 0;
          font-size: 0.85em;
        }

        aside.footnote p {
          text-indent: 0;
        }

        ol, ul {
          margin: 0.5em 0 0.5em 1.5em;
          padding: 0;
        }

        li > p {
          text-indent: 0;
          margin: 0;
        }

        table {
          border-collapse: collapse;
          margin: 1em auto;
          font-size: 0.9em;
          border-top: 1px solid;
          border-bottom: 1px solid;
        }

        thead th {
          border-bottom: 1px solid;
          font-weight: bold;
        }

        th, td {
          padding: 0.2em 0.5em;
          vertical-align: top;
          text-indent: 0;
        }

        th.left, td.left {
          text-align: left;
        }

        th.center, td.center {
          text-align: center;
        }

        th.right, td.right {
          text-align: right;
        }

        code {
          font-family: monospace;
          -epub-hyphens: none;
          -webkit-hyphens: none;
          hyphens: none;
        }

        blockquote.epigraph {
          margin: 1em 0 2em 40%;
          font-size: 0.9em;
        }

        blockquote.epigraph p {
          text-indent: 0;
          text-align: left;
        }

        p.attribution {
          margin-top: 0.5em;
          font-style: italic;
          text-align: right;
        }

        div.verse {
          margin: 1em 0 1em 2em;
        }

        div.stanza {
          margin-bottom: 1em;
        }

        p.line {
          margin: 0;
          padding-left: 2em;
          text-indent: -2em;
          text-align: left;
        }

        section.titlepage {
          text-align: center;
          margin-top: 20%;
        }

        section.titlepage p, section.imprint p {
          text-indent: 0;
        }

        section.imprint {
          font-size: 0.85em;
          margin: 2em 0;
        }

        section.cover {
          margin: 0;
          padding: 0;
          text-align: center;
        }

        section.cover img {
          max-width: 100%;
          max-height: 100vh;
        }

        """;
}

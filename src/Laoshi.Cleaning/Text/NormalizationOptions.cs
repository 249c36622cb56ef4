using Laoshi.Core.Errors;

namespace Laoshi.Cleaning;

/// <summary>
/// Which normalisation steps <see cref="TextNormalizer"/> applies. Steps run in a fixed order (control characters,
/// NFKC, width, traditional → simplified, whitespace) whatever order they were named in, so the same options always
/// give the same text.
/// </summary>
public sealed record NormalizationOptions
{
    /// <summary>Unicode compatibility composition (NFKC): ligatures, circled digits, full-width forms, ...</summary>
    public bool Nfkc { get; init; }

    /// <summary>Full-width ASCII forms (ＡＢＣ１２３！) and the ideographic space become their half-width forms.</summary>
    public bool Width { get; init; }

    /// <summary>Traditional Chinese characters and phrases become simplified (see <see cref="ChineseScript"/>).</summary>
    public bool TraditionalToSimplified { get; init; }

    /// <summary>Runs of white space become one space (one line break where the run held one); ends are trimmed.</summary>
    public bool Whitespace { get; init; }

    /// <summary>Control characters (except tab and line breaks) and invisible format characters are removed.</summary>
    public bool ControlCharacters { get; init; }

    /// <summary>Nothing changes.</summary>
    public static NormalizationOptions None { get; } = new();

    /// <summary>Every step: what duplicate detection compares.</summary>
    public static NormalizationOptions All { get; } = new()
    {
        Nfkc = true, Width = true, TraditionalToSimplified = true, Whitespace = true, ControlCharacters = true,
    };

    /// <summary>The names <see cref="Parse"/> accepts, in the order the steps run.</summary>
    public static IReadOnlyList<string> Names { get; } = ["control", "nfkc", "width", "t2s", "whitespace"];

    /// <summary>True when no step is on.</summary>
    public bool IsEmpty => !(Nfkc || Width || TraditionalToSimplified || Whitespace || ControlCharacters);

    /// <summary>
    /// Reads a comma-separated list such as <c>nfkc,width,t2s</c> (the CLI's <c>--normalize</c>); also accepts
    /// <c>all</c>. An unknown name is a <see cref="BadInputException"/> naming it and the known names.
    /// </summary>
    public static NormalizationOptions Parse(string list, string field = "normalize")
    {
        var options = new NormalizationOptions();
        foreach (var raw in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            options = raw.ToLowerInvariant() switch
            {
                "all" => All,
                "nfkc" => options with { Nfkc = true },
                "width" => options with { Width = true },
                "t2s" => options with { TraditionalToSimplified = true },
                "whitespace" => options with { Whitespace = true },
                "control" => options with { ControlCharacters = true },
                _ => throw new BadInputException(
                    $"unknown normalisation '{raw}'; known: {string.Join(", ", Names)}, all", field: field),
            };
        }
        return options;
    }

    /// <summary>The comma-separated names of the steps that are on, as <see cref="Parse"/> reads them.</summary>
    public override string ToString()
    {
        var names = new List<string>();
        if (ControlCharacters) names.Add("control");
        if (Nfkc) names.Add("nfkc");
        if (Width) names.Add("width");
        if (TraditionalToSimplified) names.Add("t2s");
        if (Whitespace) names.Add("whitespace");
        return string.Join(',', names);
    }
}

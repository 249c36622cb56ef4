namespace Laoshi.Learning.Search;

/// <summary>The parameter search methods, as the CLI's --search and the API's search.method spell them.</summary>
public static class SearchMethods
{
    /// <summary>Draws configurations from the declared ranges and cross-validates each on all training examples.</summary>
    public const string Random = "random";

    /// <summary>Successive halving: many configurations on few examples, the best third moves on to three times as many.</summary>
    public const string Halving = "halving";

    public static readonly IReadOnlyList<string> All = [Random, Halving];
}

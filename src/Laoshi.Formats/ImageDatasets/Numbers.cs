using System.Globalization;

namespace Laoshi.Formats.ImageDatasets;

/// <summary>Numbers as text files hold them: invariant culture, and the shortest form that reads back to the same double.</summary>
internal static class Numbers
{
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// A JSON number as a double, whatever CLR type the node was built from (an int in Region.Extra cannot be read
    /// with GetValue&lt;double&gt;); null when the node is not a number.
    /// </summary>
    public static double? FromNode(System.Text.Json.Nodes.JsonNode? node) =>
        node is not null && node.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture)
            : null;

    public static bool TryParse(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}

using Laoshi.Core.Errors;
using Laoshi.Core.Schema;

namespace Laoshi.Core.Tests.Schema;

internal static class SchemaAssert
{
    /// <summary>
    /// Schemas hold lists, which records compare by reference; the JSON form holds every property,
    /// so equal JSON means equal schemas.
    /// </summary>
    public static void Same(ProjectSchema expected, ProjectSchema actual) =>
        Assert.Equal(SchemaJson.Write(expected), SchemaJson.Write(actual));

    public static BadInputException Fails(Action parse) => Assert.Throws<BadInputException>(parse);

    /// <summary>The single error whose message contains <paramref name="fragment"/>.</summary>
    public static InputError Error(IEnumerable<InputError> errors, string fragment)
    {
        var list = errors.ToList();
        var matching = list.Where(e => e.Message.Contains(fragment, StringComparison.Ordinal)).ToList();
        Assert.True(matching.Count == 1,
            $"expected one error containing \"{fragment}\", got {matching.Count} among:\n{string.Join("\n", list)}");
        return matching[0];
    }
}

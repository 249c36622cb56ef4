namespace Laoshi.Core.Errors;

/// <summary>
/// One thing wrong with user input, with enough of a location (file, line, JSON path, field)
/// that a person can find and fix it.
/// </summary>
public sealed record InputError(string Message, string? File = null, long? Line = null, string? Path = null, string? Field = null)
{
    public override string ToString()
    {
        var where = new List<string>();
        if (File is not null) where.Add(File);
        if (Line is not null) where.Add($"line {Line}");
        if (Path is not null) where.Add(Path);
        if (Field is not null) where.Add($"field '{Field}'");
        return where.Count == 0 ? Message : $"{string.Join(", ", where)}: {Message}";
    }
}

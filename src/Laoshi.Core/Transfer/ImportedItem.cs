using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Regions;

namespace Laoshi.Core.Transfer;

/// <summary>One answer read from an import: an annotation, or a prediction when ModelVersion/Score are set.</summary>
public sealed record ImportedAnswer(
    IReadOnlyList<Region> Result,
    double? LeadTime = null,
    string? CompletedBy = null,
    DateTimeOffset? CreatedAt = null,
    string? ModelVersion = null,
    double? Score = null);

/// <summary>A file on disk (or fetched) that becomes a blob; its blob URL replaces data[DataKey].</summary>
public sealed record FileReference(string DataKey, string Path);

/// <summary>One item read from an import, with where it came from for error messages.</summary>
public sealed record ImportedItem(
    JsonObject Data,
    IReadOnlyList<ImportedAnswer> Annotations,
    IReadOnlyList<ImportedAnswer> Predictions,
    IReadOnlyList<FileReference> Files,
    InputError Where)
{
    public ImportedItem(JsonObject data, InputError where) : this(data, [], [], [], where) { }
}

/// <summary>What a reader yields: an item, or a row it could not read (with the reason and location).</summary>
public abstract record ImportRow;
public sealed record GoodRow(ImportedItem Item) : ImportRow;
public sealed record BadRow(InputError Error) : ImportRow;

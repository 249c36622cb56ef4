using Laoshi.Core.Schema;

namespace Laoshi.Learning.External;

/// <summary>
/// What a Label Studio ML backend needs to know: its URL, the project's labeling config (XML, as Label Studio sends
/// it) and the schema to read its results with, and the project's id as Label Studio would send it ("id.created").
/// </summary>
public sealed record LabelStudioBackendOptions(Uri Url, ProjectSchema Schema, string Project, string? AccessToken = null, string? Hostname = null)
{
    public string LabelConfig { get; } = LabelStudioConfig.Write(Schema);
}

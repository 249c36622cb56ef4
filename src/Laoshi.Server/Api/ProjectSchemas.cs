using System.Collections.Concurrent;
using Laoshi.Core.Schema;
using Laoshi.Storage;

namespace Laoshi.Server.Api;

/// <summary>
/// Reads annotation rules given as a Laoshi schema (JSON) or a Label Studio config (XML), and keeps the
/// parsed schema of each project so requests don't parse it again.
/// </summary>
public sealed class ProjectSchemas
{
    private readonly ConcurrentDictionary<(long Id, string Json), ProjectSchema> parsed = new();

    /// <summary>Parses and validates schema text; returns the schema and its canonical Laoshi JSON.</summary>
    public static (ProjectSchema Schema, string Json) Parse(string text)
    {
        var schema = SchemaReader.Parse(text);
        return (schema, SchemaJson.Write(schema));
    }

    public ProjectSchema For(ProjectInfo project) => For(project.Id, project.SchemaJson);

    public ProjectSchema For(ProjectRef project) => For(project.Id, project.SchemaJson);

    private ProjectSchema For(long id, string json) => parsed.GetOrAdd((id, json), key => SchemaJson.Parse(key.Json));
}

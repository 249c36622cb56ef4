using System.Text.Json.Serialization;

namespace Laoshi.Storage;

/// <summary>How a project's annotating went over time and across people (the dashboard's charts).</summary>
public sealed record ProjectActivity(
    [property: JsonPropertyName("by_day")] IReadOnlyList<DayActivity> ByDay,
    [property: JsonPropertyName("by_person")] IReadOnlyList<PersonActivity> ByPerson);

/// <param name="Day">The UTC day, yyyy-MM-dd.</param>
/// <param name="Annotations">Annotations submitted that day (every version counts: each is work done).</param>
public sealed record DayActivity(
    [property: JsonPropertyName("day")] string Day,
    [property: JsonPropertyName("annotations")] long Annotations);

/// <param name="MeanLeadTime">Mean seconds spent per annotation, where the client reported it.</param>
public sealed record PersonActivity(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("annotations")] long Annotations,
    [property: JsonPropertyName("mean_lead_time")] double? MeanLeadTime);

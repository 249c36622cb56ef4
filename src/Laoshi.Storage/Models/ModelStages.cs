namespace Laoshi.Storage.Models;

/// <summary>A registered model version's stage: new versions are candidates; one version of a name is in production.</summary>
public static class ModelStages
{
    public const string Candidate = "candidate";
    public const string Production = "production";
    public const string Archived = "archived";

    public static readonly IReadOnlyList<string> All = [Candidate, Production, Archived];

    public static bool IsKnown(string? stage) => stage is Candidate or Production or Archived;
}
